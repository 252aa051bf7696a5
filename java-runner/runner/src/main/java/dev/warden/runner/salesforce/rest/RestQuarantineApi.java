package dev.warden.runner.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.runner.quarantine.api.ApiUsage;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.api.SalesforceApiException;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.SalesforceException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The quarantine flow's port over the one {@link RestClient}: the same budget (its reserve stops the run with
 * {@link ApiBudget.ApiReserveReachedException}), call counter and retry policy as every other REST call of the run.
 * Calls are counted as {@code rest.quarantine} / {@code rest.apex}; the flow's record writes count as flow writes.
 * Salesforce's refusals surface as {@link SalesforceApiException} (a {@link SalesforceException}) in its own words.
 */
public final class RestQuarantineApi implements QuarantineApi {
    public static final int COMPOSITE_SOBJECTS_MAX = 200;
    public static final int COMPOSITE_MAX = 25;
    /** The package's API version: its Apex REST classes and the quarantine calls use it. */
    public static final String API_VERSION = "62.0";

    private final RestClient rest;
    private volatile String userId;

    public RestQuarantineApi(RestClient rest) {
        this.rest = rest;
    }

    /**
     * A connection of its own (tests and tools without a run): a fresh counter and budget, and calls sent once (no
     * retry policy; {@link dev.warden.runner.quarantine.scan.ScanWorker} retries on its own).
     */
    public static RestQuarantineApi connect(String instanceUrl, String accessToken, int reservePercent) {
        return new RestQuarantineApi(
                RestClient.singleAttempt(instanceUrl, accessToken, reservePercent, Duration.ofSeconds(120)));
    }

    private static String data(String rest) {
        return "/services/data/v" + API_VERSION + rest;
    }

    /** Runs a call, giving Salesforce's refusal in the quarantine flow's terms. */
    private static <T> T sf(Supplier<T> call) {
        try {
            return call.get();
        } catch (SalesforceException e) {
            throw SalesforceApiException.of(e);
        }
    }

    private JsonNode send(String method, String path, JsonNode body, boolean idempotent) {
        if (!"GET".equals(method)) {
            rest.counter().flowWrite();
        }
        String shape = RestClient.shape(method, path);
        return sf(() -> rest.send(method, path, body, "rest.quarantine", shape, idempotent));
    }

    @Override
    public List<JsonNode> query(String soql) {
        List<JsonNode> rows = new ArrayList<>();
        String path = data("/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
        while (path != null) {
            JsonNode page = send("GET", path, null, true);
            page.path("records").forEach(rows::add);
            path = page.path("done").asBoolean(true)
                    ? null
                    : page.path("nextRecordsUrl").asText(null);
        }
        return rows;
    }

    @Override
    public List<SaveResult> create(List<ObjectNode> records) {
        return collection("POST", records, false);
    }

    @Override
    public List<SaveResult> update(List<ObjectNode> records) {
        return collection("PATCH", records, true);
    }

    private List<SaveResult> collection(String method, List<ObjectNode> records, boolean idempotent) {
        List<SaveResult> results = new ArrayList<>();
        for (int from = 0; from < records.size(); from += COMPOSITE_SOBJECTS_MAX) {
            ObjectNode body = rest.json().createObjectNode().put("allOrNone", false);
            ArrayNode arr = body.putArray("records");
            records.subList(from, Math.min(records.size(), from + COMPOSITE_SOBJECTS_MAX))
                    .forEach(arr::add);
            results.addAll(saveResults(send(method, data("/composite/sobjects"), body, idempotent)));
        }
        return results;
    }

    @Override
    public List<SaveResult> delete(List<String> ids) {
        List<SaveResult> results = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += COMPOSITE_SOBJECTS_MAX) {
            String joined = String.join(",", ids.subList(from, Math.min(ids.size(), from + COMPOSITE_SOBJECTS_MAX)));
            results.addAll(
                    saveResults(send("DELETE", data("/composite/sobjects?allOrNone=false&ids=" + joined), null, true)));
        }
        return results;
    }

    private static List<SaveResult> saveResults(JsonNode arr) {
        List<SaveResult> out = new ArrayList<>();
        for (JsonNode r : arr) {
            JsonNode err = r.path("errors").path(0);
            out.add(new SaveResult(
                    r.path("id").asText(null),
                    r.path("success").asBoolean(false),
                    err.path("statusCode").asText(null),
                    err.path("message").asText(null)));
        }
        return out;
    }

    /** A claim ({@code /composite} of PATCHes with fixed values) is idempotent: sent again when its answer was lost. */
    @Override
    public List<SubResponse> composite(List<SubRequest> subrequests) {
        if (subrequests.size() > COMPOSITE_MAX) {
            throw new IllegalArgumentException("at most " + COMPOSITE_MAX + " subrequests per composite call");
        }
        ObjectNode body = rest.json().createObjectNode().put("allOrNone", false);
        ArrayNode arr = body.putArray("compositeRequest");
        for (SubRequest s : subrequests) {
            ObjectNode n = arr.addObject()
                    .put("method", s.method())
                    .put("url", data(s.url()))
                    .put("referenceId", s.referenceId());
            if (s.body() != null) {
                n.set("body", s.body());
            }
        }
        List<SubResponse> out = new ArrayList<>();
        for (JsonNode r : send("POST", data("/composite"), body, true).path("compositeResponse")) {
            out.add(new SubResponse(
                    r.path("referenceId").asText(), r.path("httpStatusCode").asInt(), r.path("body")));
        }
        return out;
    }

    @Override
    public java.io.InputStream blobStream(String sobject, String id, String field) {
        String path = data("/sobjects/" + sobject + "/" + id + "/" + field);
        return sf(() -> rest.downloadStream(path, "rest.quarantine", RestClient.shape("GET", path)));
    }

    @Override
    public byte[] blob(String sobject, String id, String field) {
        String path = data("/sobjects/" + sobject + "/" + id + "/" + field);
        return sf(() -> rest.download(path, "rest.quarantine", RestClient.shape("GET", path)));
    }

    /**
     * Transient refusals (503, lock) are sent again; a lost answer only for verdicts (a repeated verdict is IGNORED),
     * not for a restore (a second one would answer notQuarantined). The last answer is returned as it came.
     */
    @Override
    public HttpAnswer postApexRest(String path, JsonNode body) {
        String full = "/services/apexrest/" + path.replaceFirst("^/", "");
        rest.counter().flowWrite();
        RestClient.Answer a = sf(() -> rest.answer(
                "POST", full, body, "rest.apex", RestClient.shape("POST", full), full.contains("/verdicts")));
        return new HttpAnswer(a.status(), parseOrNull(a));
    }

    private JsonNode parseOrNull(RestClient.Answer a) {
        if (a.body() == null || a.body().length == 0) {
            return null;
        }
        try {
            return rest.json().readTree(a.body());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public ApiUsage usage() {
        return rest.budget().lastUsage().map(u -> new ApiUsage(u[0], u[1])).orElse(null);
    }

    @Override
    public long callCount() {
        return rest.callCount();
    }

    @Override
    public List<String> callLog() {
        return rest.callLog();
    }

    @Override
    public Instant serverNow() {
        return rest.serverNow();
    }

    @Override
    public String userId() {
        if (userId == null) {
            userId = send("GET", "/services/oauth2/userinfo", null, true)
                    .path("user_id")
                    .asText();
        }
        return userId;
    }
}
