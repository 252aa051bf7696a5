package dev.warden.localorg.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowError;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.ApiVersions;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.Routes;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST API (/services/data): versions, resources, sobject describe and CRUD, limits, and the routes of
 * {@link QueryApi} and {@link CompositeApi}. Object-level access (CRUD) is enforced for custom objects.
 */
public final class RestApi {
    /** Highest API version served (sf picks the highest listed). */
    public static final int MAX_VERSION = ApiVersions.MAX;

    static final String V = "/services/data/v(\\d{2}\\.\\d)";
    private final LocalOrgContext ctx;

    private RestApi(LocalOrgContext ctx) {
        this.ctx = ctx;
    }

    public static void register(LocalOrgContext ctx) {
        RestApi api = new RestApi(ctx);
        Routes r = ctx.routes();
        r.add("GET", "/services/data/?", ApiKind.REST, false, req -> api.versions());
        r.add("GET", V + "/?", ApiKind.REST, true, api::resources);
        r.add("GET", V + "/sobjects/?", ApiKind.REST, true, api::globalDescribe);
        r.add("GET", V + "/sobjects/(\\w+)/describe/?", ApiKind.REST, true, api::describe);
        r.add("GET", V + "/sobjects/(\\w+)/?", ApiKind.REST, true, api::basicInfo);
        r.add("POST", V + "/sobjects/(\\w+)/?", ApiKind.REST, true, api::create);
        r.add("GET", V + "/sobjects/(\\w+)/(\\w+)/?", ApiKind.REST, true, api::read);
        r.add("PATCH", V + "/sobjects/(\\w+)/(\\w+)/?", ApiKind.REST, true, api::update);
        r.add("DELETE", V + "/sobjects/(\\w+)/(\\w+)/?", ApiKind.REST, true, api::delete);
        r.add("PATCH", V + "/sobjects/(\\w+)/(\\w+)/([^/]+)/?", ApiKind.REST, true, api::upsertByExternalId);
        r.add("DELETE", V + "/sobjects/(\\w+)/(\\w+)/([^/]+)/?", ApiKind.REST, true, api::deleteByExternalId);
        r.add("GET", V + "/sobjects/(\\w+)/(\\w{15}|\\w{18})/(\\w+)/?", ApiKind.REST, true, api::blob);
        r.add("GET", V + "/sobjects/(\\w+)/(\\w+)/([^/]+)/?", ApiKind.REST, true, api::readByExternalId);
        r.add("GET", V + "/limits/?", ApiKind.REST, true, api::limits);
        QueryApi.register(ctx, api);
        CompositeApi.register(ctx, api);
        SObjectCollections.register(ctx, api);
        SObjectTreeApi.register(ctx, api);
        ToolingApi.register(ctx);
        // Apex REST is served by deployed @RestResource classes (apex.ApexExtension, registered before these routes);
        // without it, anything
        // answers as the platform does for an unmapped URL.
        r.add("*", "/services/apexrest(/.*)?", ApiKind.APEX_REST, true, req -> {
            throw new OrgException(
                    "NOT_FOUND",
                    "Could not find a match for URL " + req.path().substring("/services/apexrest".length()),
                    List.of(),
                    404);
        });
    }

