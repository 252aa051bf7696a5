package dev.warden.runner.salesforce.soap;

import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.LimitInfo;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SoapFaultException;
import com.sforce.ws.bind.XmlObject;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.RetryPolicy;
import dev.warden.runner.salesforce.RowOutcomes;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link RecordsPort} over the Partner SOAP API (WSC, {@code /services/Soap/u/65.0}), for orgs or networks where
 * SOAP is the API of choice ({@code --records-api soap}). Same SOQL and the same semantics as the REST adapter;
 * the API budget is read from the {@code LimitInfoHeader} of every response.
 */
public final class PartnerRecords implements RecordsPort {
    public static final String PARTNER_API_VERSION = "65.0";
    private static final String USER_FIELDS = "Id, Username, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name";

    private final PartnerConnection connection;
    private final ApiBudget budget;
    private final CallCounter counter;
    private final RetryPolicy retry;

    public PartnerRecords(Session session, ApiBudget budget, CallCounter counter) {
        this(session, budget, counter, RetryPolicy.standard(counter, null));
    }

    public PartnerRecords(Session session, ApiBudget budget, CallCounter counter, RetryPolicy retry) {
        this.retry = retry;
        this.budget = budget;
        this.counter = counter;
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(session.instanceUrl() + "/services/Soap/u/" + PARTNER_API_VERSION);
        cfg.setSessionId(session.accessToken());
        cfg.setConnectionTimeout(20_000);
        cfg.setReadTimeout(120_000);
        try {
            this.connection = com.sforce.soap.partner.Connector.newConnection(cfg);
        } catch (ConnectionException e) {
            throw new SalesforceException("connect to the Partner API", 0, "CONNECTION_FAILED", String.valueOf(e.getMessage()));
        }
    }

    private interface SoapCall<T> {
        T run() throws ConnectionException;
    }

    /**
     * Under the {@link RetryPolicy}: reads, {@code update} and {@code delete} are sent again after a lost answer
     * (idempotent); a {@code create} whose answer was lost is thrown for the caller to reconcile.
     */
    private <T> T call(String operation, String what, boolean write, SoapCall<T> call) {
        boolean idempotent = !"create".equals(operation);
        return retry.call("soap.partner." + operation, what, idempotent, () -> callOnce(operation, what, write, call));
    }

    private <T> T callOnce(String operation, String what, boolean write, SoapCall<T> call) {
        budget.beforeCall();
        counter.count("soap.partner." + operation);
        if (write) {
            counter.write();
        }
        long began = counter.started();
        try {
            T result = call.run();
            observeLimits();
            return result;
        } catch (SoapFaultException e) {
            budget.counted();
            String code = e.getFaultCode() == null ? "SOAP_FAULT" : e.getFaultCode().getLocalPart();
            String m = SoapMetadata.faultMessage(e);
            throw new SalesforceException(what, 500, code, m.startsWith(code + ": ") ? m.substring(code.length() + 2) : m);
        } catch (ConnectionException e) {
            budget.unanswered();
            throw new SalesforceException(what, 0, "CONNECTION_FAILED", String.valueOf(e.getMessage()).lines().findFirst().orElse("no answer"));
        } finally {
            counter.ended(began);
        }
    }

    private void observeLimits() {
        var header = connection.getLimitInfoHeader();
        if (header != null && header.getLimitInfo() != null) {
            for (LimitInfo li : header.getLimitInfo()) {
                if ("API REQUESTS".equalsIgnoreCase(li.getType())) {
                    budget.observe("api-usage=" + li.getCurrent() + "/" + li.getLimit());
                    return;
                }
            }
        }
        budget.counted();
    }

    private List<SObject> query(String soql) {
        List<SObject> out = new ArrayList<>();
        QueryResult r = call("query", "query " + soql, false, () -> connection.query(soql));
        while (true) {
            if (r.getRecords() != null) {
                out.addAll(List.of(r.getRecords()));
            }
            if (r.isDone() || r.getQueryLocator() == null) {
                return out;
            }
            String locator = r.getQueryLocator();
            r = call("queryMore", "query more of " + soql, false, () -> connection.queryMore(locator));
        }
    }

    /** {@link dev.warden.runner.org.RecordStream} over the Partner API: {@code query} then {@code queryMore}, a page at a time. */
    public dev.warden.runner.org.RecordStream stream() {
        return new dev.warden.runner.org.RecordStream() {
            @Override
            public long each(String soql, java.util.function.Consumer<Row> sink) {
                long n = 0;
                QueryResult r = call("query", "query " + soql, false, () -> connection.query(soql));
                while (true) {
                    if (r.getRecords() != null) {
                        for (SObject rec : r.getRecords()) {
                            sink.accept(p -> path(rec, p));
                            n++;
                        }
                    }
                    if (r.isDone() || r.getQueryLocator() == null) {
                        return n;
                    }
                    String locator = r.getQueryLocator();
                    r = call("queryMore", "query more of " + soql, false, () -> connection.queryMore(locator));
                }
            }

            @Override
            public java.util.Set<String> fields(String sobject) {
                var d = call("describeSObject", "describe " + sobject, false, () -> connection.describeSObject(sobject));
                java.util.Set<String> out = new java.util.LinkedHashSet<>();
                for (var f : d.getFields()) {
                    out.add(f.getName());
                }
                return out;
            }
        };
    }

