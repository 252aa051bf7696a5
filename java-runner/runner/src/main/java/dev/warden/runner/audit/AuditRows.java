package dev.warden.runner.audit;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rows the audit reads from an org, as plain values (no API types): what {@link AuditEngine} aggregates. */
public final class AuditRows {
    private AuditRows() {}

    public record User(String id, String username, boolean active, String profileId, String profileName, String license) {}

    /**
     * A permission set; {@code permissions} holds only the enabled ones the audit tracks. Profile-owned sets carry
     * the profile's permissions ({@code ownedByProfile}, {@code profileId}).
     */
    public record PermissionSet(String id, String name, boolean ownedByProfile, String profileId, String profileName, Set<String> permissions) {
        public PermissionSet {
            permissions = Set.copyOf(permissions);
        }
    }

    /** A muting permission set: what it takes away inside its group. */
    public record MutingPermissionSet(String id, String name, Set<String> permissions) {
        public MutingPermissionSet {
            permissions = Set.copyOf(permissions);
        }
    }

    /** An ObjectPermissions row with View All or Modify All; {@code parentId} is a permission set or muting set. */
    public record ObjectPermission(String parentId, String sobject, boolean viewAll, boolean modifyAll) {}

    public record PermissionSetGroup(String id, String name) {}

    /** A group member: a permission set or a muting permission set. */
    public record GroupComponent(String groupId, String memberId) {}

    /** A permission set assignment: either to a permission set or to a group ({@code groupId} set). */
    public record Assignment(String assigneeId, String permissionSetId, String groupId) {}

    public record PslAssignment(String assigneeId, String license) {}

    /**
     * An External Client App or connected app and its OAuth policies. {@code permittedUsers}: {@code AdminApprovedPreAuthorized}
     * or {@code AllSelfAuthorized}; {@code installed} null when the org cannot tell.
     */
    public record App(String name, String kind, Boolean installed, String permittedUsers, List<String> preAuthorizedBy, String ipRelaxation,
                      String refreshTokenPolicy, List<String> scopes, List<String> extraFlows) {
        public App {
            preAuthorizedBy = preAuthorizedBy == null ? List.of() : List.copyOf(preAuthorizedBy);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            extraFlows = extraFlows == null ? List.of() : List.copyOf(extraFlows);
        }
    }

    /** An OAuth token (OauthToken): which app a user authorized, how often it was used. */
    public record OAuthToken(String appName, String userId, String username, long useCount, String lastUsed) {}

    /** An IP range as the org holds it (unvalidated: a profile may allow every address). */
    public record Range(String start, String end, String description) {
        public Range {
            number(start);
            number(end);
        }

        /** {@code a.b.c.d/n} or {@code start-end} or one address. */
        public static Range parse(String text, String description) {
            int slash = text.indexOf('/');
            if (slash > 0) {
                BigInteger base = number(text.substring(0, slash));
                int bits = text.contains(":") ? 128 : 32;
                int prefix = Integer.parseInt(text.substring(slash + 1));
                BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
                BigInteger first = base.subtract(base.mod(size));
                return new Range(address(first, bits), address(first.add(size).subtract(BigInteger.ONE), bits), description);
            }
            int dash = text.indexOf('-');
            return dash > 0 ? new Range(text.substring(0, dash).trim(), text.substring(dash + 1).trim(), description) : new Range(text, text, description);
        }

        public boolean isIpv4() {
            return !start.contains(":");
        }

        public BigInteger size() {
            return number(end).subtract(number(start)).add(BigInteger.ONE);
        }

        public boolean overlaps(Range o) {
            return isIpv4() == o.isIpv4() && number(start).compareTo(number(o.end)) <= 0 && number(o.start).compareTo(number(end)) <= 0;
        }

        public boolean contains(Range o) {
            return isIpv4() == o.isIpv4() && number(start).compareTo(number(o.start)) <= 0 && number(end).compareTo(number(o.end)) >= 0;
        }

        @Override
        public String toString() {
            return start.equals(end) ? start : start + "-" + end;
        }

        /** An IP literal as a number; literals only (no name lookup happens for them). */
        static BigInteger number(String address) {
            if (address == null || !address.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("not an IP address: " + address);
            }
            try {
                return new BigInteger(1, InetAddress.getByName(address).getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + address, e);
            }
        }

        private static String address(BigInteger n, int bits) {
            byte[] raw = n.toByteArray();
            byte[] bytes = new byte[bits / 8];
            for (int i = 0; i < Math.min(raw.length, bytes.length); i++) {
                bytes[bytes.length - 1 - i] = raw[raw.length - 1 - i];
            }
            try {
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }

    /** Trusted IP ranges, login ranges per profile, and session settings; {@code lockSessionsToIp} null when unread. */
    public record Network(List<Range> trustedRanges, Map<String, List<Range>> profileLoginRanges, Boolean lockSessionsToIp) {
        public Network {
            trustedRanges = List.copyOf(trustedRanges);
            profileLoginRanges = Map.copyOf(profileLoginRanges);
        }
    }

    public record ApiUsage(long used, long max, int reservePercent) {}
}
