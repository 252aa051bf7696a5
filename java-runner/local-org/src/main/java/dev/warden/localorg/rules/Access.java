package dev.warden.localorg.rules;

import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.UserPermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a user or a set of permission sets grants: the union of the permission sets (the profile's owned set
 * included) and of permission set groups' components, minus what the groups' muting permission sets mute.
 */
public final class Access {
    /** Object permission flags, as in ObjectPermissions. */
    public record ObjectAccess(
            boolean read, boolean create, boolean edit, boolean delete, boolean viewAll, boolean modifyAll) {
        static final ObjectAccess NONE = new ObjectAccess(false, false, false, false, false, false);

        ObjectAccess or(ObjectAccess o) {
            return new ObjectAccess(
                    read || o.read,
                    create || o.create,
                    edit || o.edit,
                    delete || o.delete,
                    viewAll || o.viewAll,
                    modifyAll || o.modifyAll);
        }

        public boolean any() {
            return read || create || edit || delete || viewAll || modifyAll;
        }
    }

    private final Set<String> userPermissions;
    private final Map<String, ObjectAccess> objects;
    private final Set<String> customPermissions;
    private final Set<String> apexClasses;
    private final Set<String> permissionSetNames;

    private Access(
            Set<String> userPermissions,
            Map<String, ObjectAccess> objects,
            Set<String> customPermissions,
            Set<String> apexClasses,
            Set<String> permissionSetNames) {
        this.userPermissions = userPermissions;
        this.objects = objects;
        this.customPermissions = customPermissions;
        this.apexClasses = apexClasses;
        this.permissionSetNames = permissionSetNames;
    }

    /** Everything the user's active assignments grant. */
    public static Access ofUser(OrgDatabase db, String userId) {
        List<Record> psas = db.findBy("PermissionSetAssignment", "AssigneeId", userId);
        Set<String> granting = new LinkedHashSet<>();
        Set<String> muting = new LinkedHashSet<>();
        for (Record a : psas) {
            if (a.get("PermissionSetId") != null) {
                granting.add(a.getString("PermissionSetId"));
            } else if (a.get("PermissionSetGroupId") != null) {
                addGroup(db, a.getString("PermissionSetGroupId"), granting, muting);
            }
        }
        return of(db, granting, muting);
    }

    /** What one permission set or permission set group grants. */
    public static Access ofPermissionSetOrGroup(OrgDatabase db, String id) {
        Set<String> granting = new LinkedHashSet<>();
        Set<String> muting = new LinkedHashSet<>();
        Record r = db.live(id);
        if (r != null && r.objectName().equals("PermissionSetGroup")) {
            addGroup(db, id, granting, muting);
        } else {
            granting.add(id);
        }
        return of(db, granting, muting);
    }

    private static void addGroup(OrgDatabase db, String groupId, Set<String> granting, Set<String> muting) {
        for (Record c : db.findBy("PermissionSetGroupComponent", "PermissionSetGroupId", groupId)) {
            Record member = db.live(c.getString("PermissionSetId"));
            if (member == null) {
                continue;
            }
            (member.objectName().equals("MutingPermissionSet") ? muting : granting).add(member.id());
        }
    }

    private static Access of(OrgDatabase db, Set<String> granting, Set<String> muting) {
        Set<String> perms = new HashSet<>();
        Map<String, ObjectAccess> objects = new HashMap<>();
        Set<String> custom = new HashSet<>();
        Set<String> classes = new HashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (String psId : granting) {
            Record ps = db.live(psId);
            if (ps == null) {
                continue;
            }
            names.add(ps.getString("Name"));
            collect(db, ps, perms, objects, custom, classes);
        }
        if (!muting.isEmpty()) {
            Set<String> mPerms = new HashSet<>();
            Map<String, ObjectAccess> mObjects = new HashMap<>();
            Set<String> mCustom = new HashSet<>();
            Set<String> mClasses = new HashSet<>();
            for (String id : muting) {
                Record m = db.live(id);
                if (m != null) {
                    collect(db, m, mPerms, mObjects, mCustom, mClasses);
                }
            }
            perms.removeAll(mPerms);
            custom.removeAll(mCustom);
            classes.removeAll(mClasses);
            mObjects.forEach((obj, muted) -> objects.computeIfPresent(
                    obj,
                    (k, a) -> new ObjectAccess(
                            a.read && !muted.read,
                            a.create && !muted.create,
                            a.edit && !muted.edit,
                            a.delete && !muted.delete,
                            a.viewAll && !muted.viewAll,
                            a.modifyAll && !muted.modifyAll)));
        }
        return new Access(perms, objects, custom, classes, names);
    }

    private static void collect(
            OrgDatabase db,
            Record ps,
            Set<String> perms,
            Map<String, ObjectAccess> objects,
            Set<String> custom,
            Set<String> classes) {
        for (String p : UserPermissions.names()) {
            if (ps.is(UserPermissions.fieldName(p))) {
                perms.add(p);
            }
        }
        for (Record op : db.findBy("ObjectPermissions", "ParentId", ps.id())) {
            ObjectAccess a = new ObjectAccess(
                    op.is("PermissionsRead"),
                    op.is("PermissionsCreate"),
                    op.is("PermissionsEdit"),
                    op.is("PermissionsDelete"),
                    op.is("PermissionsViewAllRecords"),
                    op.is("PermissionsModifyAllRecords"));
            objects.merge(op.getString("SobjectType").toLowerCase(java.util.Locale.ROOT), a, ObjectAccess::or);
        }
        for (Record sea : db.findBy("SetupEntityAccess", "ParentId", ps.id())) {
            Record entity = db.live(sea.getString("SetupEntityId"));
            if (entity == null) {
                continue;
            }
            if (entity.objectName().equals("CustomPermission")) {
                custom.add(entity.getString("DeveloperName"));
            } else if (entity.objectName().equals("ApexClass")) {
                classes.add(entity.getString("Name"));
            }
        }
    }

    public boolean has(String userPermission) {
        return userPermissions.contains(UserPermissions.canonical(userPermission));
    }

    public Set<String> userPermissions() {
        return Set.copyOf(userPermissions);
    }

    public ObjectAccess object(String objectName) {
        ObjectAccess a = objects.getOrDefault(objectName.toLowerCase(java.util.Locale.ROOT), ObjectAccess.NONE);
        if (has("ModifyAllData")) {
            return new ObjectAccess(true, true, true, true, true, true);
        }
        if (has("ViewAllData")) {
            return a.or(new ObjectAccess(true, false, false, false, true, false));
        }
        return a;
    }

    public Map<String, ObjectAccess> objects() {
        return Map.copyOf(objects);
    }

    public boolean hasCustomPermission(String developerName) {
        return customPermissions.stream().anyMatch(c -> c.equalsIgnoreCase(developerName));
    }

    public Set<String> customPermissions() {
        return Set.copyOf(customPermissions);
    }

    /** Apex class access: explicit class access, or Author Apex / Modify All Data (as on the platform). */
    public boolean canRunClass(String className) {
        return has("AuthorApex")
                || has("ModifyAllData")
                || apexClasses.stream().anyMatch(c -> c.equalsIgnoreCase(className));
    }

    public Set<String> apexClasses() {
        return Set.copyOf(apexClasses);
    }

    /** Names of the permission sets the access comes from (profile-owned ones included). */
    public Set<String> permissionSetNames() {
        return Set.copyOf(permissionSetNames);
    }
}
