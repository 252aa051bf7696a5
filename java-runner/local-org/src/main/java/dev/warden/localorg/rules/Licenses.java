package dev.warden.localorg.rules;

import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.UserPermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user-license model: which permissions a user's license allows, and whether a permission set (or group) can be
 * assigned to a user.
 *
 * <p>Model (salesforce-metadata-and-api.md 4.1/4.4; anchors.md "known platform traps"; the exact allowed lists are
 * UNCONFIRMED and documented in docs/local-org.md):
 * <ul>
 * <li>Salesforce license: every modelled permission.</li>
 * <li>Salesforce Integration license without the Salesforce API Integration PSL: only {@code ApiEnabled} and
 *     {@code ApiUserOnly} (what the Minimum Access - API Only Integrations profile carries), no object permissions.</li>
 * <li>Salesforce Integration license with the PSL: "many of the same user and object permissions commonly available
 *     in the standard System Administrator profile" (doc) — modelled as every permission except the interactive /
 *     app-approval ones in {@link #NOT_WITH_API_PSL}, and all object permissions.</li>
 * <li>A permission set whose License is a permission set license needs that PSL assigned first; one whose License is
 *     a user license needs the user to have that license.</li>
 * </ul>
 */
public final class Licenses {
    public static final String SALESFORCE = "Salesforce";
    public static final String INTEGRATION = "Salesforce Integration";
    public static final String API_INTEGRATION_PSL = "SalesforceAPIIntegrationPsl";
    public static final String API_INTEGRATION_PSL_LABEL = "Salesforce API Integration";
    public static final String INTEGRATION_PROFILE = "Minimum Access - API Only Integrations";

    static final Set<String> INTEGRATION_WITHOUT_PSL = Set.of("ApiEnabled", "ApiUserOnly");
    static final Set<String> NOT_WITH_API_PSL = Set.of(
            "CanApproveUninstalledApps",
            "ManageRemoteAccess",
            "ExternalClientAppAdmin",
            "ExternalClientAppDeveloper",
            "ExternalClientAppViewer",
            "ViewClientSecret",
            "ClientSecretRotation",
            "ForceTwoFactor",
            "DelegatedTwoFactor",
            "BypassMFAForUiLogins");

    private Licenses() {}

    /** Name of the user license of the user's profile. */
    public static String userLicenseName(OrgDatabase db, Record user) {
        Record profile = db.retrieve(user.getString("ProfileId"));
        return profile == null ? null : licenseNameOfProfile(db, profile);
    }

    public static String licenseNameOfProfile(OrgDatabase db, Record profile) {
        Record lic = db.retrieve(profile.getString("UserLicenseId"));
        return lic == null ? null : lic.getString("Name");
    }

    /** True when the user holds an assignment of the permission set license with this DeveloperName. */
    public static boolean holdsPsl(OrgDatabase db, String userId, String pslId) {
        for (Record a : db.findBy("PermissionSetLicenseAssign", "AssigneeId", userId)) {
            if (a.getString("PermissionSetLicenseId").equals(pslId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the user's license (and held PSLs) allows a user permission. */
    public static boolean allows(OrgDatabase db, Record user, String permission) {
        String license = userLicenseName(db, user);
        if (!INTEGRATION.equals(license)) {
            return true;
        }
        if (INTEGRATION_WITHOUT_PSL.contains(permission)) {
            return true;
        }
        Record psl = db.findOne("PermissionSetLicense", "DeveloperName", API_INTEGRATION_PSL);
        return psl != null && holdsPsl(db, user.id(), psl.id()) && !NOT_WITH_API_PSL.contains(permission);
    }

    /**
     * Throws FIELD_INTEGRITY_EXCEPTION when the permission set or group can't be assigned to the user.
     * Message format from salesforce-metadata-and-api.md 4.4 [COMMUNITY, many].
     */
    public static void checkAssignable(OrgDatabase db, Record user, String permissionSetOrGroupId) {
        Record target = db.live(permissionSetOrGroupId);
        if (target == null) {
            return;
        }
        String targetName = target.objectName().equals("PermissionSet")
                ? target.getString("Label")
                : target.getString("MasterLabel");
        String prefix = "Can't assign permission set " + targetName + " to user " + user.getString("Username") + ". ";
        String userLicense = userLicenseName(db, user);
        List<Record> members = target.objectName().equals("PermissionSetGroup")
                ? db.findBy("PermissionSetGroupComponent", "PermissionSetGroupId", target.id()).stream()
                        .map(c -> db.live(c.getString("PermissionSetId")))
                        .filter(r -> r != null && r.objectName().equals("PermissionSet"))
                        .toList()
                : List.of(target);
        Access access = Access.ofPermissionSetOrGroup(db, target.id());
        for (Record ps : members) {
            Record license = ps.get("LicenseId") == null ? null : db.retrieve(ps.getString("LicenseId"));
            if (license == null || ps.is("IsOwnedByProfile")) {
                continue;
            }
            if (license.objectName().equals("UserLicense")
                    && !license.getString("Name").equals(userLicense)) {
                // Doc: "its UserLicenseId and the Profile UserLicenseId must match"; wording UNCONFIRMED.
                throw new OrgException(
                        "FIELD_INTEGRITY_EXCEPTION",
                        prefix + "The permission set license " + license.getString("Name")
                                + " doesn't match the user license " + userLicense + ".");
            }
            if (license.objectName().equals("PermissionSetLicense") && !holdsPsl(db, user.id(), license.id())) {
                String first = access.userPermissions().isEmpty()
                        ? license.getString("MasterLabel")
                        : UserPermissions.label(firstInOrder(access.userPermissions()));
                throw new OrgException(
                        "FIELD_INTEGRITY_EXCEPTION",
                        prefix + "The user license doesn't allow the permission: " + first);
            }
        }
        if (!INTEGRATION.equals(userLicense)) {
            return;
        }
        for (String p : UserPermissions.names()) {
            if (access.userPermissions().contains(p) && !allows(db, user, p)) {
                throw new OrgException(
                        "FIELD_INTEGRITY_EXCEPTION",
                        prefix + "The user license doesn't allow the permission: " + UserPermissions.label(p));
            }
        }
        Record psl = db.findOne("PermissionSetLicense", "DeveloperName", API_INTEGRATION_PSL);
        boolean hasPsl = psl != null && holdsPsl(db, user.id(), psl.id());
        if (!hasPsl) {
            for (Map.Entry<String, Access.ObjectAccess> e : access.objects().entrySet()) {
                Access.ObjectAccess a = e.getValue();
                if (a.any()) {
                    String verb = a.read()
                            ? "Read"
                            : a.create()
                                    ? "Create"
                                    : a.edit()
                                            ? "Edit"
                                            : a.delete() ? "Delete" : a.viewAll() ? "View All" : "Modify All";
                    String objectName = db.schema().get(e.getKey()) != null
                            ? db.schema().get(e.getKey()).name()
                            : e.getKey();
                    throw new OrgException(
                            "FIELD_INTEGRITY_EXCEPTION",
                            prefix + "The user license doesn't allow the permission: " + verb + " " + objectName);
                }
            }
        }
    }

    private static String firstInOrder(Set<String> perms) {
        for (String p : UserPermissions.names()) {
            if (perms.contains(p)) {
                return p;
            }
        }
        return perms.iterator().next();
    }
}
