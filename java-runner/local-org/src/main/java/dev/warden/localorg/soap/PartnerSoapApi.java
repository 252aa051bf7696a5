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
                case "query", "queryAll" -> query(org, access, ((Query_element) p.element()).getQueryString(),
                        p.operation().equals("queryAll"), p.operation());
                case "queryMore" -> queryMore(((QueryMore_element) p.element()).getQueryLocator());
                case "create" -> create(org, userId, access, (Create_element) p.element());
                case "update" -> update(org, userId, (Update_element) p.element());
                case "delete" -> delete(org, userId, (Delete_element) p.element());
                case "upsert" -> upsert(org, userId, access, (Upsert_element) p.element());
                case "describeSObject" -> describe(org, access, ((DescribeSObject_element) p.element()).getSObjectType());
                case "getUserInfo" -> userInfo(org, userId);
                default -> throw new SoapFault("INVALID_OPERATION", "The local org does not implement the Partner API"
                        + " operation " + p.operation(), "UnexpectedErrorFault");
            };
            return new SoapAnswer(200, SoapMessage.write(NS, p.operation() + "Response", response, mapper,
                    SOBJECT_NS, "LimitInfoHeader", limitInfo(org)));
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
            String detail = e.errorCode().equals("INVALID_TYPE") ? "InvalidSObjectFault" : "UnexpectedErrorFault";
            return new SoapAnswer(500, SoapMessage.fault(new SoapFault(e.errorCode(), e.getMessage(), detail)));
        } catch (RuntimeException e) {
            return new SoapAnswer(500, SoapMessage.fault(new SoapFault("UNKNOWN_EXCEPTION",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), "UnexpectedErrorFault")));
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
        dev.warden.soql.QueryResult r = dev.warden.localorg.query.QueryLimits.run(soql,
                () -> Soql.query(soql, source, new QueryOptions(org.db().clock(), all)));
        QueryResult page = page(r.records(), r.totalSize(), 0);
        QueryResponse_element out = new QueryResponse_element();
        out.setResult(page);
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
                so.setField(e.getKey(), subquery(sub.records(), sub.totalSize()));
            } else if (v instanceof List<?> list) {
                List<ResultRecord> rows = new ArrayList<>();
                list.forEach(o -> {
                    if (o instanceof ResultRecord rr) {
                        rows.add(rr);
                    }
                });
                so.setField(e.getKey(), rows.isEmpty() ? null : subquery(rows, rows.size()));
            } else if (!e.getKey().equals("Id")) {
                so.setField(e.getKey(), text(v));
            }
        }
        return so;
    }

    private static QueryResult subquery(List<ResultRecord> rows, int total) {
        QueryResult q = new QueryResult();
        q.setDone(true);
        q.setSize(total);
        q.setRecords(rows.stream().map(PartnerSoapApi::sobject).toArray(SObject[]::new));
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
            Object value = child.getValue();
            if (value instanceof Calendar c) {
                FieldDef f = type.field(name);
                value = f != null && f.type() == dev.warden.localorg.model.FieldType.DATE
                        ? LocalDate.ofInstant(c.toInstant(), java.time.ZoneOffset.UTC) : Instant.ofEpochMilli(c.getTimeInMillis());
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
            throw new SoapFault("INVALID_TYPE", "sObject type '" + name + "' is not supported. If you are attempting"
                    + " to use a custom object, be sure to append the '__c' after the entity name.", "InvalidSObjectFault");
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

    private XMLizable create(Org org, String userId, Access access, Create_element req) {
        List<SaveResult> out = new ArrayList<>();
        for (ISObject so : req.getSObjects()) {
            SaveResult r = new SaveResult();
            try {
                SObjectType t = requireType(org, access, so.getType());
                r.setId(org.db().insert(Caller.api(userId), t.name(), values(so, t)));
                r.setSuccess(true);
            } catch (OrgException e) {
                r.setSuccess(false);
                r.setErrors(errors(e));
            }
            out.add(r);
        }
        CreateResponse_element e = new CreateResponse_element();
        e.setResult(out.toArray(SaveResult[]::new));
        return e;
    }

    private XMLizable update(Org org, String userId, Update_element req) {
        List<SaveResult> out = new ArrayList<>();
        for (ISObject so : req.getSObjects()) {
            SaveResult r = new SaveResult();
            try {
                Record before = so.getId() == null ? null : org.db().live(so.getId());
                if (before == null) {
                    throw new OrgException("INVALID_ID_FIELD", "invalid record id", List.of("Id"));
                }
                org.db().update(Caller.api(userId), before.id(), values(so, before.type()));
                r.setId(before.id());
                r.setSuccess(true);
            } catch (OrgException e) {
                r.setSuccess(false);
                r.setErrors(errors(e));
            }
            out.add(r);
        }
        UpdateResponse_element e = new UpdateResponse_element();
        e.setResult(out.toArray(SaveResult[]::new));
        return e;
    }

    private XMLizable delete(Org org, String userId, Delete_element req) {
        List<DeleteResult> out = new ArrayList<>();
        for (String id : req.getIds()) {
            DeleteResult r = new DeleteResult();
            r.setId(id);
            try {
                org.db().delete(Caller.api(userId), id);
                r.setId(Ids.canonical(id));
                r.setSuccess(true);
            } catch (OrgException e) {
                r.setSuccess(false);
                r.setErrors(errors(e.errorCode().equals("NOT_FOUND")
                        ? new OrgException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id") : e));
            }
            out.add(r);
        }
        DeleteResponse_element e = new DeleteResponse_element();
        e.setResult(out.toArray(DeleteResult[]::new));
        return e;
    }

    private XMLizable upsert(Org org, String userId, Access access, Upsert_element req) {
        List<UpsertResult> out = new ArrayList<>();
        String key = req.getExternalIDFieldName();
        for (ISObject so : req.getSObjects()) {
            UpsertResult r = new UpsertResult();
            try {
                SObjectType t = requireType(org, access, so.getType());
                Map<String, Object> values = values(so, t);
                if (key == null || t.field(key) == null) {
                    throw new OrgException("INVALID_FIELD", "Field " + key + " does not exist or is not an External ID"
                            + " field on " + t.name(), List.of(String.valueOf(key)));
                }
                Object keyValue = key.equalsIgnoreCase("Id") ? so.getId() : values.get(t.field(key).name());
                List<Record> matches = keyValue == null ? List.of() : org.db().findBy(t.name(), t.field(key).name(), keyValue);
                if (matches.size() > 1) {
                    throw new OrgException("DUPLICATE_EXTERNAL_ID", t.field(key).name() + ": more than one record found"
                            + " for external id field");
                }
                if (matches.isEmpty()) {
                    r.setId(org.db().insert(Caller.api(userId), t.name(), values));
                    r.setCreated(true);
                } else {
                    org.db().update(Caller.api(userId), matches.get(0).id(), values);
                    r.setId(matches.get(0).id());
                    r.setCreated(false);
                }
                r.setSuccess(true);
            } catch (OrgException e) {
                r.setSuccess(false);
                r.setErrors(errors(e));
            }
            out.add(r);
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
        d.setSearchable(false);
        d.setTriggerable(t.kind() != ObjectKind.CUSTOM_METADATA);
        d.setIdEnabled(true);
        List<Field> fields = new ArrayList<>();
        for (FieldDef f : t.fields()) {
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
            x.setNameField(f.name().equals("Name"));
            x.setIdLookup(f.name().equals("Id") || f.unique());
            x.setFilterable(true);
            x.setSortable(true);
            x.setGroupable(f.type() != dev.warden.localorg.model.FieldType.DOUBLE);
            x.setDefaultedOnCreate(f.defaultValue() != null || !f.createable());
            x.setAutoNumber(f.name().equals("Name") && !f.createable());
            if (!f.referenceTo().isEmpty()) {
                x.setReferenceTo(f.referenceTo().toArray(String[]::new));
                x.setRelationshipName(f.relationshipName());
            }
            if (!f.picklistValues().isEmpty()) {
                x.setPicklistValues(f.picklistValues().stream().map(v -> {
                    PicklistEntry pe = new PicklistEntry();
                    pe.setActive(true);
                    pe.setDefaultValue(v.equals(f.defaultValue()));
                    pe.setLabel(v);
                    pe.setValue(v);
                    return pe;
                }).toArray(PicklistEntry[]::new));
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

    private static XMLizable userInfo(Org org, String userId) {
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
        GetUserInfoResponse_element out = new GetUserInfoResponse_element();
        out.setResult(r);
        return out;
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
