package dev.warden.runner.plan;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a step does, with every input the planner decided (ids resolved from the observed org, merged lists, the
 * snapshot's fallback values), so the provisioner executes it and never looks at the blueprint or the observation
 * again. "The integration user" is implicit: its id is the observed one or the one {@link CreateUser} returns.
 */
public sealed interface StepAction {

    StepKind kind();

    /** @param user the profile id is the bootstrap profile's when the blueprint has one, else the final one's */
    record CreateUser(NewUser user) implements StepAction {
        public StepKind kind() {
            return StepKind.CREATE_USER;
        }
    }

    /** @param permissionSetIds API name to permission set id, in the blueprint's order */
    record AssignBootstrapPermissionSets(Map<String, String> permissionSetIds) implements StepAction {
        public AssignBootstrapPermissionSets {
            permissionSetIds = ordered(permissionSetIds);
        }

        public StepKind kind() {
            return StepKind.ASSIGN_BOOTSTRAP_PERMISSION_SETS;
        }
    }

    /** The temporary approval permission set, assigned to the installing admin. */
    record AssignApprovalPermissionSet(String adminId, String permissionSet, String permissionSetId)
            implements StepAction {
        public StepKind kind() {
            return StepKind.ASSIGN_APPROVAL_PERMISSION_SET;
        }
    }

    /**
     * @param certificatePath null when the runner generates the key pair (and the consumer key) for the org
     * @param certificateWhere where {@code app.certificate} is in the blueprint, for the error when it cannot be read
     * @param consumerKey the app's consumer key as observed, kept when the certificate is given; null when none
     */
    record DeployGlobalOauthSettings(
            String eca, String certificatePath, String certificateWhere, String consumerKey, String callbackUrl)
            implements StepAction {
        public boolean generatesCertificate() {
            return certificatePath == null;
        }

        public StepKind kind() {
            return StepKind.DEPLOY_GLOBAL_OAUTH_SETTINGS;
        }
    }

    record InstallApp(String eca) implements StepAction {
        public StepKind kind() {
            return StepKind.INSTALL_APP;
        }
    }

    /** The blueprint's app: the policies written are the ones it states. */
    record UpsertOauthPolicies(Blueprint.App app) implements StepAction {
        public StepKind kind() {
            return StepKind.UPSERT_OAUTH_POLICIES;
        }
    }

    /** @param ranges the complete list to write (Network Access is replaced on deploy): the org's plus the missing */
    record WriteTrustedRanges(List<IpRange> ranges) implements StepAction {
        public WriteTrustedRanges {
            ranges = List.copyOf(ranges);
        }

        public StepKind kind() {
            return StepKind.MERGE_TRUSTED_RANGES;
        }
    }

    /** @param ranges the complete list of the profile's login ranges: the org's plus the missing */
    record WriteProfileLoginRanges(String profile, List<IpRange> ranges) implements StepAction {
        public WriteProfileLoginRanges {
            ranges = List.copyOf(ranges);
        }

        public StepKind kind() {
            return StepKind.MERGE_PROFILE_LOGIN_RANGES;
        }
    }

    /**
     * Snapshot, switch, re-assign. The snapshot is read from the org when the step runs (assignments change in the
     * run); the user's profile and license before the switch are the planner's ({@code from}).
     *
     * @param from the profile and license the user is on before the switch (the bootstrap's for a user created in this
     *     run)
     * @param finalProfileId the profile to switch to
     * @param reactivate the user was deactivated by an earlier failed switch; on the final profile it may log in again
     * @param licenses PSL API name to id, every one the final phase wants (missing ones are assigned after the switch)
     * @param permissionSets API name to id, every permission set the final phase wants
     * @param bootstrapOnly bootstrap permission sets the final phase does not want: removed after the switch
     * @param bootstrapProfile the blueprint's bootstrap profile, null without one: a restore onto it deactivates the
     *     user
     */
    record SwitchLicense(
            Before from,
            String finalProfileId,
            boolean reactivate,
            Map<String, String> licenses,
            Map<String, String> permissionSets,
            Set<String> bootstrapOnly,
            String bootstrapProfile)
            implements StepAction {
        public SwitchLicense {
            licenses = ordered(licenses);
            permissionSets = ordered(permissionSets);
            bootstrapOnly = Set.copyOf(bootstrapOnly);
        }

        public StepKind kind() {
            return StepKind.SWITCH_LICENSE;
        }
    }

    /** The user's profile and license before a switch, as the snapshot records them. */
    record Before(String profileId, String profileName, String licenseName) {}

    /** @param licenseIds PSL API name to id */
    record AssignPermissionSetLicenses(Map<String, String> licenseIds) implements StepAction {
        public AssignPermissionSetLicenses {
            licenseIds = ordered(licenseIds);
        }

        public StepKind kind() {
            return StepKind.ASSIGN_PERMISSION_SET_LICENSES;
        }
    }

    /** @param permissionSetIds API name to permission set id */
    record AssignPermissionSets(Map<String, String> permissionSetIds) implements StepAction {
        public AssignPermissionSets {
            permissionSetIds = ordered(permissionSetIds);
        }

        public StepKind kind() {
            return StepKind.ASSIGN_PERMISSION_SETS;
        }
    }

    /** @param assignments the user's observed assignments of the bootstrap-only permission sets */
    record RemoveBootstrapPermissionSets(List<Assignment> assignments) implements StepAction {
        public RemoveBootstrapPermissionSets {
            assignments = List.copyOf(assignments);
        }

        public StepKind kind() {
            return StepKind.REMOVE_BOOTSTRAP_PERMISSION_SETS;
        }
    }

    /**
     * @param assignmentId the admin's observed assignment, null when it is assigned in this run (the provisioner
     *     knows that id) or could not be seen
     */
    record RemoveApprovalPermissionSet(String adminId, String permissionSet, String assignmentId)
            implements StepAction {
        public StepKind kind() {
            return StepKind.REMOVE_APPROVAL_PERMISSION_SET;
        }
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }
}