    private Response versions() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int v = 20; v <= MAX_VERSION; v++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", "v" + v + ".0");
            m.put("url", "/services/data/v" + v + ".0");
            m.put("version", v + ".0");
            list.add(m);
        }
        return Response.json(200, list);
    }

    static String version(Request req) {
        String v = req.pathGroup(1);
        double d = Double.parseDouble(v);
        if (d < 20 || d > MAX_VERSION) {
            throw OrgException.notFound();
        }
        return v;
    }

    private Response resources(Request req) {
        String v = version(req);
        String base = "/services/data/v" + v;
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of(
                "tooling",
                "metadata",
                "query",
                "queryAll",
                "sobjects",
                "composite",
                "limits",
                "connect",
                "apexTests",
                "search",
                "recent",
                "jobs",
                "ui-api",
                "chatter",
                "actions",
                "event")) {
            m.put(k, base + "/" + k);
        }
        m.put(
                "identity",
                ctx.instanceUrl() + "/id/" + req.org().orgId() + "/"
                        + req.session().userId());
        return Response.json(200, m);
    }

    private Response globalDescribe(Request req) {
        String v = version(req);
        Access access = access(req);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (SObjectType t : req.org().schema().all()) {
            if (visible(access, t)) {
                objects.add(Describe.summary(v, t));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encoding", "UTF-8");
        m.put("maxBatchSize", 200);
        m.put("sobjects", objects);
        return Response.json(200, m);
    }

    private Response describe(Request req) {
        return Response.json(
                200,
                Describe.full(
                        version(req), type(req, req.pathGroup(2)), req.org().schema()));
    }

    private Response basicInfo(Request req) {
        String v = version(req);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objectDescribe", Describe.summary(v, type(req, req.pathGroup(2))));
        m.put("recentItems", List.of());
        return Response.json(200, m);
    }

    private Response create(Request req) {
        String v = version(req);
        SObjectType t = type(req, req.pathGroup(2));
        Map<String, Object> fields =
                MultipartBlobUpload.applies(req) ? MultipartBlobUpload.fields(req, t) : RecordJson.fields(req.json());
        String id = insert(req, t, fields);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("success", true);
        m.put("errors", List.of());
        return Response.json(201, m).withHeader("Location", RecordJson.sobjectUrl(v, t.name(), id));
    }

    private Response read(Request req) {
        String v = version(req);
        SObjectType t = type(req, req.pathGroup(2));
        Record r = record(req, t, req.pathGroup(3));
        String fields = req.param("fields");
        return Response.json(200, RecordJson.render(v, r, fields == null ? null : Arrays.asList(fields.split(","))));
    }

    private Response update(Request req) {
        version(req);
        SObjectType t = type(req, req.pathGroup(2));
        Record r = record(req, t, req.pathGroup(3));
        update(req, r, RecordJson.fields(req.json()));
        return Response.empty(204);
    }

    private Response delete(Request req) {
        version(req);
        SObjectType t = type(req, req.pathGroup(2));
        Record r = record(req, t, req.pathGroup(3));
        delete(req, r);
        return Response.empty(204);
    }

    /**
     * Upsert by external id: 201 created / 200 updated with {@code created} (API 46.0 and later; 204 before), 300
     * with the matching records' URLs when several match.
     */
    private Response upsertByExternalId(Request req) {
        String v = version(req);
        SObjectType t = type(req, req.pathGroup(2));
        FieldDef f = t.field(req.pathGroup(3));
        if (f == null) {
            // The REST API guide's answer for an incorrect external ID field.
            throw OrgException.notFound();
        }
        Map<String, Object> fields = RecordJson.fields(req.json());
        for (String k : fields.keySet()) {
            if (k.equalsIgnoreCase("Id")) {
                // "Do not specify Id ... in the request body" (REST API guide); error code and wording UNCONFIRMED.
                throw new OrgException(
                        "INVALID_FIELD",
                        "Id is not allowed in the body of an upsert by external id:" + " the record is found by "
                                + f.name() + " in the URL",
                        List.of("Id"));
            }
        }
        fields.keySet().removeIf(k -> k.equalsIgnoreCase(f.name()));
        String value = req.pathGroup(4);
        fields.put(f.name(), value);
        if (!f.name().equals("Id") && (f.externalId() || (!f.custom() && f.unique()))) {
            List<Record> matches =
                    req.org().db().findBy(t.name(), f.name(), dev.warden.localorg.data.Values.coerce(f, value));
            if (matches.size() > 1) {
                return Response.json(
                        300,
                        matches.stream()
                                .map(m -> RecordJson.sobjectUrl(v, t.name(), m.id()))
                                .toList());
            }
        }
        RowResult r = upsert(req, t, f.name(), List.of(fields), true).get(0);
        if (!r.success()) {
            throw r.firstError().toException();
        }
        boolean withCreated = Double.parseDouble(v) >= 46.0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("success", true);
        m.put("errors", List.of());
        if (withCreated) {
            m.put("created", r.created());
        }
        if (r.created()) {
            return Response.json(201, m).withHeader("Location", RecordJson.sobjectUrl(v, t.name(), r.id()));
        }
        return withCreated ? Response.json(200, m) : Response.empty(204);
    }

    /** {@code DELETE sobjects/T/Field/value}: 204, or 300 with the URLs when several records match. */
    private Response deleteByExternalId(Request req) {
        Response found = readByExternalId(req);
        if (found.status() != 200) {
            return found;
        }
        SObjectType t = type(req, req.pathGroup(2));
        delete(req, byExternalId(req, t).get(0));
        return Response.empty(204);
    }

    /** {@code GET sobjects/T/Field/value}: the one record whose external id is the value; 300 with URLs for several. */
    private Response readByExternalId(Request req) {
        String v = version(req);
        SObjectType t = type(req, req.pathGroup(2));
        List<Record> matches = byExternalId(req, t);
        if (matches.isEmpty()) {
            throw OrgException.notFound();
        }
        if (matches.size() > 1) {
            return Response.json(
                    300,
                    matches.stream()
                            .map(m -> RecordJson.sobjectUrl(v, t.name(), m.id()))
                            .toList());
        }
        String fields = req.param("fields");
        return Response.json(
                200, RecordJson.render(v, matches.get(0), fields == null ? null : Arrays.asList(fields.split(","))));
    }

    private List<Record> byExternalId(Request req, SObjectType t) {
        FieldDef f = t.field(req.pathGroup(3));
        if (f == null || !(f.externalId() || f.name().equals("Id") || (!f.custom() && f.unique()))) {
            throw new OrgException(
                    "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + req.pathGroup(3),
                    List.of(),
                    404);
        }
        String value = req.pathGroup(4);
        if (f.name().equals("Id")) {
            return req.org().db().live(value) == null ? List.of() : List.of(record(req, t, value));
        }
        return req.org().db().findBy(t.name(), f.name(), dev.warden.localorg.data.Values.coerce(f, value));
    }

    private Response blob(Request req) {
        version(req);
        if (!dev.warden.localorg.model.Ids.isValid(req.pathGroup(3))) {
            return readByExternalId(req); // a 15- or 18-character external ID field name, not a record id
        }
        SObjectType t = type(req, req.pathGroup(2));
        Record r = record(req, t, req.pathGroup(3));
        FieldDef f = t.field(req.pathGroup(4));
        if (f == null || !(r.get(f.name()) instanceof byte[] bytes)) {
            throw OrgException.notFound();
        }
        String contentType = r.get("ContentType") instanceof String ct ? ct : "application/octetstream";
        return Response.bytes(200, contentType, bytes);
    }

    private Response limits(Request req) {
        if (!access(req).has("ViewSetup")) {
            // "available ... for API users with the View Setup and Configuration permission" (doc); wording
            // UNCONFIRMED.
            throw new OrgException(
                    "INSUFFICIENT_ACCESS",
                    "The limits resource requires the View Setup and" + " Configuration permission.",
                    List.of(),
                    403);
        }
        Org org = req.org();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "DailyApiRequests",
                limit(
                        org.apiUsage().max(),
                        org.apiUsage().max() - org.apiUsage().used()));
        m.put("DailyAsyncApexExecutions", limit(250000, 250000));
        m.put("DailyBulkApiBatches", limit(15000, 15000));
        m.put("DailyBulkV2QueryJobs", limit(10000, 10000));
        m.put("DailyGenericStreamingApiEvents", limit(10000, 10000));
        m.put("DailyStandardVolumePlatformEvents", limit(10000, 10000));
        m.put("DataStorageMB", limit(5, 5));
        m.put("FileStorageMB", limit(20, 20));
        m.put(
                "HourlyPublishedPlatformEvents",
                limit(50000, 50000 - org.db().publishedEvents().size()));
        m.put("SingleEmail", limit(15, 15));
        return Response.json(200, m);
    }

    private static Map<String, Object> limit(int max, int remaining) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Max", max);
        m.put("Remaining", Math.max(0, remaining));
        return m;
    }

    // ------------------------------------------------------------------ shared with composite

    Access access(Request req) {
        return Access.ofUser(req.org().db(), req.session().userId());
    }

    /** Custom objects are visible with Read on them (or View/Modify All Data); standard objects always. */
    static boolean visible(Access access, SObjectType t) {
        if (t.kind() == ObjectKind.CUSTOM_OBJECT || t.kind() == ObjectKind.CUSTOM_SETTING) {
            return access.object(t.name()).read();
        }
        return true;
    }

    SObjectType type(Request req, String name) {
        SObjectType t = req.org().schema().get(name);
        if (t == null || !visible(access(req), t)) {
            throw OrgException.notFound();
        }
        return t;
    }

    Record record(Request req, SObjectType t, String id) {
        Record r = req.org().db().live(id);
        if (r == null && !dev.warden.localorg.model.Ids.isValid(id)) {
            throw new OrgException(
                    "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + id,
                    List.of(),
                    404);
        }
        if (r == null || r.type() != t) {
            throw OrgException.notFound();
        }
        return r;
    }

    String insert(Request req, SObjectType t, Map<String, Object> fields) {
        if (t.kind() == ObjectKind.CUSTOM_OBJECT
                && !access(req).object(t.name()).create()) {
            throw noAccess("create", t);
        }
        return req.org().db().insert(Caller.api(req.session().userId()), t.name(), fields);
    }

    void update(Request req, Record r, Map<String, Object> fields) {
        if (r.type().kind() == ObjectKind.CUSTOM_OBJECT
                && !access(req).object(r.objectName()).edit()) {
            throw noAccess("edit", r.type());
        }
        req.org().db().update(Caller.api(req.session().userId()), r.id(), fields);
    }

    void delete(Request req, Record r) {
        if (r.type().kind() == ObjectKind.CUSTOM_OBJECT
                && !access(req).object(r.objectName()).delete()) {
            throw noAccess("delete", r.type());
        }
        req.org().db().delete(Caller.api(req.session().userId()), r.id());
    }

    Caller caller(Request req) {
        return Caller.api(req.session().userId());
    }

    /** Object permission for one DML operation on {@code t} (custom objects only, as for single-row writes). */
    void checkAccess(Request req, SObjectType t, Operation op) {
        if (t.kind() != ObjectKind.CUSTOM_OBJECT) {
            return;
        }
        var perms = access(req).object(t.name());
        switch (op) {
            case INSERT -> {
                if (!perms.create()) {
                    throw noAccess("create", t);
                }
            }
            case UPDATE -> {
                if (!perms.edit()) {
                    throw noAccess("edit", t);
                }
            }
            case DELETE, UNDELETE -> {
                if (!perms.delete()) {
                    throw noAccess("delete", t);
                }
            }
        }
    }

    /** Upsert through the write path; needs Create and Edit on custom objects (UNCONFIRMED: the platform's rule). */
    List<RowResult> upsert(
            Request req, SObjectType t, String keyField, List<Map<String, Object>> rows, boolean allOrNone) {
        checkAccess(req, t, Operation.INSERT);
        checkAccess(req, t, Operation.UPDATE);
        return req.org().db().upsert(caller(req), t.name(), keyField, rows, allOrNone);
    }

    /** A row's result as the REST API writes it: {@code {id, success, errors[, created]}}. */
    static Map<String, Object> saveResult(RowResult r, boolean withCreated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("success", r.success());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (RowError e : r.errors()) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("statusCode", e.statusCode());
            err.put("message", e.message());
            err.put("fields", e.fields());
            errors.add(err);
        }
        m.put("errors", errors);
        if (withCreated) {
            m.put("created", r.created());
        }
        return m;
    }

    /** Object permission missing; wording UNCONFIRMED. */
    private static OrgException noAccess(String verb, SObjectType t) {
        return new OrgException(
                "INSUFFICIENT_ACCESS_OR_READONLY",
                "You don't have permission to " + verb + " " + t.name() + " records.");
    }

    /** Reads {@code records} for composite: a JsonNode list helper. */
    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }
}
