package dev.warden.localorg.oauth;

import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import java.util.List;

/**
 * Who may log in through which app from where. Errors in Salesforce's words (salesforce-metadata-and-api.md 5.5
 * and 7; anchors.md "known platform traps").
 */
final class LoginPolicy {
    static final String NOT_APPROVED = "user hasn't approved this consumer";
    static final String IP_RESTRICTED = "IP restricted or invalid login hours";

    private LoginPolicy() {}

    static void checkUser(Record user) {
        if (!user.is("IsActive")) {
            throw new OAuthError("invalid_grant", "inactive user", user.id());
        }
    }

    /**
     * The app may be used by this user: installed (or the user holds Approve Uninstalled Connected Apps), enabled,
     * and the user pre-authorized when the policy is admin-approved. JWT bearer needs pre-authorization: with
     * AllSelfAuthorized there is no prior approval an API-only flow could have made (doc section 7).
     */
    static void checkApp(Org org, ExternalClientApp app, Record user, boolean jwt) {
        OrgDatabase db = org.db();
        if (!app.enabled()) {
            throw new OAuthError("invalid_client", "app is disabled", user.id());
        }
        Access access = Access.ofUser(db, user.id());
        if (!app.installed() && !access.has("CanApproveUninstalledApps")) {
            throw new OAuthError("OAUTH_APP_BLOCKED", "this app is blocked by admin", user.id());
        }
        ExternalClientApp.OAuthPolicies p = app.policies();
        boolean adminApproved =
                p != null && "AdminApprovedPreAuthorized".equalsIgnoreCase(p.permittedUsersPolicyType());
        if (adminApproved) {
            if (!preAuthorized(db, p, user)) {
                throw new OAuthError("invalid_grant", NOT_APPROVED, user.id());
            }
        } else if (jwt) {
            throw new OAuthError("invalid_grant", NOT_APPROVED, user.id());
        }
    }

    /**
     * Pre-authorized through the policy's profiles or permission sets (names or ids). A permission set that carries
     * a permission set license (e.g. Salesforce API Integration) cannot hold assigned apps, so it never
     * pre-authorizes (anchors.md "known platform traps").
     */
    static boolean preAuthorized(OrgDatabase db, ExternalClientApp.OAuthPolicies p, Record user) {
        Record profile = db.retrieve(user.getString("ProfileId"));
        for (String prof : p.profiles()) {
            if (prof.equalsIgnoreCase(profile.getString("Name"))
                    || prof.equals(profile.id())
                    || prof.equals(profile.id().substring(0, 15))) {
                return true;
            }
        }
        for (Record a : db.findBy("PermissionSetAssignment", "AssigneeId", user.id())) {
            Object psId = a.get("PermissionSetId");
            Record ps = psId == null ? null : db.live(psId.toString());
            if (ps == null || ps.is("IsOwnedByProfile")) {
                continue;
            }
            Record license = ps.get("LicenseId") == null ? null : db.retrieve(ps.getString("LicenseId"));
            if (license != null && license.objectName().equals("PermissionSetLicense")) {
                continue;
            }
            for (String name : p.permissionSets()) {
                if (name.equalsIgnoreCase(ps.getString("Name"))
                        || name.equals(ps.id())
                        || name.equals(ps.id().substring(0, 15))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Profile login IP ranges are a hard block; the org's trusted ranges (Network Access) are not: they only spare
     * users the identity challenge (KB 000386441, salesforce-metadata-and-api.md 5.1), which token flows never get.
     * So trusted ranges never refuse an OAuth login here ({@code OrgMetadata.isTrustedAddress} reports them for a
     * password login's security-token rule). Under "Enforce IP restrictions" the profile ranges apply; Bypass
     * relaxes them; Enforce_RelaxRefresh relaxes them for the refresh token flow.
     */
    static void checkIp(Org org, ExternalClientApp app, Record user, String clientIp, boolean refresh) {
        String relax = app == null || app.policies() == null || app.policies().ipRelaxationPolicyType() == null
                ? "Enforce"
                : app.policies().ipRelaxationPolicyType();
        if (relax.equalsIgnoreCase("Bypass") || (refresh && relax.equalsIgnoreCase("Enforce_RelaxRefresh"))) {
            return;
        }
        Record profile = org.db().retrieve(user.getString("ProfileId"));
        List<IpRange> profileRanges = org.metadata().profileLoginIpRanges(profile.getString("Name"));
        if (!profileRanges.isEmpty() && profileRanges.stream().noneMatch(r -> r.contains(clientIp))) {
            throw new OAuthError("invalid_grant", IP_RESTRICTED, user.id());
        }
    }
}
