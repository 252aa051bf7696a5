package dev.warden.localorg.rules;

import dev.warden.localorg.audit.SetupAudit;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RecordChangeListener;
import java.util.List;
import java.util.Map;

/**
 * The platform behaviour the mission depends on, as record change rules on the data service. Each rule cites its
 * source; where the platform's exact wording is not known the text is marked UNCONFIRMED.
 */
public final class PlatformRules {
    private final OrgDatabase db;
    private final SetupAudit audit;

    private PlatformRules(OrgDatabase db, SetupAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    public static void install(OrgDatabase db, SetupAudit audit) {
        PlatformRules r = new PlatformRules(db, audit);
        db.addPlatformRule("User", r.new UserRules());
        db.addPlatformRule("Profile", r.new ProfileRules());
        db.addPlatformRule("PermissionSet", r.new PermissionSetRules());
        db.addPlatformRule("ObjectPermissions", r.new ObjectPermissionRules());
        db.addPlatformRule("PermissionSetAssignment", r.new AssignmentRules());
        db.addPlatformRule("PermissionSetLicenseAssign", r.new LicenseAssignmentRules());
        db.addPlatformRule("PermissionSetGroup", new RecordChangeListener() {
            @Override
            public void beforeChange(RecordChange c) {
                if (c.operation() == Operation.INSERT) {
                    c.draft().put("Status", "Updated");
                }
            }
        });
        ContentRules.install(db);
        StandardObjectRules.install(db);
        db.addPlatformRule(null, r.new AuditRule());
    }

    private Caller system(RecordChange c) {
        return Caller.system(c.caller().userId());
    }

    /** User: computed Name, seat limits, license change side effects, the profile-owned assignment. */
    final class UserRules implements RecordChangeListener {
        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() != Operation.INSERT && c.operation() != Operation.UPDATE) {
                return;
            }
            Map<String, Object> d = c.draft();
            if (d.containsKey("FirstName") || d.containsKey("LastName") || c.operation() == Operation.INSERT) {
                Object first = c.value("FirstName");
                Object last = c.value("LastName");
                d.put("Name", ((first == null ? "" : first + " ") + (last == null ? "" : last)).trim());
            }
            if (c.operation() == Operation.INSERT) {
                d.put("UserType", "Standard");
                d.putIfAbsent("IsActive", Boolean.TRUE);
            }
            Object newProfile = c.value("ProfileId");
            Record profile = newProfile == null ? null : db.live(newProfile.toString());
            if (profile == null) {
                return; // reference validation reports it
            }
            boolean activeNow = Boolean.TRUE.equals(c.value("IsActive"));
            boolean activeBefore = c.before() != null && c.before().is("IsActive");
            String newLicense = profile.getString("UserLicenseId");
            String oldLicense =
                    c.before() == null ? null : licenseOfProfileId(c.before().getString("ProfileId"));
            if (activeNow && (!activeBefore || !newLicense.equals(oldLicense))) {
                Record lic = db.retrieve(newLicense);
                int used = intOf(lic.get("UsedLicenses"));
                int total = intOf(lic.get("TotalLicenses"));
                if (used >= total) {
                    // Seat limit: error code as commonly reported; wording UNCONFIRMED (metadata-and-api.md 4.4).
                    throw new OrgException(
                            "LICENSE_LIMIT_EXCEEDED",
                            "License Limit Exceeded: no more " + lic.getString("Name") + " licenses available (" + used
                                    + " of " + total + " used)");
                }
            }
        }

