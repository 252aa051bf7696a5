package dev.warden.runner.plan;

import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.org.OrgModel.NetworkState;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import java.util.Map;

/**
 * The org as read before planning.
 *
 * @param user the integration user, null when it does not exist
 * @param admin the installing admin (the user the runner is logged in as)
 * @param approvalAssignmentId the admin's assignment of the approval permission set, null when not assigned
 * @param eca null when the app could not be read (no Metadata API); the plan then says so
 * @param network null when network settings could not be read
 * @param localCertificate the certificate of this machine's key pair for the org, null when there is none yet
 */
public record Observed(
        String orgId,
        UserState user,
        UserAccess access,
        Map<String, PermissionSetInfo> permissionSets,
        Map<String, String> profiles,
        Map<String, String> permissionSetLicenses,
        UserState admin,
        String approvalAssignmentId,
        EcaState eca,
        NetworkState network,
        String localCertificate) {
    public Observed {
        access = access == null ? UserAccess.none() : access;
        permissionSets = Map.copyOf(permissionSets);
        profiles = Map.copyOf(profiles);
        permissionSetLicenses = Map.copyOf(permissionSetLicenses);
    }
}
