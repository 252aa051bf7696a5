package dev.warden.localorg.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code composite/sobjects}: create (POST), update (PATCH), delete (DELETE {@code ?ids=}) and upsert
 * (PATCH {@code composite/sobjects/{type}/{externalIdField}}) of up to 200 records in one call, through the org's
 * batch write path, so trigger hooks see one batch per call (per object type). Records that fail the request's own
 * checks (no type, unknown type or id, no access) fail alone; the rest go to {@code OrgDatabase.dml}.
 */
final class SObjectCollections {
    static final int MAX_RECORDS = 200;
    private final RestApi rest;

    private SObjectCollections(RestApi rest) {
        this.rest = rest;
    }

    static void register(LocalOrgContext ctx, RestApi rest) {
        SObjectCollections c = new SObjectCollections(rest);
        ctx.routes().add("POST", RestApi.V + "/composite/sobjects/?", ApiKind.REST, true, c::create);
        ctx.routes().add("PATCH", RestApi.V + "/composite/sobjects/?", ApiKind.REST, true, c::update);
        ctx.routes().add("DELETE", RestApi.V + "/composite/sobjects/?", ApiKind.REST, true, c::delete);
        ctx.routes().add("PATCH", RestApi.V + "/composite/sobjects/(\\w+)/(\\w+)/?", ApiKind.REST, true, c::upsert);
        ctx.routes().add("GET", RestApi.V + "/composite/sobjects/(\\w+)/?", ApiKind.REST, true, c::retrieve);
    }

    /**
     * {@code GET composite/sobjects/{type}?ids=&fields=}: the records in the order of the ids, null for an id that is
     * no live record of the type (as the platform answers). Up to 200 ids (the GET form's limit); fields required
     * (error code for a missing one UNCONFIRMED).
     */
    private Response retrieve(Request req) {
        String v = RestApi.version(req);
        SObjectType t = rest.type(req, req.pathGroup(2));
        String ids = req.param("ids");
        String fields = req.param("fields");
        if (ids == null || ids.isBlank() || fields == null || fields.isBlank()) {
            throw new OrgException("INVALID_INPUT", "ids and fields are required");
        }
        List<String> idList = List.of(ids.split(","));
        if (idList.size() > MAX_RECORDS) {
            throw new OrgException(
                    "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records in" + " this operation");
        }
        List<Object> out = new ArrayList<>();
        for (String id : idList) {
            try {
                Record r = rest.record(req, t, id.strip());
                out.add(RecordJson.render(v, r, List.of(fields.split(","))));
            } catch (OrgException e) {
                out.add(null);
            }
        }
        return Response.json(200, out);
    }

    /** One input record: its type and values for the write path, or the error that stops it before. */
    private record Item(SObjectType type, Map<String, Object> values, String id, OrgException error) {
        static Item failed(String id, OrgException e) {
            return new Item(null, null, id, e);
        }
    }

    private Response create(Request req) {
        RestApi.version(req);
        JsonNode body = req.json();
        List<JsonNode> records = records(body);
        List<Item> items = new ArrayList<>();
        for (JsonNode rec : records) {
            try {
                JsonNode attrs = rec.get("attributes");
                if (attrs == null || attrs.get("type") == null) {
                    throw new OrgException("INVALID_INPUT", "attributes.type is required for each record");
                }
                SObjectType t = rest.type(req, attrs.get("type").asText());
                rest.checkAccess(req, t, Operation.INSERT);
                items.add(new Item(t, RecordJson.fields(rec), null, null));
            } catch (OrgException e) {
                items.add(Item.failed(null, e));
            }
        }
        return Response.json(
                200, write(req, Operation.INSERT, items, body.path("allOrNone").asBoolean(false)));
    }