        @Override
        public void afterChange(RecordChange c) {
            Record after = c.after();
            if (c.operation() == Operation.INSERT) {
                adjustUsed(licenseOfProfileId(after.getString("ProfileId")), after.is("IsActive") ? 1 : 0);
                assignOwned(c, after.id(), after.getString("ProfileId"));
                return;
            }
            if (c.operation() != Operation.UPDATE) {
                return;
            }
            Record before = c.before();
            String oldLicense = licenseOfProfileId(before.getString("ProfileId"));
            String newLicense = licenseOfProfileId(after.getString("ProfileId"));
            adjustUsed(oldLicense, before.is("IsActive") ? -1 : 0);
            adjustUsed(newLicense, after.is("IsActive") ? 1 : 0);
            if (!before.getString("ProfileId").equals(after.getString("ProfileId"))) {
                if (!oldLicense.equals(newLicense)) {
                    // Changing the user license removes every permission set and PSL assignment: brief + seed
                    // 000 (WithSecure) "which removes every permission set assignment"; metadata-and-api.md 4.5
                    // marks it UNCONFIRMED in Salesforce's own docs.
                    for (Record a : db.findBy("PermissionSetAssignment", "AssigneeId", after.id())) {
                        if (!isOwnedAssignment(a)) {
                            db.delete(system(c), a.id());
                        }
                    }
                    for (Record a : db.findBy("PermissionSetLicenseAssign", "AssigneeId", after.id())) {
                        db.delete(system(c), a.id());
                    }
                    audit.record(
                            c.caller().userId(),
                            "Manage Users",
                            "changedUserLicense",
                            "Changed user license for "
                                    + after.getString("Username") + " from " + nameOf(oldLicense) + " to "
                                    + nameOf(newLicense)
                                    + "; permission set and permission set license assignments removed");
                }
                for (Record a : db.findBy("PermissionSetAssignment", "AssigneeId", after.id())) {
                    if (isOwnedAssignment(a)) {
                        db.delete(system(c), a.id());
                    }
                }
                assignOwned(c, after.id(), after.getString("ProfileId"));
            }
        }

