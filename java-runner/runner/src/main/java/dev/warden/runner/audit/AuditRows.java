package dev.warden.runner.audit;

import dev.warden.runner.blueprint.IpRange;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rows the audit reads from an org, as plain values (no API types): what {@link AuditEngine} aggregates. */
public final class AuditRows {
    private AuditRows() {}

    public record User(
            String id, String username, boolean active, String profileId, String profileName, String license) {}

    /**
     * A permission set; {@code permissions} holds only the enabled ones the audit tracks. Profile-owned sets carry
     * the profile's permissions ({@code ownedByProfile}, {@code profileId}).
     */
    public record PermissionSet(
            String id,
            String name,
            boolean ownedByProfile,
            String profileId,
            String profileName,
            Set<String> permissions) {
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
    public record App(
            String name,
            String kind,
            Boolean installed,
            String permittedUsers,
            List<String> preAuthorizedBy,
            String ipRelaxation,
            String refreshTokenPolicy,
            List<String> scopes,
            List<String> extraFlows) {
        public App {
            preAuthorizedBy = preAuthorizedBy == null ? List.of() : List.copyOf(preAuthorizedBy);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            extraFlows = extraFlows == null ? List.of() : List.copyOf(extraFlows);
        }
    }

    /** An OAuth token (OauthToken): which app a user authorized, how often it was used. */
    public record OAuthToken(String appName, String userId, String username, long useCount, String lastUsed) {}

    /** Trusted IP ranges, login ranges per profile, and session settings; {@code lockSessionsToIp} null when unread. */
    public record Network(
            List<IpRange> trustedRanges, Map<String, List<IpRange>> profileLoginRanges, Boolean lockSessionsToIp) {
        public Network {
            trustedRanges = List.copyOf(trustedRanges);
            profileLoginRanges = Map.copyOf(profileLoginRanges);
        }
    }

    public record ApiUsage(long used, long max, int reservePercent) {}
}
