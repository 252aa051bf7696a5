package dev.warden.runner.salesforce;

import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.org.RecordStream.Row;
import dev.warden.runner.org.RecordsPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link RecordsPort} written once: every SOQL read, its row mapping and every write's fields and outcome rules.
 * Below it a thin transport per API ({@code rest.RestRecords}: query + {@code composite/sobjects};
 * {@code soap.PartnerRecords}: query/queryMore + create/update/delete) only moves rows.
 */
public abstract class SoqlRecords implements RecordsPort {
    private static final String USER_FIELDS =
            "Id, Username, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name";

    // ---------------------------------------------------------------- the transport

    /** All rows of a SOQL query (every page); {@code Row.get} follows relationships ({@code Profile.Name}). */
    protected abstract List<Row> query(String soql);

    /** The id of the user this connection acts as. */
    protected abstract String currentUserId();

    /** Creates one record; returns its id; a refusal throws {@link SalesforceException}. */
    protected abstract String create(String type, Map<String, Object> fields, String what);

    /** Updates one record; a refusal throws {@link SalesforceException}. */
    protected abstract void update(String type, String id, Map<String, Object> fields, String what);

    /** Creates records of one type in one call ({@code allOrNone=false}); one outcome per row, in order. */
    protected abstract List<RowOutcomes.Row> createAll(String type, List<Map<String, Object>> rows, String what);

    /** Deletes records in one call ({@code allOrNone=false}); one outcome per id, in order. */
    protected abstract List<RowOutcomes.Row> deleteAll(List<String> ids, String what);

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<UserState> findUser(String username) {
        return query("SELECT " + USER_FIELDS + " FROM User WHERE Username = " + quote(username)).stream()
                .findFirst()
                .map(SoqlRecords::user);
    }

    @Override
    public UserState currentUser() {
        String id = currentUserId();
        return query("SELECT " + USER_FIELDS + " FROM User WHERE Id = " + quote(id)).stream()
                .findFirst()
                .map(SoqlRecords::user)
                .orElseThrow(() -> new SalesforceException(
                        "read the current user", 404, "NOT_FOUND", "user " + id + " not found"));
    }

    private static UserState user(Row r) {
        return new UserState(
                r.get("Id"),
                r.get("Username"),
                !"false".equalsIgnoreCase(r.get("IsActive")),
                r.get("ProfileId"),
                r.get("Profile.Name"),
                r.get("Profile.UserLicense.Name"));
    }

    @Override
    public UserAccess access(String userId) {
        String permFields = OrgModel.DANGEROUS_PERMISSIONS.stream()
                .map(p -> "PermissionSet.Permissions" + p)
                .collect(Collectors.joining(", "));
        List<Assignment> sets = new ArrayList<>();
        Map<String, List<String>> dangerous = new TreeMap<>();
        for (Row r : query(
                "SELECT Id, PermissionSetId, PermissionSet.Name, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name, "
                        + permFields + " FROM PermissionSetAssignment WHERE AssigneeId = " + quote(userId))) {
            boolean ownedByProfile = r.is("PermissionSet.IsOwnedByProfile");
            String source = ownedByProfile
                    ? "profile '" + r.get("PermissionSet.Profile.Name") + "'"
                    : r.get("PermissionSet.Name");
            if (!ownedByProfile) {
                sets.add(new Assignment(r.get("Id"), r.get("PermissionSetId"), r.get("PermissionSet.Name")));
            }
            for (String p : OrgModel.DANGEROUS_PERMISSIONS) {
                if (r.is("PermissionSet.Permissions" + p)) {
                    dangerous.computeIfAbsent(p, k -> new ArrayList<>()).add(source);
                }
            }
        }
        List<Assignment> psls = query(
                        "SELECT Id, PermissionSetLicenseId, PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign"
                                + " WHERE AssigneeId = " + quote(userId))
                .stream()
                .map(r -> new Assignment(
                        r.get("Id"), r.get("PermissionSetLicenseId"), r.get("PermissionSetLicense.DeveloperName")))
                .toList();
        return new UserAccess(sets, psls, dangerous);
    }