        private void assignOwned(RecordChange c, String userId, String profileId) {
            Record owned = db.findOne("PermissionSet", "ProfileId", profileId);
            if (owned != null) {
                db.insert(
                        system(c),
                        "PermissionSetAssignment",
                        Map.of("AssigneeId", userId, "PermissionSetId", owned.id()));
            }
        }
    }

    /** Profile: each profile owns a permission set holding its permissions (PermissionSet.IsOwnedByProfile). */
    final class ProfileRules implements RecordChangeListener {
        @Override
        public void afterChange(RecordChange c) {
            if (c.operation() == Operation.INSERT) {
                String id15 = c.id().substring(0, 15);
                db.insert(
                        system(c),
                        "PermissionSet",
                        Map.of(
                                "Name",
                                "X" + id15,
                                "Label",
                                id15,
                                "IsOwnedByProfile",
                                true,
                                "IsCustom",
                                false,
                                "ProfileId",
                                c.id(),
                                "LicenseId",
                                c.after().getString("UserLicenseId"),
                                "Type",
                                "Profile"));
            }
        }

        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() == Operation.INSERT) {
                c.draft().put("UserType", "Standard");
            }
            if (c.operation() == Operation.DELETE
                    && !db.findBy("User", "ProfileId", c.id()).isEmpty()) {
                throw new OrgException("DELETE_FAILED", "Cannot delete profile: it is assigned to one or more users");
            }
        }
    }

    /** PermissionSet: API-created sets are custom; owned and assigned sets can't be deleted; license re-checks. */
    final class PermissionSetRules implements RecordChangeListener {
        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() == Operation.INSERT && !c.caller().system()) {
                c.draft().put("IsCustom", Boolean.TRUE);
                c.draft().put("Type", "Regular");
            }
            if (c.operation() == Operation.INSERT && c.caller().system()) {
                c.draft().putIfAbsent("IsCustom", Boolean.TRUE);
                c.draft().putIfAbsent("Type", "Regular");
            }
            if (c.operation() == Operation.DELETE && !c.caller().system()) {
                if (c.before().is("IsOwnedByProfile")) {
                    throw new OrgException(
                            "FIELD_INTEGRITY_EXCEPTION",
                            "You can't delete a permission set that is owned by a profile.");
                }
                if (!db.findBy("PermissionSetAssignment", "PermissionSetId", c.id())
                        .isEmpty()) {
                    // Wording UNCONFIRMED.
                    throw new OrgException(
                            "DELETE_FAILED",
                            "Can't delete permission set " + c.before().getString("Name")
                                    + " because it's assigned to users.");
                }
            }
        }

        @Override
        public void afterChange(RecordChange c) {
            if (c.operation() == Operation.UPDATE) {
                recheckAssignees(c.id());
            }
            if (c.operation() == Operation.DELETE) {
                for (String child : List.of("ObjectPermissions", "SetupEntityAccess")) {
                    for (Record r : db.findBy(child, "ParentId", c.id())) {
                        db.delete(system(c), r.id());
                    }
                }
                for (Record r : db.findBy("PermissionSetGroupComponent", "PermissionSetId", c.id())) {
                    db.delete(system(c), r.id());
                }
                for (Record r : db.findBy("PermissionSetAssignment", "PermissionSetId", c.id())) {
                    db.delete(system(c), r.id());
                }
            }
        }
    }

    /** Granting object access to an assigned permission set re-checks the assignees' licenses. */
    final class ObjectPermissionRules implements RecordChangeListener {
        @Override
        public void afterChange(RecordChange c) {
            if (c.operation() == Operation.INSERT || c.operation() == Operation.UPDATE) {
                recheckAssignees(c.after().getString("ParentId"));
            }
        }
    }

    /**
     * A permission set change that an assignee's license doesn't allow fails, as a permission set deploy does on the
     * platform ("The user license doesn't allow the permission", metadata-and-api.md 4.4).
     */
    private void recheckAssignees(String permissionSetId) {
        Record ps = db.live(permissionSetId);
        if (ps == null || !ps.objectName().equals("PermissionSet") || ps.is("IsOwnedByProfile")) {
            return;
        }
        for (Record a : db.findBy("PermissionSetAssignment", "PermissionSetId", permissionSetId)) {
            Record user = db.live(a.getString("AssigneeId"));
            if (user != null) {
                Licenses.checkAssignable(db, user, permissionSetId);
            }
        }
    }

    /** PermissionSetAssignment: duplicates, profile-owned sets, license compatibility. */
    final class AssignmentRules implements RecordChangeListener {
        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() == Operation.DELETE) {
                if (!c.caller().system() && isOwnedAssignment(c.before())) {
                    throw ownedError();
                }
                return;
            }
            if (c.operation() != Operation.INSERT) {
                return;
            }
            Object psId = c.value("PermissionSetId");
            Object groupId = c.value("PermissionSetGroupId");
            if (psId == null && groupId == null) {
                throw new OrgException(
                        "REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [PermissionSetId]",
                        List.of("PermissionSetId"));
            }
            if (psId != null && groupId != null) {
                throw new OrgException(
                        "FIELD_INTEGRITY_EXCEPTION",
                        "Specify either a permission set or a permission set group, not both.");
            }
            String targetId = (psId != null ? psId : groupId).toString();
            Record target = db.live(targetId);
            Record user = c.value("AssigneeId") == null
                    ? null
                    : db.live(c.value("AssigneeId").toString());
            if (target == null || user == null) {
                return; // reference validation reports it
            }
            if (!c.caller().system() && target.is("IsOwnedByProfile")) {
                throw ownedError();
            }
            String targetCanonical = target.id();
            for (Record existing : db.findBy("PermissionSetAssignment", "AssigneeId", user.id())) {
                if (targetCanonical.equals(existing.getString("PermissionSetId"))
                        || targetCanonical.equals(existing.getString("PermissionSetGroupId"))) {
                    // Exact shape from sf-cli-wire-samples/07_assign_permset_again.
                    throw new OrgException(
                            "DUPLICATE_VALUE",
                            "Duplicate PermissionSetAssignment. Assignment already exists.",
                            List.of());
                }
            }
            if (!target.is("IsOwnedByProfile")) {
                Licenses.checkAssignable(db, user, targetCanonical);
            }
        }

        private OrgException ownedError() {
            return new OrgException(
                    "FIELD_INTEGRITY_EXCEPTION",
                    "You can't assign or unassign this permission set because it's associated with a profile.");
        }
    }

    /** PermissionSetLicenseAssign: duplicates, seats, which licenses may hold the PSL, removal while needed. */
    final class LicenseAssignmentRules implements RecordChangeListener {
        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() == Operation.INSERT) {
                Record user = db.live(String.valueOf(c.value("AssigneeId")));
                Record psl = db.live(String.valueOf(c.value("PermissionSetLicenseId")));
                if (user == null || psl == null) {
                    return;
                }
                if (Licenses.holdsPsl(db, user.id(), psl.id())) {
                    // Wording UNCONFIRMED (modelled on the PermissionSetAssignment duplicate).
                    throw new OrgException(
                            "DUPLICATE_VALUE",
                            "Duplicate PermissionSetLicenseAssign. Assignment already exists.",
                            List.of());
                }
                if (Licenses.API_INTEGRATION_PSL.equals(psl.getString("DeveloperName"))
                        && !Licenses.INTEGRATION.equals(Licenses.userLicenseName(db, user))) {
                    // "The Salesforce Integration user license makes ... the Salesforce API Integration permission set
                    // license available for assignment" (metadata-and-api.md 4.1). Wording UNCONFIRMED.
                    throw new OrgException(
                            "FIELD_INTEGRITY_EXCEPTION",
                            "The permission set license "
                                    + psl.getString("MasterLabel") + " can't be assigned to user "
                                    + user.getString("Username")
                                    + " because it requires the " + Licenses.INTEGRATION + " user license.");
                }
                int used = intOf(psl.get("UsedLicenses"));
                int total = intOf(psl.get("TotalLicenses"));
                if (used >= total) {
                    // Seat limit; wording UNCONFIRMED (metadata-and-api.md 4.4: "API error text UNCONFIRMED").
                    throw new OrgException(
                            "LICENSE_LIMIT_EXCEEDED",
                            "License Limit Exceeded: no more " + psl.getString("MasterLabel") + " licenses available ("
                                    + used + " of " + total + " used)");
                }
            }
            if (c.operation() == Operation.DELETE && !c.caller().system()) {
                String pslId = c.before().getString("PermissionSetLicenseId");
                for (Record a : db.findBy(
                        "PermissionSetAssignment", "AssigneeId", c.before().getString("AssigneeId"))) {
                    Record ps = a.get("PermissionSetId") == null ? null : db.live(a.getString("PermissionSetId"));
                    if (ps != null && pslId.equals(ps.getString("LicenseId"))) {
                        // Wording UNCONFIRMED.
                        throw new OrgException(
                                "FIELD_INTEGRITY_EXCEPTION",
                                "Can't remove the permission set license"
                                        + " because permission set " + ps.getString("Name")
                                        + " assigned to this user requires it.");
                    }
                }
            }
        }

        @Override
        public void afterChange(RecordChange c) {
            if (c.operation() == Operation.INSERT) {
                adjustUsed(c.after().getString("PermissionSetLicenseId"), 1);
            } else if (c.operation() == Operation.DELETE) {
                adjustUsed(c.before().getString("PermissionSetLicenseId"), -1);
            }
        }
    }

    /** Every setup change writes SetupAuditTrail (brief; seeds 004 "Setup Audit Trail"). */
    final class AuditRule implements RecordChangeListener {
        @Override
        public void afterChange(RecordChange c) {
            if (!c.type().capabilities().setup()) {
                return;
            }
            Record r = c.after() != null ? c.after() : c.before();
            String actor = c.caller().userId();
            switch (c.objectName()) {
                case "PermissionSetAssignment" -> {
                    if (isOwnedAssignment(r) || c.operation() == Operation.UPDATE) {
                        return;
                    }
                    Record user = db.retrieve(r.getString("AssigneeId"));
                    String target = r.get("PermissionSetId") != null
                            ? label(r.getString("PermissionSetId"))
                            : label(r.getString("PermissionSetGroupId"));
                    boolean assigned = c.operation() == Operation.INSERT;
                    audit.record(
                            actor,
                            "Manage Users",
                            assigned ? "PermSetAssign" : "PermSetUnassign",
                            "Permission set " + target + ": " + (assigned ? "assigned to" : "unassigned from")
                                    + " user "
                                    + (user == null ? r.getString("AssigneeId") : user.getString("Username")));
                }
                case "PermissionSetLicenseAssign" -> {
                    Record user = db.retrieve(r.getString("AssigneeId"));
                    boolean assigned = c.operation() == Operation.INSERT;
                    audit.record(
                            actor,
                            "Manage Users",
                            assigned ? "PermSetLicenseAssign" : "PermSetLicenseUnassign",
                            "Permission set license " + label(r.getString("PermissionSetLicenseId")) + ": "
                                    + (assigned ? "assigned to" : "unassigned from") + " user "
                                    + (user == null ? r.getString("AssigneeId") : user.getString("Username")));
                }
                case "User" -> {
                    if (c.operation() == Operation.INSERT) {
                        audit.record(actor, "Manage Users", "newuser", "Created new user " + r.getString("Username"));
                    } else if (c.operation() == Operation.UPDATE) {
                        if (!c.before().getString("ProfileId").equals(r.getString("ProfileId"))) {
                            audit.record(
                                    actor,
                                    "Manage Users",
                                    "changedProfileForUser",
                                    "Changed profile for user "
                                            + r.getString("Username") + " from "
                                            + label(c.before().getString("ProfileId"))
                                            + " to " + label(r.getString("ProfileId")));
                        } else if (!onlyLoginFieldsChanged(c)) {
                            audit.record(
                                    actor, "Manage Users", "changedUser", "Changed user " + r.getString("Username"));
                        }
                    }
                }
                default -> {
                    if (r.objectName().equals("PermissionSet")
                            && r.is("IsOwnedByProfile")
                            && c.operation() == Operation.INSERT) {
                        return;
                    }
                    String verb = switch (c.operation()) {
                        case INSERT -> "Created";
                        case UPDATE -> "Changed";
                        case DELETE -> "Deleted";
                        case UNDELETE -> "Restored";
                    };
                    audit.record(
                            actor,
                            c.type().label(),
                            verb.toLowerCase(java.util.Locale.ROOT) + c.objectName(),
                            verb + " " + c.type().label() + " " + displayName(r));
                }
            }
        }

        private boolean onlyLoginFieldsChanged(RecordChange c) {
            for (var f : c.type().fields()) {
                String n = f.name();
                if (n.equals("LastLoginDate")
                        || n.equals("LastModifiedDate")
                        || n.equals("SystemModstamp")
                        || n.equals("LastModifiedById")) {
                    continue;
                }
                if (!OrgDatabase.sameValue(c.before().get(n), c.after().get(n))) {
                    return false;
                }
            }
            return true;
        }
    }

    private boolean isOwnedAssignment(Record psa) {
        Object psId = psa.get("PermissionSetId");
        if (psId == null) {
            return false;
        }
        Record ps = db.retrieve(psId.toString());
        return ps != null && ps.is("IsOwnedByProfile");
    }

    private String label(String id) {
        Record r = id == null ? null : db.retrieve(id);
        return r == null ? String.valueOf(id) : displayName(r);
    }

    static String displayName(Record r) {
        for (String f : List.of("Label", "MasterLabel", "Name", "DeveloperName", "Username", "SobjectType")) {
            if (r.type().slot(f) >= 0 && r.get(f) != null) {
                return r.getString(f);
            }
        }
        return r.id();
    }

    private String nameOf(String licenseId) {
        Record r = licenseId == null ? null : db.retrieve(licenseId);
        return r == null ? String.valueOf(licenseId) : r.getString("Name");
    }

    private String licenseOfProfileId(String profileId) {
        Record p = profileId == null ? null : db.retrieve(profileId);
        return p == null ? null : p.getString("UserLicenseId");
    }

    private void adjustUsed(String licenseId, int delta) {
        if (delta == 0 || licenseId == null) {
            return;
        }
        Record lic = db.retrieve(licenseId);
        if (lic != null) {
            db.update(Caller.system(null), lic.id(), Map.of("UsedLicenses", intOf(lic.get("UsedLicenses")) + delta));
        }
    }

    static int intOf(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }
}
