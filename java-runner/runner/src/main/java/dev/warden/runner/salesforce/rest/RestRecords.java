package dev.warden.runner.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.salesforce.RowOutcomes;
import dev.warden.runner.salesforce.SalesforceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@link RecordsPort} over REST: SOQL for reads, {@code composite/sobjects} for assignment writes (one call each). */
public final class RestRecords implements RecordsPort {

    private static final String USER_FIELDS = "Id, Username, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name";
    private final RestClient rest;

    public RestRecords(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public Optional<UserState> findUser(String username) {
        return rest.query("SELECT " + USER_FIELDS + " FROM User WHERE Username = " + quote(username)).stream().findFirst().map(RestRecords::user);
    }

    @Override
    public UserState currentUser() {
        JsonNode info = rest.get("/services/oauth2/userinfo", "rest.userinfo");
        String id = info.path("user_id").asText();
        return rest.query("SELECT " + USER_FIELDS + " FROM User WHERE Id = " + quote(id)).stream().findFirst().map(RestRecords::user)
                .orElseThrow(() -> new SalesforceException("read the current user", 404, "NOT_FOUND", "user " + id + " not found"));
    }

    private static UserState user(JsonNode r) {
        JsonNode profile = r.path("Profile");
        return new UserState(r.path("Id").asText(), r.path("Username").asText(), r.path("IsActive").asBoolean(true),
                r.path("ProfileId").asText(null), text(profile, "Name"), text(profile.path("UserLicense"), "Name"));
    }

    @Override
    public UserAccess access(String userId) {
        String permFields = OrgModel.DANGEROUS_PERMISSIONS.stream().map(p -> "PermissionSet.Permissions" + p).collect(Collectors.joining(", "));
        List<JsonNode> rows = rest.query("SELECT Id, PermissionSetId, PermissionSet.Name, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name, "
                + permFields + " FROM PermissionSetAssignment WHERE AssigneeId = " + quote(userId));
        List<Assignment> sets = new ArrayList<>();
        Map<String, List<String>> dangerous = new TreeMap<>();
        for (JsonNode r : rows) {
            JsonNode ps = r.path("PermissionSet");
            boolean ownedByProfile = ps.path("IsOwnedByProfile").asBoolean(false);
            String source = ownedByProfile ? "profile '" + text(ps.path("Profile"), "Name") + "'" : ps.path("Name").asText();
            if (!ownedByProfile) {
                sets.add(new Assignment(r.path("Id").asText(), r.path("PermissionSetId").asText(), ps.path("Name").asText()));
            }
            for (String p : OrgModel.DANGEROUS_PERMISSIONS) {
                if (ps.path("Permissions" + p).asBoolean(false)) {
                    dangerous.computeIfAbsent(p, k -> new ArrayList<>()).add(source);
                }
            }
        }
        List<Assignment> psls = rest.query("SELECT Id, PermissionSetLicenseId, PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign WHERE AssigneeId = "
                        + quote(userId)).stream()
                .map(r -> new Assignment(r.path("Id").asText(), r.path("PermissionSetLicenseId").asText(),
                        r.path("PermissionSetLicense").path("DeveloperName").asText()))
                .toList();
        return new UserAccess(sets, psls, dangerous);
    }

    @Override
    public Map<String, PermissionSetInfo> permissionSets(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, PermissionSetInfo> out = new HashMap<>();
        for (JsonNode r : rest.query("SELECT Id, Name, LicenseId FROM PermissionSet WHERE Name IN " + in(names))) {
            out.put(r.path("Name").asText(), new PermissionSetInfo(r.path("Id").asText(), r.path("Name").asText(), text(r, "LicenseId")));
        }
        return out;
    }

    @Override
    public Map<String, String> profiles(Collection<String> names) {
        Map<String, String> out = new HashMap<>();
        if (!names.isEmpty()) {
            rest.query("SELECT Id, Name FROM Profile WHERE Name IN " + in(names)).forEach(r -> out.put(r.path("Name").asText(), r.path("Id").asText()));
        }
        return out;
    }

    @Override
    public Map<String, String> permissionSetLicenses(Collection<String> developerNames) {
        Map<String, String> out = new HashMap<>();
        if (!developerNames.isEmpty()) {
            rest.query("SELECT Id, DeveloperName FROM PermissionSetLicense WHERE DeveloperName IN " + in(developerNames))
                    .forEach(r -> out.put(r.path("DeveloperName").asText(), r.path("Id").asText()));
        }
        return out;
    }

    @Override
    public String createUser(NewUser u) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Username", u.username());
        body.put("Email", u.email());
        body.put("Alias", u.alias());
        body.put("FirstName", u.firstName());
        body.put("LastName", u.lastName());
        body.put("ProfileId", u.profileId());
        body.put("TimeZoneSidKey", "GMT");
        body.put("LocaleSidKey", "en_US");
        body.put("EmailEncodingKey", "UTF-8");
        body.put("LanguageLocaleKey", "en_US");
        return rest.post(RestClient.data("/sobjects/User"), body, "rest.sobjects", "create user " + u.username()).path("id").asText();
    }