    @Override
    public Map<String, PermissionSetInfo> permissionSets(Collection<String> names) {
        Map<String, PermissionSetInfo> out = new HashMap<>();
        if (!names.isEmpty()) {
            for (Row r : query("SELECT Id, Name, LicenseId FROM PermissionSet WHERE Name IN " + in(names))) {
                out.put(r.get("Name"), new PermissionSetInfo(r.get("Id"), r.get("Name"), r.get("LicenseId")));
            }
        }
        return out;
    }

    @Override
    public Map<String, String> profiles(Collection<String> names) {
        return names.isEmpty()
                ? Map.of()
                : byName("SELECT Id, Name FROM Profile WHERE Name IN " + in(names), "Name", "Id");
    }

    @Override
    public Map<String, String> permissionSetLicenses(Collection<String> developerNames) {
        return developerNames.isEmpty()
                ? Map.of()
                : byName(
                        "SELECT Id, DeveloperName FROM PermissionSetLicense WHERE DeveloperName IN "
                                + in(developerNames),
                        "DeveloperName",
                        "Id");
    }

    @Override
    public Map<String, String> triggerStatus(Collection<String> names) {
        return names.isEmpty()
                ? Map.of()
                : byName("SELECT Name, Status FROM ApexTrigger WHERE Name IN " + in(names), "Name", "Status");
    }

    private Map<String, String> byName(String soql, String key, String value) {
        Map<String, String> out = new HashMap<>();
        query(soql).forEach(r -> out.put(r.get(key), r.get(value)));
        return out;
    }

    // ---------------------------------------------------------------- writes

    @Override
    public String createUser(NewUser u) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Username", u.username());
        fields.put("Email", u.email());
        fields.put("Alias", u.alias());
        fields.put("FirstName", u.firstName());
        fields.put("LastName", u.lastName());
        fields.put("ProfileId", u.profileId());
        fields.put("TimeZoneSidKey", "GMT");
        fields.put("LocaleSidKey", "en_US");
        fields.put("EmailEncodingKey", "UTF-8");
        fields.put("LanguageLocaleKey", "en_US");
        return create("User", fields, "create user " + u.username());
    }

    @Override
    public void updateUserProfile(String userId, String profileId) {
        update("User", userId, Map.of("ProfileId", profileId), "switch the profile of user " + userId);
    }

    @Override
    public void setUserActive(String userId, boolean active) {
        update("User", userId, Map.of("IsActive", active), (active ? "activate" : "deactivate") + " user " + userId);
    }

    @Override
    public List<Assignment> assignPermissionSetLicenses(String userId, Map<String, String> pslIdsByName) {
        return assign(
                "PermissionSetLicenseAssign",
                "PermissionSetLicenseId",
                userId,
                pslIdsByName,
                "assign permission set licenses");
    }

    @Override
    public List<Assignment> assignPermissionSets(String userId, Map<String, String> permissionSetIdsByName) {
        return assign(
                "PermissionSetAssignment", "PermissionSetId", userId, permissionSetIdsByName, "assign permission sets");
    }

    /** One call for all; DUPLICATE_VALUE (already assigned) counts as done, like sf does ({@link RowOutcomes}). */
    private List<Assignment> assign(
            String type, String field, String userId, Map<String, String> idsByName, String what) {
        if (idsByName.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(idsByName.entrySet());
        List<Map<String, Object>> rows = entries.stream()
                .map(e -> Map.<String, Object>of("AssigneeId", userId, field, e.getValue()))
                .toList();
        return RowOutcomes.assignments(what, userId, entries, createAll(type, rows, what));
    }

    @Override
    public void deleteRecords(List<String> ids) {
        if (!ids.isEmpty()) {
            RowOutcomes.deletions(deleteAll(ids, "delete " + ids.size() + " assignment(s)"));
        }
    }

    // ---------------------------------------------------------------- SOQL literals

    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public static String in(Collection<String> values) {
        return values.stream().map(SoqlRecords::quote).collect(Collectors.joining(", ", "(", ")"));
    }
}
