package dev.warden.localorg.devhub.packaging.install;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an install's security type grants, modelled on profiles as the local org models them (each profile owns a
 * permission set; access is ObjectPermissions / FieldPermissions rows on it). From Salesforce Help "Install a
 * Package" (recalled, not re-read here: UNCONFIRMED in detail):
 * <ul>
 *   <li>AdminsOnly (sf {@code SecurityType:"none"}): the installing admin's profile and every profile with Customize
 *       Application get Read, Create, Edit, Delete, View All and Modify All on the package's custom objects and read +
 *       edit on their custom fields; other profiles get nothing.</li>
 *   <li>AllUsers ({@code "full"}): the same for those profiles, plus Read, Create, Edit, Delete and field access for
 *       every internal custom profile; standard profiles other than admins get no access.</li>
 * </ul>
 * The local org cannot tell standard from custom profiles by a field: the profiles it seeds and the Salesforce
 * standard names below are standard, every other one is custom. Required fields get no FieldPermissions (the
 * platform refuses them); read-only fields are read only. Existing rows are left as they are (an upgrade or a
 * re-install writes only what is missing).
 */
final class InstallAccess {
    static final Set<String> STANDARD_PROFILES = Set.of(
            "System Administrator",
            "Standard User",
            "Minimum Access - API Only Integrations",
            "Minimum Access - Salesforce",
            "Read Only",
            "Contract Manager",
            "Marketing User",
            "Solution Manager",
            "Standard Platform User");

    private InstallAccess() {}

    /** Grants access to the package's custom objects; returns how many ObjectPermissions rows were written. */
    static int grant(Org org, String securityType, List<String> customObjects) {
        boolean allUsers = "full".equalsIgnoreCase(securityType);
        Caller system = org.system();
        int written = 0;
        for (Record profile : org.db().rows("Profile", false)) {
            Record ps = ownedPermissionSet(org, profile.id());
            if (ps == null) {
                continue;
            }
            boolean admin = profile.id().equals(adminProfileId(org)) || ps.is("PermissionsCustomizeApplication");
            boolean custom = !STANDARD_PROFILES.contains(profile.getString("Name"));
            if (!admin && !(allUsers && custom)) {
                continue;
            }
            for (String objectName : customObjects) {
                SObjectType type = org.schema().get(objectName);
                if (type == null || type.kind() != ObjectKind.CUSTOM_OBJECT) {
                    continue;
                }
                written += objectPermission(org, system, ps.id(), type.name(), admin);
                fieldPermissions(org, system, ps.id(), type);
            }
        }
        return written;
    }

    private static String adminProfileId(Org org) {
        Record admin = org.db().live(org.adminUserId());
        return admin == null ? null : admin.getString("ProfileId");
    }

    private static Record ownedPermissionSet(Org org, String profileId) {
        for (Record r : org.db().findBy("PermissionSet", "ProfileId", profileId)) {
            if (r.is("IsOwnedByProfile")) {
                return r;
            }
        }
        return null;
    }

    private static int objectPermission(Org org, Caller system, String psId, String objectName, boolean admin) {
        for (Record r : org.db().findBy("ObjectPermissions", "ParentId", psId)) {
            if (objectName.equalsIgnoreCase(r.getString("SobjectType"))) {
                return 0;
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ParentId", psId);
        v.put("SobjectType", objectName);
        v.put("PermissionsRead", true);
        v.put("PermissionsCreate", true);
        v.put("PermissionsEdit", true);
        v.put("PermissionsDelete", true);
        v.put("PermissionsViewAllRecords", admin);
        v.put("PermissionsModifyAllRecords", admin);
        org.db().insert(system, "ObjectPermissions", v);
        return 1;
    }

    private static void fieldPermissions(Org org, Caller system, String psId, SObjectType type) {
        List<String> have = new ArrayList<>();
        for (Record r : org.db().findBy("FieldPermissions", "ParentId", psId)) {
            have.add(String.valueOf(r.getString("Field")).toLowerCase(java.util.Locale.ROOT));
        }
        for (FieldDef f : type.fields()) {
            String qualified = type.name() + "." + f.name();
            if (!f.name().endsWith("__c")
                    || f.required()
                    || have.contains(qualified.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("ParentId", psId);
            v.put("SobjectType", type.name());
            v.put("Field", qualified);
            v.put("PermissionsRead", true);
            v.put("PermissionsEdit", f.updateable());
            org.db().insert(system, "FieldPermissions", v);
        }
    }
}
