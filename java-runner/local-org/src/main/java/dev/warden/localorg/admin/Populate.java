package dev.warden.localorg.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.UserPermissions;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code POST /_local/populate {"users":N,"permissionSets":M,"assignments":K,"seed":S}}: a large org made quickly and
 * deterministically for audit benchmarks. Rows go straight into the store ({@link OrgDatabase#restoreRow}, as loading
 * a state file does): no per-row platform rules, no API calls, no seat accounting (UserLicense.UsedLicenses is not
 * moved). The mix: mostly Standard Users, 0.2% System Administrators, 0.5% integration users (0.1% of them left on a
 * full Salesforce license); 2% of the permission sets carry a tiered permission, 1% grant View All on an object; one
 * group per 100 sets (a tenth of them with a muting set); 5% of the assignments go to groups. Every user also gets
 * its profile's owned permission set, as Salesforce assigns it.
 */
final class Populate {
    static final int MAX_USERS = 500_000;
    static final int MAX_ASSIGNMENTS = 2_000_000;
    /** Permissions a tiered set picks one or two from (all modelled by the local org). */
    private static final String[] TIERED = {
        "ModifyAllData",
        "ViewAllData",
        "AuthorApex",
        "CustomizeApplication",
        "ManageUsers",
        "AssignPermissionSets",
        "ResetPasswords",
        "QueryAllFiles",
        "PasswordNeverExpires",
        "ManageIpAddresses",
        "ManageProfilesPermissionsets"
    };

    private static final String[] HARMLESS = {"ApiEnabled", "ContentWorkspaces", "ViewRoles", "ChatterFileLink"};

    record Request(int users, int permissionSets, int assignments, long seed) {
        static Request of(JsonNode body) {
            int users = nonNegative(body, "users", MAX_USERS);
            int sets = nonNegative(body, "permissionSets", 100_000);
            int assignments = nonNegative(body, "assignments", MAX_ASSIGNMENTS);
            if (assignments > 0 && (users == 0 || sets == 0)) {
                throw new OrgException("INVALID_INPUT", "assignments need users and permissionSets");
            }
            if ((long) users * sets < assignments) {
                throw new OrgException(
                        "INVALID_INPUT", "assignments (" + assignments + ") exceed users x permissionSets");
            }
            return new Request(users, sets, assignments, body.path("seed").asLong(1));
        }

        private static int nonNegative(JsonNode body, String field, int max) {
            JsonNode n = body.get(field);
            if (n == null) {
                return 0;
            }
            if (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() > max) {
                throw new OrgException(
                        "INVALID_INPUT",
                        "Body must be {\"users\":N,\"permissionSets\":M,\"assignments\":K,\"seed\":S}; " + field
                                + " must be an integer from 0 to " + max);
            }
            return n.asInt();
        }
    }

    private final Org org;
    private final OrgDatabase db;
    private final Map<String, Long> next = new LinkedHashMap<>();

    Populate(Org org) {
        this.org = org;
        this.db = org.db();
    }

    Map<String, Object> run(Request req) {
        long start = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(req.seed());
        Org.SeedIds seed = org.ids();
        String run = Long.toString(req.seed(), 36) + "-" + Long.toString(sequence("005"), 36);
        Map<String, String> owned = new LinkedHashMap<>();
        for (String profile : List.of(
                seed.standardUserProfileId(), seed.systemAdministratorProfileId(), seed.integrationProfileId())) {
            Record ps = db.findOne("PermissionSet", "ProfileId", profile);
            owned.put(profile, ps == null ? null : ps.id());
        }
        List<String> sets = new ArrayList<>(req.permissionSets());
        int tiered = 0;
        for (int i = 0; i < req.permissionSets(); i++) {
            String id = id("0PS");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", id);
            row.put("Name", "Pop_" + run.replace('-', '_') + "_PS_" + i);
            row.put("Label", "Populated set " + i);
            row.put("IsOwnedByProfile", false);
            row.put("IsCustom", true);
            row.put("Type", "Regular");
            for (String p : UserPermissions.names()) {
                row.put(UserPermissions.fieldName(p), false);
            }
            row.put(UserPermissions.fieldName(HARMLESS[rnd.nextInt(HARMLESS.length)]), true);
            if (rnd.nextInt(100) < 2) {
                tiered++;
                row.put(UserPermissions.fieldName(TIERED[rnd.nextInt(TIERED.length)]), true);
                if (rnd.nextBoolean()) {
                    row.put(UserPermissions.fieldName(TIERED[rnd.nextInt(TIERED.length)]), true);
                }
            }
            db.restoreRow("PermissionSet", row);
            if (rnd.nextInt(100) < 1) {
                db.restoreRow(
                        "ObjectPermissions",
                        Map.of(
                                "Id",
                                id("110"),
                                "ParentId",
                                id,
                                "SobjectType",
                                rnd.nextBoolean() ? "Account" : "Contact",
                                "PermissionsRead",
                                true,
                                "PermissionsViewAllRecords",
                                true,
                                "PermissionsModifyAllRecords",
                                rnd.nextInt(4) == 0));
            }
            sets.add(id);
        }
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < req.permissionSets() / 100; g++) {
            String id = id("0PG");
            db.restoreRow(
                    "PermissionSetGroup",
                    Map.of(
                            "Id",
                            id,
                            "DeveloperName",
                            "Pop_" + run.replace('-', '_') + "_PSG_" + g,
                            "MasterLabel",
                            "Populated group " + g,
                            "Status",
                            "Updated"));
            int members = 3 + rnd.nextInt(3);
            for (int m = 0; m < members; m++) {
                db.restoreRow(
                        "PermissionSetGroupComponent",
                        Map.of(
                                "Id",
                                id("0PH"),
                                "PermissionSetGroupId",
                                id,
                                "PermissionSetId",
                                sets.get(rnd.nextInt(sets.size()))));
            }
            if (g % 10 == 0) {
                String muting = id("0QM");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("Id", muting);
                row.put("DeveloperName", "Pop_Mute_" + g);
                row.put("MasterLabel", "Populated muting " + g);
                for (String p : UserPermissions.names()) {
                    row.put(UserPermissions.fieldName(p), p.equals("ModifyAllData"));
                }
                db.restoreRow("MutingPermissionSet", row);
                db.restoreRow(
                        "PermissionSetGroupComponent",
                        Map.of("Id", id("0PH"), "PermissionSetGroupId", id, "PermissionSetId", muting));
            }
            groups.add(id);
        }
        List<String> users = new ArrayList<>(req.users());
        int admins = 0;
        int integration = 0;
        for (int u = 0; u < req.users(); u++) {
            int roll = rnd.nextInt(1000);
            String profile = seed.standardUserProfileId();
            String kind = "user";
            if (roll < 2) {
                profile = seed.systemAdministratorProfileId();
                kind = "admin";
                admins++;
            } else if (roll < 7) {
                kind = "integration";
                integration++;
                // One in five integration users is "left" on a full license with the Standard User profile.
                profile = roll == 6 ? seed.standardUserProfileId() : seed.integrationProfileId();
            }
            String id = id("005");
            String username = kind + "." + u + "." + run + "@populate.local";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", id);
            row.put("Username", username);
            row.put("LastName", "User " + u);
            row.put("FirstName", kind);
            row.put("Name", kind + " User " + u);
            row.put("Email", username);
            row.put("Alias", ("p" + u).length() > 8 ? ("p" + u).substring(0, 8) : "p" + u);
            row.put("IsActive", rnd.nextInt(100) < 95);
            row.put("ProfileId", profile);
            row.put("UserType", "Standard");
            row.put("TimeZoneSidKey", "GMT");
            row.put("LocaleSidKey", "en_US");
            row.put("EmailEncodingKey", "UTF-8");
            row.put("LanguageLocaleKey", "en_US");
            db.restoreRow("User", row);
            if (owned.get(profile) != null) {
                db.restoreRow(
                        "PermissionSetAssignment",
                        Map.of(
                                "Id",
                                id("0Pa"),
                                "AssigneeId",
                                id,
                                "PermissionSetId",
                                owned.get(profile),
                                "IsActive",
                                true));
            }
            users.add(id);
        }
        Set<Long> taken = new HashSet<>();
        int toGroups = 0;
        for (int a = 0; a < req.assignments(); ) {
            int u = rnd.nextInt(users.size());
            boolean group = !groups.isEmpty() && rnd.nextInt(100) < 5;
            int target = group ? rnd.nextInt(groups.size()) : rnd.nextInt(sets.size());
            long key = ((long) u << 32) | (group ? 0x80000000L : 0) | target;
            if (!taken.add(key)) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", id("0Pa"));
            row.put("AssigneeId", users.get(u));
            row.put(group ? "PermissionSetGroupId" : "PermissionSetId", group ? groups.get(target) : sets.get(target));
            row.put("IsActive", true);
            db.restoreRow("PermissionSetAssignment", row);
            toGroups += group ? 1 : 0;
            a++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", req.users());
        out.put("admins", admins);
        out.put("integrationUsers", integration);
        out.put("permissionSets", req.permissionSets());
        out.put("tieredPermissionSets", tiered);
        out.put("permissionSetGroups", groups.size());
        out.put("assignments", req.assignments());
        out.put("groupAssignments", toGroups);
        out.put("profileAssignments", req.users());
        out.put("seed", req.seed());
        out.put("millis", (System.nanoTime() - start) / 1_000_000);
        return out;
    }

    /** Ids past every existing one of the prefix (restoreRow moves the org's own sequence past them too). */
    private String id(String prefix) {
        long n = next.computeIfAbsent(prefix, this::sequence) + 1;
        next.put(prefix, n);
        return Ids.make(prefix, n);
    }

    private long sequence(String prefix) {
        String type = switch (prefix) {
            case "005" -> "User";
            case "0PS" -> "PermissionSet";
            case "0PG" -> "PermissionSetGroup";
            case "0PH" -> "PermissionSetGroupComponent";
            case "0QM" -> "MutingPermissionSet";
            case "0Pa" -> "PermissionSetAssignment";
            case "110" -> "ObjectPermissions";
            default -> throw new IllegalArgumentException(prefix);
        };
        long max = 0;
        for (Record r : db.rows(type, true)) {
            max = Math.max(max, Ids.sequence(r.id()));
        }
        return max + 1000;
    }
}
