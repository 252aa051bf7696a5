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
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.RetryPolicy;
import dev.warden.runner.salesforce.RowOutcomes;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.SoqlRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Partner SOAP transport (WSC, {@code /services/Soap/u/65.0}) under {@link SoqlRecords}, for orgs or networks where
 * SOAP is the API of choice ({@code --records-api soap}): the SOQL and row mapping are the shared ones; this class
 * only moves rows (query/queryMore, create, update, delete) and reads the budget from every {@code LimitInfoHeader}.
 */
public final class PartnerRecords extends SoqlRecords {
    public static final String PARTNER_API_VERSION = "65.0";

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
            throw new SalesforceException(
                    "connect to the Partner API", 0, "CONNECTION_FAILED", String.valueOf(e.getMessage()));
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
            String code =
                    e.getFaultCode() == null ? "SOAP_FAULT" : e.getFaultCode().getLocalPart();
            String m = SoapMetadata.faultMessage(e);
            throw new SalesforceException(
                    what, 500, code, m.startsWith(code + ": ") ? m.substring(code.length() + 2) : m);
        } catch (ConnectionException e) {
            budget.unanswered();
            throw new SalesforceException(
                    what,
                    0,
                    "CONNECTION_FAILED",
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("no answer"));
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

    private List<SObject> querySObjects(String soql) {
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
                var d = call(
                        "describeSObject", "describe " + sobject, false, () -> connection.describeSObject(sobject));
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

    @Override
    protected List<dev.warden.runner.org.RecordStream.Row> query(String soql) {
        return querySObjects(soql).stream()
                .<dev.warden.runner.org.RecordStream.Row>map(r -> p -> path(r, p))
                .toList();
    }

    @Override
    protected String currentUserId() {
        return call("getUserInfo", "read the current user", false, connection::getUserInfo)
                .getUserId();
    }

    private static SObject sobject(String type, String id, Map<String, Object> fields) {
        SObject s = new SObject(type);
        if (id != null) {
            s.setId(id);
        }
        fields.forEach(s::setField);
        return s;
    }

    @Override
    protected String create(String type, Map<String, Object> fields, String what) {
        SaveResult r =
                call("create", what, true, () -> connection.create(new SObject[] {sobject(type, null, fields)}))[0];
        if (!r.isSuccess()) {
            throw new SalesforceException(what, 400, code(r.getErrors()), message(r.getErrors()));
        }
        return r.getId();
    }

    @Override
    protected void update(String type, String id, Map<String, Object> fields, String what) {
        SaveResult r =
                call("update", what, true, () -> connection.update(new SObject[] {sobject(type, id, fields)}))[0];
        if (!r.isSuccess()) {
            throw new SalesforceException(what, 400, code(r.getErrors()), message(r.getErrors()));
        }
    }

    @Override
    protected List<RowOutcomes.Row> createAll(String type, List<Map<String, Object>> rows, String what) {
        SObject[] records = rows.stream().map(f -> sobject(type, null, f)).toArray(SObject[]::new);
        SaveResult[] results = call("create", what, true, () -> connection.create(records));
        return java.util.Arrays.stream(results)
                .map(r -> new RowOutcomes.Row(
                        r.isSuccess(),
                        r.getId(),
                        code(r.getErrors()),
                        code(r.getErrors()) + ": " + message(r.getErrors())))
                .toList();
    }

    @Override
    protected List<RowOutcomes.Row> deleteAll(List<String> ids, String what) {
        DeleteResult[] results = call("delete", what, true, () -> connection.delete(ids.toArray(String[]::new)));
        return java.util.Arrays.stream(results)
                .map(r -> new RowOutcomes.Row(
                        r.isSuccess(),
                        r.getId(),
                        code(r.getErrors()),
                        code(r.getErrors()) + ": " + message(r.getErrors())))
                .toList();
    }

    @Override
    public OrgModel.ApiUsage apiUsage() {
        call("getUserInfo", "read the API usage", false, connection::getUserInfo);
        return budget.lastUsage()
                .map(u -> new OrgModel.ApiUsage(u[0], u[1]))
                .orElseThrow(() -> new SalesforceException(
                        "read the API usage", 0, "NO_LIMIT_INFO", "the Partner API sent no LimitInfoHeader"));
    }

    private static String code(com.sforce.soap.partner.Error[] errors) {
        return errors == null || errors.length == 0 || errors[0].getStatusCode() == null
                ? "UNKNOWN"
                : errors[0].getStatusCode().name();
    }

    private static String message(com.sforce.soap.partner.Error[] errors) {
        if (errors == null) {
            return "failed";
        }
        return java.util.Arrays.stream(errors)
                .map(com.sforce.soap.partner.Error::getMessage)
                .collect(Collectors.joining("; "));
    }
}