    @Override
    public void updateUserProfile(String userId, String profileId) {
        rest.patch(RestClient.data("/sobjects/User/" + userId), Map.of("ProfileId", profileId), "rest.sobjects",
                "switch the profile of user " + userId);
    }

    @Override
    public void setUserActive(String userId, boolean active) {
        rest.patch(RestClient.data("/sobjects/User/" + userId), Map.of("IsActive", active), "rest.sobjects",
                (active ? "activate" : "deactivate") + " user " + userId);
    }

    @Override
    public List<Assignment> assignPermissionSetLicenses(String userId, Map<String, String> pslIdsByName) {
        return createAssignments("PermissionSetLicenseAssign", "PermissionSetLicenseId", userId, pslIdsByName, "assign permission set licenses");
    }

    @Override
    public List<Assignment> assignPermissionSets(String userId, Map<String, String> permissionSetIdsByName) {
        return createAssignments("PermissionSetAssignment", "PermissionSetId", userId, permissionSetIdsByName, "assign permission sets");
    }

    /** One {@code composite/sobjects} call; DUPLICATE_VALUE (already assigned) counts as done, like sf does. */
    private List<Assignment> createAssignments(String type, String field, String userId, Map<String, String> idsByName, String what) {
        if (idsByName.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(idsByName.entrySet());
        ArrayNode records = rest.arrayNode();
        for (var e : entries) {
            ObjectNode r = records.addObject();
            r.putObject("attributes").put("type", type);
            r.put("AssigneeId", userId);
            r.put(field, e.getValue());
        }
        ObjectNode body = rest.json().createObjectNode();
        body.put("allOrNone", false);
        body.set("records", records);
        JsonNode results = rest.post(RestClient.data("/composite/sobjects"), body, "rest.composite", what);
        List<RowOutcomes.Row> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            rows.add(row(results.path(i)));
        }
        return RowOutcomes.assignments(what, userId, entries, rows);
    }

    private static RowOutcomes.Row row(JsonNode r) {
        return new RowOutcomes.Row(r.path("success").asBoolean(false), r.path("id").asText(null), RestClient.rowErrorCode(r),
                String.join("; ", RestClient.rowErrors(r)));
    }

    @Override
    public void deleteRecords(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        JsonNode results = rest.delete(RestClient.data("/composite/sobjects?allOrNone=false&ids=" + String.join(",", ids)), "rest.composite",
                "delete " + ids.size() + " assignment(s)");
        List<RowOutcomes.Row> rows = new ArrayList<>();
        results.forEach(r -> rows.add(row(r)));
        RowOutcomes.deletions(rows);
    }

    @Override
    public Map<String, String> triggerStatus(Collection<String> names) {
        Map<String, String> out = new HashMap<>();
        if (!names.isEmpty()) {
            rest.query("SELECT Name, Status FROM ApexTrigger WHERE Name IN " + in(names)).forEach(r -> out.put(r.path("Name").asText(), r.path("Status").asText()));
        }
        return out;
    }

    @Override
    public OrgModel.ApiUsage apiUsage() {
        JsonNode limits = rest.get(RestClient.data("/limits"), "rest.limits");
        JsonNode daily = limits.path("DailyApiRequests");
        long max = daily.path("Max").asLong();
        long remaining = daily.path("Remaining").asLong();
        return new OrgModel.ApiUsage(max - remaining, max);
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String in(Collection<String> values) {
        return values.stream().map(RestRecords::quote).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