    /** {@code Profile.UserLicense.Name} of a Partner record (relationships are nested XmlObjects). */
    static String path(XmlObject record, String dotted) {
        XmlObject node = record;
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.getChild(parts[i]);
            if (node == null) {
                return null;
            }
        }
        XmlObject leaf = node.getChild(parts[parts.length - 1]);
        Object v = leaf == null ? null : leaf.getValue();
        return v == null ? null : v.toString();
    }

    private static UserState user(SObject r) {
        return new UserState(path(r, "Id"), path(r, "Username"), !"false".equals(path(r, "IsActive")), path(r, "ProfileId"),
                path(r, "Profile.Name"), path(r, "Profile.UserLicense.Name"));
    }

    @Override
    public Optional<UserState> findUser(String username) {
        return query("SELECT " + USER_FIELDS + " FROM User WHERE Username = " + quote(username)).stream().findFirst().map(PartnerRecords::user);
    }

    @Override
    public UserState currentUser() {
        String id = call("getUserInfo", "read the current user", false, connection::getUserInfo).getUserId();
        return query("SELECT " + USER_FIELDS + " FROM User WHERE Id = " + quote(id)).stream().findFirst().map(PartnerRecords::user)
                .orElseThrow(() -> new SalesforceException("read the current user", 404, "NOT_FOUND", "user " + id + " not found"));
    }

    @Override
    public UserAccess access(String userId) {
        String permFields = OrgModel.DANGEROUS_PERMISSIONS.stream().map(p -> "PermissionSet.Permissions" + p).collect(Collectors.joining(", "));
        List<Assignment> sets = new ArrayList<>();
        Map<String, List<String>> dangerous = new TreeMap<>();
        for (SObject r : query("SELECT Id, PermissionSetId, PermissionSet.Name, PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name, "
                + permFields + " FROM PermissionSetAssignment WHERE AssigneeId = " + quote(userId))) {
            boolean owned = "true".equals(path(r, "PermissionSet.IsOwnedByProfile"));
            String source = owned ? "profile '" + path(r, "PermissionSet.Profile.Name") + "'" : path(r, "PermissionSet.Name");
            if (!owned) {
                sets.add(new Assignment(path(r, "Id"), path(r, "PermissionSetId"), path(r, "PermissionSet.Name")));
            }
            for (String p : OrgModel.DANGEROUS_PERMISSIONS) {
                if ("true".equals(path(r, "PermissionSet.Permissions" + p))) {
                    dangerous.computeIfAbsent(p, k -> new ArrayList<>()).add(source);
                }
            }
        }
        List<Assignment> psls = query("SELECT Id, PermissionSetLicenseId, PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign WHERE AssigneeId = "
                + quote(userId)).stream()
                .map(r -> new Assignment(path(r, "Id"), path(r, "PermissionSetLicenseId"), path(r, "PermissionSetLicense.DeveloperName"))).toList();
        return new UserAccess(sets, psls, dangerous);
    }

    @Override
    public Map<String, PermissionSetInfo> permissionSets(Collection<String> names) {
        Map<String, PermissionSetInfo> out = new HashMap<>();
        if (!names.isEmpty()) {
            for (SObject r : query("SELECT Id, Name, LicenseId FROM PermissionSet WHERE Name IN " + in(names))) {
                out.put(path(r, "Name"), new PermissionSetInfo(path(r, "Id"), path(r, "Name"), path(r, "LicenseId")));
            }
        }
        return out;
    }

    @Override
    public Map<String, String> profiles(Collection<String> names) {
        Map<String, String> out = new HashMap<>();
        if (!names.isEmpty()) {
            query("SELECT Id, Name FROM Profile WHERE Name IN " + in(names)).forEach(r -> out.put(path(r, "Name"), path(r, "Id")));
        }
        return out;
    }

    @Override
    public Map<String, String> permissionSetLicenses(Collection<String> developerNames) {
        Map<String, String> out = new HashMap<>();
        if (!developerNames.isEmpty()) {
            query("SELECT Id, DeveloperName FROM PermissionSetLicense WHERE DeveloperName IN " + in(developerNames))
                    .forEach(r -> out.put(path(r, "DeveloperName"), path(r, "Id")));
        }
        return out;
    }

    @Override
    public String createUser(NewUser u) {
        SObject s = new SObject("User");
        s.setField("Username", u.username());
        s.setField("Email", u.email());
        s.setField("Alias", u.alias());
        s.setField("FirstName", u.firstName());
        s.setField("LastName", u.lastName());
        s.setField("ProfileId", u.profileId());
        s.setField("TimeZoneSidKey", "GMT");
        s.setField("LocaleSidKey", "en_US");
        s.setField("EmailEncodingKey", "UTF-8");
        s.setField("LanguageLocaleKey", "en_US");
        SaveResult r = call("create", "create user " + u.username(), true, () -> connection.create(new SObject[] {s}))[0];
        if (!r.isSuccess()) {
            throw new SalesforceException("create user " + u.username(), 400, code(r.getErrors()), message(r.getErrors()));
        }
        return r.getId();
    }

    @Override
    public void setUserActive(String userId, boolean active) {
        SObject s = new SObject("User");
        s.setId(userId);
        s.setField("IsActive", active);
        String what = (active ? "activate" : "deactivate") + " user " + userId;
        SaveResult r = call("update", what, true, () -> connection.update(new SObject[] {s}))[0];
        if (!r.isSuccess()) {
            throw new SalesforceException(what, 400, code(r.getErrors()), message(r.getErrors()));
        }
    }

    @Override
    public void updateUserProfile(String userId, String profileId) {
        SObject s = new SObject("User");
        s.setId(userId);
        s.setField("ProfileId", profileId);
        SaveResult r = call("update", "switch the profile of user " + userId, true, () -> connection.update(new SObject[] {s}))[0];
        if (!r.isSuccess()) {
            throw new SalesforceException("switch the profile of user " + userId, 400, code(r.getErrors()), message(r.getErrors()));
        }
    }

    @Override
    public List<Assignment> assignPermissionSetLicenses(String userId, Map<String, String> pslIdsByName) {
        return create("PermissionSetLicenseAssign", "PermissionSetLicenseId", userId, pslIdsByName, "assign permission set licenses");
    }

    @Override
    public List<Assignment> assignPermissionSets(String userId, Map<String, String> permissionSetIdsByName) {
        return create("PermissionSetAssignment", "PermissionSetId", userId, permissionSetIdsByName, "assign permission sets");
    }

    private List<Assignment> create(String type, String field, String userId, Map<String, String> idsByName, String what) {
        if (idsByName.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(idsByName.entrySet());
        SObject[] rows = entries.stream().map(e -> {
            SObject s = new SObject(type);
            s.setField("AssigneeId", userId);
            s.setField(field, e.getValue());
            return s;
        }).toArray(SObject[]::new);
        SaveResult[] results = call("create", what, true, () -> connection.create(rows));
        return RowOutcomes.assignments(what, userId, entries, java.util.Arrays.stream(results)
                .map(r -> new RowOutcomes.Row(r.isSuccess(), r.getId(), code(r.getErrors()), code(r.getErrors()) + ": " + message(r.getErrors())))
                .toList());
    }

    @Override
    public void deleteRecords(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        DeleteResult[] results = call("delete", "delete " + ids.size() + " assignment(s)", true, () -> connection.delete(ids.toArray(String[]::new)));
        RowOutcomes.deletions(java.util.Arrays.stream(results)
                .map(r -> new RowOutcomes.Row(r.isSuccess(), r.getId(), code(r.getErrors()), code(r.getErrors()) + ": " + message(r.getErrors())))
                .toList());
    }

    @Override
    public Map<String, String> triggerStatus(Collection<String> names) {
        Map<String, String> out = new HashMap<>();
        if (!names.isEmpty()) {
            query("SELECT Name, Status FROM ApexTrigger WHERE Name IN " + in(names)).forEach(r -> out.put(path(r, "Name"), path(r, "Status")));
        }
        return out;
    }

    @Override
    public OrgModel.ApiUsage apiUsage() {
        call("getUserInfo", "read the API usage", false, connection::getUserInfo);
        return budget.lastUsage().map(u -> new OrgModel.ApiUsage(u[0], u[1]))
                .orElseThrow(() -> new SalesforceException("read the API usage", 0, "NO_LIMIT_INFO", "the Partner API sent no LimitInfoHeader"));
    }

    private static String code(com.sforce.soap.partner.Error[] errors) {
        return errors == null || errors.length == 0 || errors[0].getStatusCode() == null ? "UNKNOWN" : errors[0].getStatusCode().name();
    }

    private static String message(com.sforce.soap.partner.Error[] errors) {
        if (errors == null) {
            return "failed";
        }
        return java.util.Arrays.stream(errors).map(com.sforce.soap.partner.Error::getMessage).collect(Collectors.joining("; "));
    }

    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String in(Collection<String> values) {
        return values.stream().map(PartnerRecords::quote).collect(Collectors.joining(", ", "(", ")"));
    }
}
