package dev.warden.localorg.soap;

import com.sforce.soap.partner.CreateResponse_element;
import com.sforce.soap.partner.Create_element;
import com.sforce.soap.partner.DeleteResponse_element;
import com.sforce.soap.partner.DeleteResult;
import com.sforce.soap.partner.Delete_element;
import com.sforce.soap.partner.DescribeSObjectResponse_element;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.DescribeSObject_element;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.FieldType;
import com.sforce.soap.partner.GetUserInfoResponse_element;
import com.sforce.soap.partner.GetUserInfoResult;
import com.sforce.soap.partner.PicklistEntry;
import com.sforce.soap.partner.QueryMoreResponse_element;
import com.sforce.soap.partner.QueryMore_element;
import com.sforce.soap.partner.QueryResponse_element;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.Query_element;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.SoapType;
import com.sforce.soap.partner.StatusCode;
import com.sforce.soap.partner.UpdateResponse_element;
import com.sforce.soap.partner.Update_element;
import com.sforce.soap.partner.UpsertResponse_element;
import com.sforce.soap.partner.UpsertResult;
import com.sforce.soap.partner.Upsert_element;
import com.sforce.soap.partner.sobject.ISObject;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.TypeMapper;
import com.sforce.ws.bind.XMLizable;
import com.sforce.ws.bind.XmlObject;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowError;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.Soql;
import dev.warden.soql.SoqlException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The SOAP Partner API ({@code /services/Soap/u/NN.N}, WSC 65.0): query, queryMore, create, update, delete, upsert,
 * describeSObject, getUserInfo, on the same data service and platform rules as REST. Requests are loaded into WSC's
 * generated request elements; answers are WSC's types. Errors are per-record (SaveResult errors) or typed faults:
 * INVALID_SESSION_ID (UnexpectedErrorFault), INVALID_TYPE (InvalidSObjectFault), MALFORMED_QUERY
 * (MalformedQueryFault), INVALID_FIELD (InvalidFieldFault).
 */
public final class PartnerSoapApi {
    static final String NS = "urn:partner.soap.sforce.com";
    static final String SOBJECT_NS = "urn:sobject.partner.soap.sforce.com";
    private static final int BATCH = 500;

    private record Cursor(List<ResultRecord> records, int totalSize) {}

    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong cursorSeq = new AtomicLong();

    public SoapAnswer handle(Org org, byte[] body, Function<String, String> userForSession) {
        TypeMapper mapper = new TypeMapper();
        try {
            SoapMessage.Parsed p = SoapMessage.parse(body, NS, "com.sforce.soap.partner", mapper);
            String userId = p.sessionId() == null ? null : userForSession.apply(p.sessionId());
            if (userId == null) {
                throw SoapFault.invalidSession();
            }
            Access access = Access.ofUser(org.db(), userId);
            if (!access.has("ApiEnabled")) {
                throw new SoapFault("API_CURRENTLY_DISABLED", "API is disabled for this User", "UnexpectedErrorFault");
            }
            XMLizable response = switch (p.operation()) {
                case "query", "queryAll" ->
                    query(
                            org,
                            access,
                            ((Query_element) p.element()).getQueryString(),
                            p.operation().equals("queryAll"),
                            p.operation());
                case "queryMore" -> queryMore(((QueryMore_element) p.element()).getQueryLocator());
                case "create" -> create(org, userId, access, (Create_element) p.element(), p.allOrNone());
                case "update" -> update(org, userId, (Update_element) p.element(), p.allOrNone());
                case "delete" -> delete(org, userId, (Delete_element) p.element(), p.allOrNone());
                case "upsert" -> upsert(org, userId, access, (Upsert_element) p.element(), p.allOrNone());
                case "retrieve" -> retrieve(org, access, (com.sforce.soap.partner.Retrieve_element) p.element());
                case "describeSObject" ->
                    describe(org, access, ((DescribeSObject_element) p.element()).getSObjectType());
                case "getUserInfo" -> userInfo(org, userId);
                case "setPassword" ->
                    setPassword(org, userId, (com.sforce.soap.partner.SetPassword_element) p.element());
                default ->
                    throw new SoapFault(
                            "INVALID_OPERATION",
                            "The local org does not implement the Partner API" + " operation " + p.operation(),
                            "UnexpectedErrorFault");
            };
            return new SoapAnswer(
                    200,
                    SoapMessage.write(
                            NS,
                            p.operation() + "Response",
                            response,
                            mapper,
                            SOBJECT_NS,
                            "LimitInfoHeader",
                            limitInfo(org)));
        } catch (SoapFault f) {
            return new SoapAnswer(500, SoapMessage.fault(f));
        } catch (SoqlException e) {
            String detail = switch (e.errorCode()) {
                case "MALFORMED_QUERY" -> "MalformedQueryFault";
                case "INVALID_FIELD" -> "InvalidFieldFault";
                case "INVALID_TYPE" -> "InvalidSObjectFault";
                default -> "UnexpectedErrorFault";
            };
            return new SoapAnswer(500, SoapMessage.fault(new SoapFault(e.errorCode(), e.getMessage(), detail)));
        } catch (OrgException e) {
            String detail = switch (e.errorCode()) {
                case "INVALID_TYPE" -> "InvalidSObjectFault";
                case "INVALID_FIELD" -> "InvalidFieldFault";
                default -> "UnexpectedErrorFault";
            };
            return new SoapAnswer(500, SoapMessage.fault(new SoapFault(e.errorCode(), e.getMessage(), detail)));
        } catch (RuntimeException e) {
            return new SoapAnswer(
                    500,
                    SoapMessage.fault(new SoapFault(
                            "UNKNOWN_EXCEPTION",
                            e.getClass().getSimpleName() + ": " + e.getMessage(),
                            "UnexpectedErrorFault")));
        }
    }

