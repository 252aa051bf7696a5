package dev.warden.runner.org;

import dev.warden.runner.blueprint.IpRange;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Values the runner reads from and writes to an org, independent of which API carried them. */
public final class OrgModel {
    private OrgModel() {}

    /** Permissions no integration user should hold unless its blueprint asks (design.md, verification checks). */
    public static final List<String> DANGEROUS_PERMISSIONS = List.of(
            "ModifyAllData",
            "ViewAllData",
            "AuthorApex",
            "CustomizeApplication",
            "ModifyMetadata",
            "ManageUsers",
            "AssignPermissionSets",
            "PasswordNeverExpires");

    public record UserState(
            String id, String username, boolean active, String profileId, String profileName, String licenseName) {}

    /** A permission set or PSL assignment: its record id, what it assigns (id and API name). */
    public record Assignment(String id, String targetId, String name) {}

    /** One permission set as the org knows it; {@code license} is null for a set without a license. */
    public record PermissionSetInfo(String id, String name, String license) {}

    /**
     * Everything the user holds: non-profile permission set assignments, PSL assignments, and every enabled
     * dangerous permission with the permission sets (or the profile) granting it.
     */
    public record UserAccess(
            List<Assignment> permissionSets,
            List<Assignment> permissionSetLicenses,
            Map<String, List<String>> dangerousPermissionSources) {
        public UserAccess {
            permissionSets = List.copyOf(permissionSets);
            permissionSetLicenses = List.copyOf(permissionSetLicenses);
            dangerousPermissionSources = Map.copyOf(dangerousPermissionSources);
        }

        public static UserAccess none() {
            return new UserAccess(List.of(), List.of(), Map.of());
        }

        public Set<String> permissionSetNames() {
            return names(permissionSets);
        }

        public Set<String> pslNames() {
            return names(permissionSetLicenses);
        }

        private static Set<String> names(List<Assignment> list) {
            return list.stream()
                    .map(Assignment::name)
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    public record NewUser(
            String username, String email, String alias, String firstName, String lastName, String profileId) {}

    /**
     * The External Client App as read through the Metadata API. {@code certificate} is the PEM on the global OAuth
     * settings (public, not a secret); {@code consumerKey} identifies the app (the secret is never read).
     */
    public record EcaState(
            boolean installed,
            boolean globalSettings,
            String certificate,
            String consumerKey,
            List<String> scopes,
            String permittedUsers,
            List<String> preAuthorizingPermissionSets,
            List<String> preAuthorizingProfiles,
            String ipRelaxation,
            String refreshTokenPolicy,
            List<String> enabledExtraFlows,
            boolean blocked,
            Boolean usageInstalled) {
        public static EcaState absent() {
            return new EcaState(
                    false, false, null, null, List.of(), null, List.of(), List.of(), null, null, List.of(), false,
                    null);
        }

        /**
         * Whether the app is installed in "Connected Apps OAuth Usage" (no public API reads it; the embedded org
         * answers through its admin endpoint, real orgs leave it null and the JWT login tells).
         */
        public EcaState withUsageInstalled(Boolean value) {
            return new EcaState(
                    installed,
                    globalSettings,
                    certificate,
                    consumerKey,
                    scopes,
                    permittedUsers,
                    preAuthorizingPermissionSets,
                    preAuthorizingProfiles,
                    ipRelaxation,
                    refreshTokenPolicy,
                    enabledExtraFlows,
                    blocked,
                    value);
        }
    }

    /** Org trusted ranges (Network Access) and the login ranges of the integration profile. */
    public record NetworkState(
            List<IpRange> trustedRanges, List<IpRange> profileLoginRanges, boolean lockSessionsToIp) {}

    public record ApiUsage(long used, long max) {
        public double fraction() {
            return max <= 0 ? 0 : (double) used / max;
        }
    }
}
