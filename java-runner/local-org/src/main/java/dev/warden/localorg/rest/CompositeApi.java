package dev.warden.localorg.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.SubRequests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code composite} (up to 25 subrequests, {@code @{ref.path}} references, allOrNone) and {@code composite/sobjects}
 * (create/update/delete up to 200 records, allOrNone). Subrequests go through the same routes as top-level calls
 * but count as one API call, as on the platform.
 */
final class CompositeApi {
    private static final Pattern REFERENCE = Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+|\\[\\d+\\])*)\\}");
    private static final String ROLLED_BACK = "The transaction was rolled back since another operation in the same"
            + " transaction failed.";
    private final LocalOrgContext ctx;
    private final RestApi rest;

    private CompositeApi(LocalOrgContext ctx, RestApi rest) {
        this.ctx = ctx;
        this.rest = rest;
    }

    static void register(LocalOrgContext ctx, RestApi rest) {
        CompositeApi c = new CompositeApi(ctx, rest);
        ctx.routes().add("POST", RestApi.V + "/composite/?", ApiKind.REST, true, c::composite);
        ctx.routes().add("POST", RestApi.V + "/composite/sobjects/?", ApiKind.REST, true, c::createMany);
        ctx.routes().add("PATCH", RestApi.V + "/composite/sobjects/?", ApiKind.REST, true, c::updateMany);
        ctx.routes().add("DELETE", RestApi.V + "/composite/sobjects/?", ApiKind.REST, true, c::deleteMany);
    }

    /** Thrown inside an all-or-none transaction to roll it back after results were recorded. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super(null, null, false, false);
        }
    }

    // ------------------------------------------------------------------ composite

    private Response composite(Request req) {
        RestApi.version(req);
        JsonNode body = req.json();
        List<JsonNode> subs = RestApi.list(body.get("compositeRequest"));
        if (subs.isEmpty()) {
            throw new OrgException("INVALID_INPUT", "compositeRequest must be a non-empty array");
        }
        if (subs.size() > 25) {
            throw new OrgException("LIMIT_EXCEEDED", "Composite request has too many subrequests: " + subs.size()
                    + " (max 25)");
        }
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, JsonNode> byRef = new HashMap<>();
        try {
            req.org().db().transaction(() -> {
                boolean failed = false;
                for (JsonNode sub : subs) {
                    String refId = sub.path("referenceId").asText(null);
                    if (failed && allOrNone) {
                        results.add(result(refId, 400, halted()));
                        continue;
                    }
                    Map<String, Object> r = runSub(req, sub, byRef);
                    results.add(r);
                    int status = (Integer) r.get("httpStatusCode");
                    if (refId != null && status < 300) {
                        byRef.put(refId, Json.MAPPER.valueToTree(r.get("body")));
                    }
                    failed |= status >= 400;
                }
                if (failed && allOrNone) {
                    throw new Rollback();
                }
            });
        } catch (Rollback e) {
            for (int i = 0; i < results.size(); i++) {
                if ((Integer) results.get(i).get("httpStatusCode") < 400) {
                    results.set(i, result((String) results.get(i).get("referenceId"), 400, halted()));
                }
            }
        }
        return Response.json(200, Map.of("compositeResponse", results));
    }

    private Map<String, Object> runSub(Request parent, JsonNode sub, Map<String, JsonNode> byRef) {
        String refId = sub.path("referenceId").asText(null);
        try {
            String method = sub.path("method").asText("GET");
            String url = resolve(sub.path("url").asText(""), byRef);
            String bodyText = sub.has("body") && !sub.get("body").isNull()
                    ? resolve(Json.string(sub.get("body")), byRef) : "";
            Response r = SubRequests.run(ctx, parent, method, url, bodyText.getBytes(StandardCharsets.UTF_8));
            JsonNode parsed = r.body().length == 0 ? null : Json.MAPPER.readTree(r.body());
            Map<String, Object> out = result(refId, r.status(), parsed);
            if (r.headers().containsKey("Location")) {
                out.put("httpHeaders", Map.of("Location", r.headers().get("Location")));
            }
            return out;
        } catch (OrgException e) {
            return result(refId, e.httpStatus(), List.of(Map.of("errorCode", e.errorCode(), "message", e.getMessage())));
        } catch (java.io.IOException e) {
            return result(refId, 500, List.of(Map.of("errorCode", "UNKNOWN_EXCEPTION", "message", "unreadable subresponse")));
        }
    }

    private static Map<String, Object> result(String refId, int status, Object body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("body", body);
        m.put("httpHeaders", Map.of());
        m.put("httpStatusCode", status);
        m.put("referenceId", refId);
        return m;
    }

    private static Object halted() {
        return List.of(Map.of("errorCode", "PROCESSING_HALTED", "message", ROLLED_BACK));
    }

    /** Replaces {@code @{ref.field}} / {@code @{ref.records[0].Id}} with earlier results' values. */
    static String resolve(String text, Map<String, JsonNode> byRef) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode node = byRef.get(m.group(1));
            String path = m.group(2);
            Matcher step = Pattern.compile("\\.([A-Za-z0-9_]+)|\\[(\\d+)\\]").matcher(path);
            while (node != null && step.find()) {
                node = step.group(1) != null ? node.get(step.group(1)) : node.get(Integer.parseInt(step.group(2)));
            }
            if (node == null || node.isNull() || node.isContainerNode()) {
                throw new OrgException("PROCESSING_HALTED", "Invalid reference specified. No value for "
                        + m.group(1) + path + " found in " + m.group(1)
                        + ". Provided referenceId ('" + m.group(1) + "') must be a valid referenceId.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(node.asText()));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------ composite/sobjects

    private interface RecordOp {
        String apply(JsonNode record);
    }

    private Response createMany(Request req) {
        RestApi.version(req);
        JsonNode body = req.json();
        List<JsonNode> records = RestApi.list(body.get("records"));
        checkCount(records.size());
        return Response.json(200, many(req, records, body.path("allOrNone").asBoolean(false), rec -> {
            JsonNode attrs = rec.get("attributes");
            if (attrs == null || attrs.get("type") == null) {
                throw new OrgException("INVALID_INPUT", "attributes.type is required for each record");
            }
            SObjectType t = rest.type(req, attrs.get("type").asText());
            return rest.insert(req, t, RecordJson.fields(rec));
        }, true));
    }

    private Response updateMany(Request req) {
        RestApi.version(req);
        JsonNode body = req.json();
        List<JsonNode> records = RestApi.list(body.get("records"));
        checkCount(records.size());
        return Response.json(200, many(req, records, body.path("allOrNone").asBoolean(false), rec -> {
            String id = rec.path("id").asText(rec.path("Id").asText(null));
            if (id == null) {
                throw new OrgException("MISSING_ARGUMENT", "Id not specified in an update call", List.of("Id"));
            }
            Record r = req.org().db().live(id);
            if (r == null) {
                throw new OrgException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("Id"));
            }
            Map<String, Object> fields = RecordJson.fields(rec);
            fields.remove("id");
            fields.remove("Id");
            rest.update(req, r, fields);
            return r.id();
        }, false));
    }

    private Response deleteMany(Request req) {
        RestApi.version(req);
        String ids = req.param("ids");
        if (ids == null || ids.isBlank()) {
            throw new OrgException("MISSING_ARGUMENT", "ids is required");
        }
        List<JsonNode> records = new ArrayList<>();
        for (String id : ids.split(",")) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("id", id.trim());
            records.add(n);
        }
        checkCount(records.size());
        return Response.json(200, many(req, records, "true".equalsIgnoreCase(req.param("allOrNone")), rec -> {
            Record r = req.org().db().live(rec.get("id").asText());
            if (r == null) {
                throw new OrgException("ENTITY_IS_DELETED", "entity is deleted", List.of());
            }
            rest.delete(req, r);
            return r.id();
        }, false));
    }

    private static void checkCount(int n) {
        if (n > 200) {
            // Wording UNCONFIRMED.
            throw new OrgException("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records"
                    + " into this call");
        }
    }

    private List<Map<String, Object>> many(Request req, List<JsonNode> records, boolean allOrNone, RecordOp op,
            boolean create) {
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            req.org().db().transaction(() -> {
                boolean failed = false;
                for (JsonNode rec : records) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    try {
                        r.put("id", op.apply(rec));
                        r.put("success", true);
                        r.put("errors", List.of());
                    } catch (OrgException e) {
                        failed = true;
                        r.put("id", create ? null : rec.path("id").asText(rec.path("Id").asText(null)));
                        r.put("success", false);
                        Map<String, Object> err = new LinkedHashMap<>();
                        err.put("statusCode", e.errorCode());
                        err.put("message", e.getMessage());
                        err.put("fields", e.fields());
                        r.put("errors", List.of(err));
                    }
                    results.add(r);
                }
                if (failed && allOrNone) {
                    throw new Rollback();
                }
            });
        } catch (Rollback e) {
            for (int i = 0; i < results.size(); i++) {
                Map<String, Object> r = results.get(i);
                if (Boolean.TRUE.equals(r.get("success"))) {
                    Map<String, Object> rolled = new LinkedHashMap<>();
                    rolled.put("id", create ? null : r.get("id"));
                    rolled.put("success", false);
                    rolled.put("errors", List.of(Map.of("statusCode", "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                            "message", "Record rolled back because not all records were valid and the request was"
                                    + " using AllOrNone header", "fields", List.of())));
                    results.set(i, rolled);
                }
            }
        }
        return results;
    }
}