    // ------------------------------------------------------------------ query

    private static boolean visible(Access access, SObjectType t) {
        if (t.kind() == ObjectKind.CUSTOM_OBJECT || t.kind() == ObjectKind.CUSTOM_SETTING) {
            return access.object(t.name()).read();
        }
        return true;
    }

    private XMLizable query(Org org, Access access, String soql, boolean all, String op) {
        if (soql == null || soql.isBlank()) {
            throw new SoapFault("MALFORMED_QUERY", "A query string has to be specified", "MalformedQueryFault");
        }
        OrgSoqlSource source = new OrgSoqlSource(org.db(), t -> visible(access, t));
        dev.warden.soql.QueryResult r = dev.warden.localorg.query.QueryLimits.run(
                soql, () -> Soql.query(soql, source, new QueryOptions(org.db().clock(), all)));
        QueryResult page = page(r.records(), r.totalSize(), 0);
        QueryResponse_element out = new QueryResponse_element();
        out.setResult(page);
        return out;
    }

    /**
     * {@code retrieve(fieldList, sObjectType, ids)}: the records as a query of those fields would give them, in the
     * order of the ids, null for an id that names no live record of the type (as the platform answers).
     */
    private XMLizable retrieve(Org org, Access access, com.sforce.soap.partner.Retrieve_element req) {
        SObjectType type = requireType(org, access, req.getSObjectType());
        String[] ids = req.getIds() == null ? new String[0] : req.getIds();
        Map<String, SObject> found = new java.util.HashMap<>();
        List<String> valid = java.util.Arrays.stream(ids)
                .filter(Ids::isValid)
                .map(Ids::canonical)
                .toList();
        if (!valid.isEmpty()) {
            String fields = req.getFieldList() == null || req.getFieldList().isBlank() ? "Id" : req.getFieldList();
            String soql =
                    "SELECT " + fields + " FROM " + type.name() + " WHERE Id IN ('" + String.join("','", valid) + "')";
            OrgSoqlSource source = new OrgSoqlSource(org.db(), t -> visible(access, t));
            for (ResultRecord r : Soql.query(
                            soql, source, new QueryOptions(org.db().clock(), false))
                    .records()) {
                SObject so = sobject(r);
                so.setId(r.id() == null ? (String) r.fields().get("Id") : r.id());
                found.put(Ids.canonical(so.getId()), so);
            }
        }
        com.sforce.soap.partner.RetrieveResponse_element out = new com.sforce.soap.partner.RetrieveResponse_element();
        out.setResult(java.util.Arrays.stream(ids)
                .map(id -> Ids.isValid(id) ? found.get(Ids.canonical(id)) : null)
                .toArray(SObject[]::new));
        return out;
    }