    private Response update(Request req) {
        RestApi.version(req);
        JsonNode body = req.json();
        List<Item> items = new ArrayList<>();
        for (JsonNode rec : records(body)) {
            String id = rec.path("id").asText(rec.path("Id").asText(null));
            try {
                if (id == null) {
                    throw new OrgException("MISSING_ARGUMENT", "Id not specified in an update call", List.of("Id"));
                }
                Record r = req.org().db().live(id);
                if (r == null) {
                    throw new OrgException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("Id"));
                }
                rest.checkAccess(req, r.type(), Operation.UPDATE);
                Map<String, Object> fields = RecordJson.fields(rec);
                fields.remove("id");
                fields.put("Id", r.id());
                items.add(new Item(r.type(), fields, r.id(), null));
            } catch (OrgException e) {
                items.add(Item.failed(id, e));
            }
        }
        return Response.json(
                200, write(req, Operation.UPDATE, items, body.path("allOrNone").asBoolean(false)));
    }

    private Response delete(Request req) {
        RestApi.version(req);
        String ids = req.param("ids");
        if (ids == null || ids.isBlank()) {
            throw new OrgException("MISSING_ARGUMENT", "ids is required");
        }
        String[] list = ids.split(",");
        checkCount(list.length);
        List<Item> items = new ArrayList<>();
        for (String raw : list) {
            String id = raw.trim();
            try {
                Record r = req.org().db().live(id);
                if (r == null) {
                    throw new OrgException("ENTITY_IS_DELETED", "entity is deleted", List.of());
                }
                rest.checkAccess(req, r.type(), Operation.DELETE);
                items.add(new Item(r.type(), Map.of("Id", r.id()), r.id(), null));
            } catch (OrgException e) {
                items.add(Item.failed(id, e));
            }
        }
        return Response.json(200, write(req, Operation.DELETE, items, "true".equalsIgnoreCase(req.param("allOrNone"))));
    }

    /** {@code PATCH composite/sobjects/{type}/{externalIdField}}: results carry {@code created}. */
    private Response upsert(Request req) {
        RestApi.version(req);
        SObjectType t = rest.type(req, req.pathGroup(2));
        String key = req.pathGroup(3);
        if (t.field(key) == null) {
            throw OrgException.notFound();
        }
        JsonNode body = req.json();
        List<Integer> positions = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        List<JsonNode> records = records(body);
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        OrgException early = null;
        for (JsonNode rec : records) {
            JsonNode type = rec.path("attributes").path("type");
            if (!type.isMissingNode() && !type.asText().equalsIgnoreCase(t.name())) {
                // Wording UNCONFIRMED.
                OrgException e = new OrgException(
                        "INVALID_INPUT",
                        "Every record must be of type " + t.name() + ", the type in the URL; found " + type.asText());
                out.add(RestApi.saveResult(
                        new RowResult(
                                out.size(),
                                null,
                                false,
                                List.of(new dev.warden.localorg.data.RowError(
                                        e.errorCode(), e.getMessage(), e.fields())),
                                false),
                        true));
                early = e;
                continue;
            }
            positions.add(out.size());
            out.add(null);
            rows.add(RecordJson.fields(rec));
        }
        if (early != null && allOrNone) {
            for (int p : positions) {
                out.set(p, RestApi.saveResult(rolledBack(null), true));
            }
            return Response.json(200, out);
        }
        List<RowResult> results = rest.upsert(req, t, key, rows, allOrNone);
        for (int i = 0; i < results.size(); i++) {
            out.set(positions.get(i), RestApi.saveResult(results.get(i), true));
        }
        return Response.json(200, out);
    }

    private static List<JsonNode> records(JsonNode body) {
        List<JsonNode> records = RestApi.list(body.get("records"));
        checkCount(records.size());
        return records;
    }

    private static void checkCount(int n) {
        if (n > MAX_RECORDS) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records" + " into this call");
        }
    }

    /**
     * Runs the items that passed the request's checks through the write path in one transaction: inserts per run of
     * consecutive records of one type (each run is one {@code dml} call), updates and deletes in one call (the write
     * path chunks them by type). All-or-none: an early failure writes nothing, a later one rolls back every run.
     */
    private List<Map<String, Object>> write(Request req, Operation op, List<Item> items, boolean allOrNone) {
        RowResult[] results = new RowResult[items.size()];
        boolean failed = false;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.error() != null) {
                failed = true;
                results[i] = new RowResult(
                        i,
                        it.id(),
                        false,
                        List.of(new dev.warden.localorg.data.RowError(
                                it.error().errorCode(),
                                it.error().getMessage(),
                                it.error().fields())),
                        false);
            }
        }
        if (!(failed && allOrNone)) {
            try {
                req.org().db().transaction(() -> {
                    boolean anyFailed = false;
                    int i = 0;
                    while (i < items.size()) {
                        if (items.get(i).error() != null) {
                            i++;
                            continue;
                        }
                        List<Integer> run = new ArrayList<>();
                        SObjectType type = items.get(i).type();
                        while (i < items.size()
                                && (items.get(i).error() != null
                                        || op != Operation.INSERT
                                        || items.get(i).type() == type)) {
                            if (items.get(i).error() == null) {
                                run.add(i);
                            }
                            i++;
                        }
                        List<Map<String, Object>> rows = new ArrayList<>();
                        run.forEach(k -> rows.add(items.get(k).values()));
                        List<RowResult> rs = req.org()
                                .db()
                                .dml(
                                        rest.caller(req),
                                        op,
                                        op == Operation.INSERT ? type.name() : null,
                                        rows,
                                        allOrNone);
                        for (int k = 0; k < rs.size(); k++) {
                            results[run.get(k)] = rs.get(k);
                            anyFailed |= !rs.get(k).success();
                        }
                        if (anyFailed && allOrNone) {
                            throw new Rollback();
                        }
                    }
                });
            } catch (Rollback e) {
                // every run is undone; the successful rows below report it
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        boolean anyFailure = false;
        for (RowResult r : results) {
            anyFailure |= r != null && !r.success();
        }
        for (int i = 0; i < results.length; i++) {
            RowResult r = results[i];
            if (r == null || (allOrNone && anyFailure && r.success())) {
                r = rolledBack(op == Operation.INSERT ? null : items.get(i).id());
            }
            out.add(RestApi.saveResult(r, false));
        }
        return out;
    }

    private static RowResult rolledBack(String id) {
        return new RowResult(
                0,
                id,
                false,
                List.of(new dev.warden.localorg.data.RowError(
                        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                        "Record rolled back because not all records were valid and the"
                                + " request was using AllOrNone header",
                        List.of())),
                false);
    }

    /** Thrown inside the transaction to undo it after the results were recorded. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super(null, null, false, false);
        }
    }
}
