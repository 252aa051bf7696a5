package dev.warden.localorg.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
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
 * {@code composite} (up to 25 subrequests, {@code @{ref.path}} references, allOrNone), {@code composite/graph} and
 * {@code composite/batch}. Subrequests go through the same routes as top-level calls but count as one API call, as on
 * the platform. {@code composite/sobjects} is {@link SObjectCollections}, {@code composite/tree} {@link SObjectTreeApi}.
 */
final class CompositeApi {
    private static final Pattern REFERENCE =
            Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+|\\[\\d+\\])*)\\}");
    private static final String ROLLED_BACK =
            "The transaction was rolled back since another operation in the same" + " transaction failed.";
    private final LocalOrgContext ctx;
    private final RestApi rest;

    private CompositeApi(LocalOrgContext ctx, RestApi rest) {
        this.ctx = ctx;
        this.rest = rest;
    }

    static void register(LocalOrgContext ctx, RestApi rest) {
        CompositeApi c = new CompositeApi(ctx, rest);
        ctx.routes().add("POST", RestApi.V + "/composite/?", ApiKind.REST, true, c::composite);
        ctx.routes().add("POST", RestApi.V + "/composite/batch/?", ApiKind.REST, true, c::batch);
        ctx.routes().add("POST", RestApi.V + "/composite/graph/?", ApiKind.REST, true, c::graph);
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
            throw new OrgException(
                    "LIMIT_EXCEEDED", "Composite request has too many subrequests: " + subs.size() + " (max 25)");
        }
        return Response.json(
                200,
                Map.of(
                        "compositeResponse",
                        run(req, subs, body.path("allOrNone").asBoolean(false))));
    }

    /**
     * Runs subrequests in order in one transaction, resolving {@code @{ref.path}}; all-or-none: after a failure the
     * rest answer PROCESSING_HALTED and everything done is rolled back (the successful ones then report it too).
     */
    private List<Map<String, Object>> run(Request req, List<JsonNode> subs, boolean allOrNone) {
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
        return results;
    }

    // ------------------------------------------------------------------ composite/graph

    /**
     * {@code composite/graph}: each graph is a composite request that succeeds or rolls back whole (graphs are
     * independent of each other). Limits (up to 75 graphs, 500 nodes each) are not enforced (UNCONFIRMED wording).
     */
    private Response graph(Request req) {
        RestApi.version(req);
        List<JsonNode> graphs = RestApi.list(req.json().get("graphs"));
        if (graphs.isEmpty()) {
            throw new OrgException("INVALID_INPUT", "graphs must be a non-empty array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode g : graphs) {
            List<JsonNode> subs = RestApi.list(g.get("compositeRequest"));
            List<Map<String, Object>> results = run(req, subs, true);
            boolean ok = results.stream().allMatch(r -> (Integer) r.get("httpStatusCode") < 400);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("graphId", g.path("graphId").asText(null));
            m.put("graphResponse", Map.of("compositeResponse", results));
            m.put("isSuccessful", ok);
            out.add(m);
        }
        return Response.json(200, Map.of("graphs", out));
    }

    // ------------------------------------------------------------------ composite/batch

    /**
     * {@code composite/batch}: up to 25 independent subrequests (each its own transaction, no references), URLs
     * relative to {@code /services/data/} or absolute; {@code haltOnError} answers 412 BATCH_PROCESSING_HALTED for
     * the subrequests after the first failure.
     */
    private Response batch(Request req) {
        RestApi.version(req);
        JsonNode body = req.json();
        List<JsonNode> subs = RestApi.list(body.get("batchRequests"));
        if (subs.isEmpty()) {
            throw new OrgException("INVALID_INPUT", "batchRequests must be a non-empty array");
        }
        if (subs.size() > 25) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "LIMIT_EXCEEDED", "Batch request has too many subrequests: " + subs.size() + " (max 25)");
        }
        boolean haltOnError = body.path("haltOnError").asBoolean(false);
        boolean failed = false;
        boolean halted = false;
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode sub : subs) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (halted) {
                r.put(
                        "result",
                        List.of(Map.of(
                                "errorCode",
                                "BATCH_PROCESSING_HALTED",
                                "message",
                                "Batch processing halted per request")));
                r.put("statusCode", 412);
                results.add(r);
                continue;
            }
            String url = sub.path("url").asText("");
            if (!url.startsWith("/")) {
                url = "/services/data/" + url;
            }
            JsonNode input = sub.get("richInput");
            byte[] bytes = input == null || input.isNull()
                    ? new byte[0]
                    : Json.string(input).getBytes(StandardCharsets.UTF_8);
            Response resp = SubRequests.run(ctx, req, sub.path("method").asText("GET"), url, bytes);
            Object parsed;
            try {
                parsed = resp.body().length == 0 ? null : Json.MAPPER.readTree(resp.body());
            } catch (java.io.IOException e) {
                parsed = new String(resp.body(), StandardCharsets.UTF_8);
            }
            r.put("result", parsed);
            r.put("statusCode", resp.status());
            results.add(r);
            if (resp.status() >= 400) {
                failed = true;
                halted = haltOnError;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hasErrors", failed);
        m.put("results", results);
        return Response.json(200, m);
    }

    private Map<String, Object> runSub(Request parent, JsonNode sub, Map<String, JsonNode> byRef) {
        String refId = sub.path("referenceId").asText(null);
        try {
            String method = sub.path("method").asText("GET");
            String url = resolve(sub.path("url").asText(""), byRef);
            String bodyText =
                    sub.has("body") && !sub.get("body").isNull() ? resolve(Json.string(sub.get("body")), byRef) : "";
            Response r = SubRequests.run(ctx, parent, method, url, bodyText.getBytes(StandardCharsets.UTF_8));
            JsonNode parsed = r.body().length == 0 ? null : Json.MAPPER.readTree(r.body());
            Map<String, Object> out = result(refId, r.status(), parsed);
            if (r.headers().containsKey("Location")) {
                out.put("httpHeaders", Map.of("Location", r.headers().get("Location")));
            }
            return out;
        } catch (OrgException e) {
            return result(
                    refId, e.httpStatus(), List.of(Map.of("errorCode", e.errorCode(), "message", e.getMessage())));
        } catch (java.io.IOException e) {
            return result(
                    refId, 500, List.of(Map.of("errorCode", "UNKNOWN_EXCEPTION", "message", "unreadable subresponse")));
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
                throw new OrgException(
                        "PROCESSING_HALTED",
                        "Invalid reference specified. No value for "
                                + m.group(1) + path + " found in " + m.group(1)
                                + ". Provided referenceId ('" + m.group(1) + "') must be a valid referenceId.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(node.asText()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