    private XMLizable queryMore(String locator) {
        int dash = locator == null ? -1 : locator.lastIndexOf('-');
        Cursor c = dash < 0 ? null : cursors.get(locator.substring(0, dash));
        if (c == null) {
            throw new SoapFault("INVALID_QUERY_LOCATOR", "invalid query locator", "UnexpectedErrorFault");
        }
        QueryMoreResponse_element out = new QueryMoreResponse_element();
        out.setResult(page(c.records(), c.totalSize(), Integer.parseInt(locator.substring(dash + 1))));
        return out;
    }

    private QueryResult page(List<ResultRecord> records, int totalSize, int offset) {
        int end = Math.min(records.size(), offset + BATCH);
        List<SObject> out = new ArrayList<>();
        for (int i = offset; i < end; i++) {
            out.add(sobject(records.get(i)));
        }
        QueryResult q = new QueryResult();
        q.setDone(end >= records.size());
        q.setSize(totalSize);
        q.setRecords(out.toArray(SObject[]::new));
        if (end < records.size()) {
            String id = Ids.make("01g", cursorSeq.incrementAndGet()).substring(0, 15);
            cursors.put(id, new Cursor(records, totalSize));
            q.setQueryLocator(id + "-" + end);
        }
        return q;
    }

    private static SObject sobject(ResultRecord r) {
        SObject so = new SObject();
        so.setType(r.objectName());
        if (r.id() != null) {
            so.setId(r.id());
        }
        for (Map.Entry<String, Object> e : r.fields().entrySet()) {
            Object v = e.getValue();
            if (v instanceof ResultRecord nested) {
                so.setField(e.getKey(), sobject(nested));
            } else if (v instanceof dev.warden.soql.QueryResult sub) {
                so.setField(e.getKey(), subqueryXml(e.getKey(), sub.records(), sub.totalSize()));
            } else if (v instanceof List<?> list) {
                List<ResultRecord> rows = new ArrayList<>();
                list.forEach(o -> {
                    if (o instanceof ResultRecord rr) {
                        rows.add(rr);
                    }
                });
                so.setField(e.getKey(), rows.isEmpty() ? null : subqueryXml(e.getKey(), rows, rows.size()));
            } else if (!e.getKey().equals("Id")) {
                so.setField(e.getKey(), text(v));
            }
        }
        return so;
    }

    /**
     * A child subquery inside a record, as the platform writes it: an element named after the relationship holding
     * done, queryLocator, one records element per row and size. (A typed QueryResult value can't be written as a
     * field of a generic SObject by WSC.)
     */
    private static XmlObject subqueryXml(String name, List<ResultRecord> rows, int total) {
        XmlObject q = new XmlObject(new javax.xml.namespace.QName(SOBJECT_NS, name));
        q.addField("done", Boolean.TRUE);
        q.addField("queryLocator", null);
        for (ResultRecord r : rows) {
            q.addField("records", sobject(r));
        }
        q.addField("size", total);
        return q;
    }

    /** Field values travel as text, as the platform sends them (WSC reads them back with getField). */
    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        Object json = Values.toJson(v);
        return json == null ? null : json.toString();
    }

    // ------------------------------------------------------------------ DML

    private static Map<String, Object> values(ISObject so, SObjectType type) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<XmlObject> it = ((SObject) so).getChildren();
        while (it.hasNext()) {
            XmlObject child = it.next();
            String name = child.getName().getLocalPart();
            if (name.equals("type") || name.equals("fieldsToNull") || name.equals("Id") && child.getValue() == null) {
                continue;
            }
            if (child.hasChildren()) {
                // A nested sObject: a parent reference by external id, resolved by the write path.
                Map<String, Object> ref = new LinkedHashMap<>();
                Iterator<XmlObject> fields = child.getChildren();
                while (fields.hasNext()) {
                    XmlObject f = fields.next();
                    if (f.getValue() != null) {
                        ref.put(f.getName().getLocalPart(), f.getValue().toString());
                    }
                }
                out.put(name, ref);
                continue;
            }
            Object value = child.getValue();
            if (value instanceof Calendar c) {
                FieldDef f = type.field(name);
                value = f != null && f.type() == dev.warden.localorg.model.FieldType.DATE
                        ? LocalDate.ofInstant(c.toInstant(), java.time.ZoneOffset.UTC)
                        : Instant.ofEpochMilli(c.getTimeInMillis());
            } else if (value instanceof java.util.Date d) {
                value = Instant.ofEpochMilli(d.getTime());
            }
            out.put(name, value);
        }
        if (so.getFieldsToNull() != null) {
            for (String n : so.getFieldsToNull()) {
                out.put(n, null);
            }
        }
        return out;
    }

    private static SObjectType requireType(Org org, Access access, String name) {
        SObjectType t = name == null ? null : org.schema().get(name);
        if (t == null || !visible(access, t)) {
            throw new SoapFault(
                    "INVALID_TYPE",
                    "sObject type '" + name + "' is not supported. If you are attempting"
                            + " to use a custom object, be sure to append the '__c' after the entity name.",
                    "InvalidSObjectFault");
        }
        return t;
    }

    private static com.sforce.soap.partner.Error[] errors(OrgException e) {
        com.sforce.soap.partner.Error err = new com.sforce.soap.partner.Error();
        StatusCode code;
        try {
            code = StatusCode.valueOf(e.errorCode());
        } catch (IllegalArgumentException ex) {
            code = StatusCode.UNKNOWN_EXCEPTION;
        }
        err.setStatusCode(code);
        err.setMessage(e.getMessage());
        err.setFields(e.fields().toArray(String[]::new));
        return new com.sforce.soap.partner.Error[] {err};
    }

    private static com.sforce.soap.partner.Error[] errors(List<RowError> list) {
        com.sforce.soap.partner.Error[] out = new com.sforce.soap.partner.Error[list.size()];
        for (int i = 0; i < list.size(); i++) {
            out[i] = errors(list.get(i).toException())[0];
        }
        return out;
    }

    /**
     * Writes through the org's batch write path, one {@code dml} call per run of consecutive records of one type
     * (Salesforce chunks mixed lists the same way), in one transaction. With {@code AllOrNoneHeader} a failure rolls
     * every run back and the other records report ALL_OR_NONE_OPERATION_ROLLED_BACK.
     *
     * @param types each record's type, or null when the record already failed (its entry in {@code early})
     */
    private static List<RowResult> write(
            Org org,
            String userId,
            Operation op,
            List<SObjectType> types,
            List<Map<String, Object>> rows,
            List<OrgException> early,
            boolean allOrNone,
            String upsertKey) {
        RowResult[] out = new RowResult[rows.size()];
        boolean failed = false;
        for (int i = 0; i < rows.size(); i++) {
            if (early.get(i) != null) {
                out[i] = new RowResult(
                        i,
                        null,
                        false,
                        List.of(new RowError(
                                early.get(i).errorCode(),
                                early.get(i).getMessage(),
                                early.get(i).fields())),
                        false);
                failed = true;
            }
        }
        if (!(failed && allOrNone)) {
            try {
                org.db().transaction(() -> {
                    int i = 0;
                    boolean anyFailed = false;
                    while (i < rows.size()) {
                        if (types.get(i) == null) {
                            i++;
                            continue;
                        }
                        SObjectType type = types.get(i);
                        List<Integer> run = new ArrayList<>();
                        while (i < rows.size() && (types.get(i) == null || types.get(i) == type)) {
                            if (types.get(i) != null) {
                                run.add(i);
                            }
                            i++;
                        }
                        List<Map<String, Object>> batch = new ArrayList<>();
                        run.forEach(k -> batch.add(rows.get(k)));
                        Caller caller = Caller.api(userId);
                        List<RowResult> rs = upsertKey != null
                                ? org.db().upsert(caller, type.name(), upsertKey, batch, allOrNone)
                                : org.db()
                                        .dml(caller, op, op == Operation.INSERT ? type.name() : null, batch, allOrNone);
                        for (int k = 0; k < rs.size(); k++) {
                            out[run.get(k)] = rs.get(k);
                            anyFailed |= !rs.get(k).success();
                        }
                        if (anyFailed && allOrNone) {
                            throw new RolledBack();
                        }
                    }
                });
            } catch (RolledBack e) {
                // undone; reported below
            }
        }
        boolean anyFailure = false;
        for (RowResult r : out) {
            anyFailure |= r != null && !r.success();
        }
        List<RowResult> results = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            RowResult r = out[i];
            if (r == null || (allOrNone && anyFailure && r.success())) {
                // The platform's words for the REST API's allOrNone; the SOAP text is UNCONFIRMED.
                r = new RowResult(
                        i,
                        null,
                        false,
                        List.of(new RowError(
                                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                "Record rolled back because not all records were valid and the request was using AllOrNone"
                                        + " header",
                                List.of())),
                        false);
            }
            results.add(r);
        }
        return results;
    }

    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RolledBack() {
            super(null, null, false, false);
        }
    }

    private XMLizable create(Org org, String userId, Access access, Create_element req, boolean allOrNone) {
        List<SObjectType> types = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<OrgException> early = new ArrayList<>();
        for (ISObject so : req.getSObjects()) {
            SObjectType t = requireType(org, access, so.getType());
            types.add(t);
            rows.add(values(so, t));
            early.add(null);
        }
        List<SaveResult> out = new ArrayList<>();
        for (RowResult r : write(org, userId, Operation.INSERT, types, rows, early, allOrNone, null)) {
            SaveResult s = new SaveResult();
            s.setSuccess(r.success());
            if (r.success()) {
                s.setId(r.id());
            } else {
                s.setErrors(errors(r.errors()));
            }
            out.add(s);
        }
        CreateResponse_element e = new CreateResponse_element();
        e.setResult(out.toArray(SaveResult[]::new));
        return e;
    }

    private XMLizable update(Org org, String userId, Update_element req, boolean allOrNone) {
        List<SObjectType> types = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<OrgException> early = new ArrayList<>();
        for (ISObject so : req.getSObjects()) {
            Record before = so.getId() == null ? null : org.db().live(so.getId());
            if (before == null) {
                types.add(null);
                rows.add(Map.of());
                early.add(new OrgException("INVALID_ID_FIELD", "invalid record id", List.of("Id")));
                continue;
            }
            Map<String, Object> v = values(so, before.type());
            v.put("Id", before.id());
            types.add(before.type());
            rows.add(v);
            early.add(null);
        }
        List<SaveResult> out = new ArrayList<>();
        for (RowResult r : write(org, userId, Operation.UPDATE, types, rows, early, allOrNone, null)) {
            SaveResult s = new SaveResult();
            s.setSuccess(r.success());
            if (r.success()) {
                s.setId(r.id());
            } else {
                s.setErrors(errors(r.errors()));
            }
            out.add(s);
        }
        UpdateResponse_element e = new UpdateResponse_element();
        e.setResult(out.toArray(SaveResult[]::new));
        return e;
    }

    private XMLizable delete(Org org, String userId, Delete_element req, boolean allOrNone) {
        List<SObjectType> types = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<OrgException> early = new ArrayList<>();
        String[] ids = req.getIds();
        for (String id : ids) {
            Record r = id == null ? null : org.db().live(id);
            types.add(r == null ? null : r.type());
            rows.add(r == null ? Map.of() : Map.of("Id", r.id()));
            early.add(r == null ? new OrgException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id") : null);
        }
        List<DeleteResult> out = new ArrayList<>();
        List<RowResult> results = write(org, userId, Operation.DELETE, types, rows, early, allOrNone, null);
        for (int i = 0; i < results.size(); i++) {
            RowResult r = results.get(i);
            DeleteResult d = new DeleteResult();
            d.setSuccess(r.success());
            d.setId(r.success() ? r.id() : ids[i]);
            if (!r.success()) {
                d.setErrors(errors(r.errors()));
            }
            out.add(d);
        }
        DeleteResponse_element e = new DeleteResponse_element();
        e.setResult(out.toArray(DeleteResult[]::new));
        return e;
    }

    /** Upsert on {@code externalIDFieldName}: {@code Id}, an External ID field or a unique standard field. */
    private XMLizable upsert(Org org, String userId, Access access, Upsert_element req, boolean allOrNone) {
        String key = req.getExternalIDFieldName();
        List<SObjectType> types = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<OrgException> early = new ArrayList<>();
        for (ISObject so : req.getSObjects()) {
            SObjectType t = requireType(org, access, so.getType());
            Map<String, Object> v = values(so, t);
            if (so.getId() != null) {
                v.put("Id", so.getId());
            }
            types.add(t);
            rows.add(v);
            early.add(null);
        }
        List<UpsertResult> out = new ArrayList<>();
        for (RowResult r :
                write(org, userId, Operation.UPDATE, types, rows, early, allOrNone, key == null ? "" : key)) {
            UpsertResult u = new UpsertResult();
            u.setSuccess(r.success());
            if (r.success()) {
                u.setId(r.id());
                u.setCreated(r.created());
            } else {
                u.setErrors(errors(r.errors()));
            }
            out.add(u);
        }
        UpsertResponse_element e = new UpsertResponse_element();
        e.setResult(out.toArray(UpsertResult[]::new));
        return e;
    }

    // ------------------------------------------------------------------ describe, user info

    private XMLizable describe(Org org, Access access, String name) {
        SObjectType t = requireType(org, access, name);
        DescribeSObjectResult d = new DescribeSObjectResult();
        d.setName(t.name());
        d.setLabel(t.label());
        d.setLabelPlural(t.pluralLabel());
        d.setKeyPrefix(t.keyPrefix());
        d.setCustom(t.custom());
        d.setCustomSetting(t.kind() == ObjectKind.CUSTOM_SETTING);
        d.setCreateable(t.capabilities().createable());
        d.setUpdateable(t.capabilities().updateable());
        d.setDeletable(t.capabilities().deletable());
        d.setQueryable(t.capabilities().queryable());
        d.setUndeletable(t.capabilities().undeletable());
        d.setRetrieveable(true);
        d.setSearchable(dev.warden.localorg.search.SearchApi.searchable(t));
        d.setTriggerable(t.kind() != ObjectKind.CUSTOM_METADATA);
        d.setIdEnabled(true);
        d.setChildRelationships(org.schema().childRelationships(t.name()).stream()
                .map(c -> {
                    com.sforce.soap.partner.ChildRelationship cr = new com.sforce.soap.partner.ChildRelationship();
                    cr.setChildSObject(c.childObject());
                    cr.setField(c.field());
                    cr.setRelationshipName(c.relationshipName());
                    return cr;
                })
                .toArray(com.sforce.soap.partner.ChildRelationship[]::new));
        List<Field> fields = new ArrayList<>();
        for (FieldDef f : t.fields()) {
            // Standard objects from the describe snapshot: unrestricted picklist values and the name field.
            dev.warden.localorg.model.DescribeFacts facts = org.schema().describeFacts(t.name(), f.name());
            List<String> picklist =
                    facts != null && !facts.picklistValues().isEmpty() ? facts.picklistValues() : f.picklistValues();
            Field x = new Field();
            x.setName(f.name());
            x.setLabel(f.label());
            x.setType(fieldType(f.type()));
            x.setSoapType(soapType(f.type()));
            x.setLength(f.type().isText() ? f.length() : 0);
            x.setNillable(f.nillable());
            x.setCreateable(f.createable());
            x.setUpdateable(f.updateable());
            x.setCustom(f.custom());
            x.setUnique(f.unique());
            x.setNameField(facts != null ? facts.nameField() : f.name().equals("Name"));
            x.setIdLookup(f.name().equals("Id") || f.unique() || f.externalId());
            x.setExternalId(f.externalId() || (facts != null && facts.externalId()));
            x.setFilterable(true);
            x.setSortable(true);
            x.setGroupable(f.type() != dev.warden.localorg.model.FieldType.DOUBLE);
            x.setDefaultedOnCreate(f.defaultValue() != null || !f.createable());
            x.setAutoNumber(facts == null && f.name().equals("Name") && !f.createable());
            x.setCalculated(f.calculated());
            if (f.calculated()) {
                x.setCalculatedFormula(f.calculation().formula());
            }
            if (!f.referenceTo().isEmpty()) {
                x.setReferenceTo(f.referenceTo().toArray(String[]::new));
                x.setRelationshipName(f.relationshipName());
            }
            if (!picklist.isEmpty()) {
                x.setRestrictedPicklist(facts != null ? facts.restrictedPicklist() : true);
                x.setPicklistValues(picklist.stream()
                        .map(v -> {
                            PicklistEntry pe = new PicklistEntry();
                            pe.setActive(true);
                            pe.setDefaultValue(v.equals(f.defaultValue()));
                            pe.setLabel(v);
                            pe.setValue(v);
                            return pe;
                        })
                        .toArray(PicklistEntry[]::new));
            }
            fields.add(x);
        }
        d.setFields(fields.toArray(Field[]::new));
        DescribeSObjectResponse_element out = new DescribeSObjectResponse_element();
        out.setResult(d);
        return out;
    }

    private static FieldType fieldType(dev.warden.localorg.model.FieldType t) {
        return switch (t) {
            case ID -> FieldType.id;
            case REFERENCE -> FieldType.reference;
            case TEXTAREA -> FieldType.textarea;
            case PICKLIST -> FieldType.picklist;
            case MULTIPICKLIST -> FieldType.multipicklist;
            case EMAIL -> FieldType.email;
            case PHONE -> FieldType.phone;
            case URL -> FieldType.url;
            case BOOLEAN -> FieldType._boolean;
            case INT -> FieldType._int;
            case LONG -> FieldType._long;
            case DOUBLE -> FieldType._double;
            case CURRENCY -> FieldType.currency;
            case PERCENT -> FieldType.percent;
            case DATE -> FieldType.date;
            case DATETIME -> FieldType.datetime;
            case BASE64 -> FieldType.base64;
            default -> FieldType.string;
        };
    }

    private static SoapType soapType(dev.warden.localorg.model.FieldType t) {
        return switch (t) {
            case ID, REFERENCE -> SoapType.ID;
            case BOOLEAN -> SoapType._boolean;
            case INT -> SoapType._int;
            case LONG -> SoapType._long;
            case DOUBLE, CURRENCY, PERCENT -> SoapType._double;
            case DATE -> SoapType.date;
            case DATETIME -> SoapType.dateTime;
            case BASE64 -> SoapType.base64Binary;
            default -> SoapType.string;
        };
    }

    /** {@code sf org generate password}; rules in {@link dev.warden.localorg.misc.UserPasswords}. */
    private static XMLizable setPassword(Org org, String callerId, com.sforce.soap.partner.SetPassword_element e) {
        dev.warden.localorg.misc.UserPasswords.set(org, callerId, e.getUserId(), e.getPassword());
        return new com.sforce.soap.partner.SetPasswordResponse_element();
    }

    private static XMLizable userInfo(Org org, String userId) {
        GetUserInfoResponse_element out = new GetUserInfoResponse_element();
        out.setResult(userInfoResult(org, userId));
        return out;
    }

    /** getUserInfo's result (also part of the login call's LoginResult). */
    static GetUserInfoResult userInfoResult(Org org, String userId) {
        Record u = org.db().retrieve(userId);
        Record o = org.db().retrieve(org.orgId());
        GetUserInfoResult r = new GetUserInfoResult();
        r.setOrganizationId(org.orgId());
        r.setOrganizationName(o == null ? "" : o.getString("Name"));
        r.setOrganizationMultiCurrency(false);
        r.setOrgDefaultCurrencyIsoCode("USD");
        r.setCurrencySymbol("$");
        r.setUserId(u.id());
        r.setUserName(u.getString("Username"));
        r.setUserFullName(u.getString("Name"));
        r.setUserEmail(u.getString("Email"));
        r.setProfileId(u.getString("ProfileId"));
        r.setUserLanguage(u.getString("LanguageLocaleKey"));
        r.setUserLocale(u.getString("LocaleSidKey"));
        r.setUserTimeZone(u.getString("TimeZoneSidKey"));
        r.setUserType(u.getString("UserType") == null ? "Standard" : u.getString("UserType"));
        r.setUserUiSkin("Theme3");
        r.setSessionSecondsValid(7200);
        r.setOrgAttachmentFileSizeLimit(26214400);
        return r;
    }

    /**
     * The daily API budget as the platform reports it on Partner responses ({@code LimitInfoHeader}, type
     * {@code API REQUESTS}), so WSC clients can track it without calling /limits.
     */
    private static com.sforce.soap.partner.LimitInfoHeader_element limitInfo(Org org) {
        com.sforce.soap.partner.LimitInfo li = new com.sforce.soap.partner.LimitInfo();
        li.setCurrent(org.apiUsage().used());
        li.setLimit(org.apiUsage().max());
        li.setType("API REQUESTS");
        com.sforce.soap.partner.LimitInfoHeader_element h = new com.sforce.soap.partner.LimitInfoHeader_element();
        h.setLimitInfo(new com.sforce.soap.partner.LimitInfo[] {li});
        return h;
    }
}
