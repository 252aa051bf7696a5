package dev.warden.runner.quarantine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link QuarantineApi} over the Salesforce REST API with java.net.http. Stops with
 * {@link ApiReserveReachedException} before a call that would take daily usage above {@code reserveFraction} of the
 * limit (read from {@code Sforce-Limit-Info}). The access token is held only in memory and never printed.
 */
public final class HttpQuarantineApi implements QuarantineApi {
    public static final int COMPOSITE_SOBJECTS_MAX = 200;
    public static final int COMPOSITE_MAX = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI instanceUrl;
    private final String accessToken;
    private final String apiVersion;
    private final double reserveFraction;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicReference<ApiUsage> usage = new AtomicReference<>();
    private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);
    private final java.util.Queue<String> callLog = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("/[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?(?=/|$)");
    private volatile String userId;
    private volatile CallListener listener = CallListener.NONE;

    /** Lets the runner's call counter and API budget see this adapter's calls. */
    public interface CallListener {
        CallListener NONE = new CallListener() {
            @Override
            public void called(String method, String pathShape, boolean write) {}

            @Override
            public void answered(String limitInfoHeader) {}
        };

        void called(String method, String pathShape, boolean write);

        void answered(String limitInfoHeader);
    }

    private volatile dev.warden.runner.salesforce.RetryPolicy retry;

    /**
     * Sends every call under the runner's {@link dev.warden.runner.salesforce.RetryPolicy}: transient refusals again,
     * lost answers again for reads, PATCH/DELETE, claims ({@code /composite} of PATCHes with fixed values) and verdicts
     * (a repeated verdict is IGNORED); a {@code composite/sobjects} create whose answer was lost is thrown. Without it
     * (tests) each call is sent once and {@link dev.warden.runner.quarantine.scan.ScanWorker} retries on its own.
     */
    public HttpQuarantineApi withRetry(dev.warden.runner.salesforce.RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    public HttpQuarantineApi withListener(CallListener l) {
        this.listener = l == null ? CallListener.NONE : l;
        return this;
    }

    public HttpQuarantineApi(String instanceUrl, String accessToken, String apiVersion, double reserveFraction) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build(), instanceUrl, accessToken, apiVersion,
                reserveFraction);
    }

    public HttpQuarantineApi(HttpClient http, String instanceUrl, String accessToken, String apiVersion, double reserveFraction) {
        this.http = http;
        this.instanceUrl = URI.create(instanceUrl.endsWith("/") ? instanceUrl.substring(0, instanceUrl.length() - 1) : instanceUrl);
        this.accessToken = accessToken;
        this.apiVersion = apiVersion.startsWith("v") ? apiVersion.substring(1) : apiVersion;
        this.reserveFraction = reserveFraction;
    }

    private String data(String rest) {
        return "/services/data/v" + apiVersion + rest;
    }

    @Override
    public List<JsonNode> query(String soql) {
        List<JsonNode> rows = new ArrayList<>();
        String path = data("/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
        while (path != null) {
            JsonNode page = json(send("GET", path, null, Map.of()));
            page.path("records").forEach(rows::add);
            path = page.path("done").asBoolean(true) ? null : page.path("nextRecordsUrl").asText(null);
        }
        return rows;
    }

    @Override
    public List<SaveResult> create(List<ObjectNode> records) {
        return collection("POST", records);
    }

    @Override
    public List<SaveResult> update(List<ObjectNode> records) {
        return collection("PATCH", records);
    }

    private List<SaveResult> collection(String method, List<ObjectNode> records) {
        List<SaveResult> results = new ArrayList<>();
        for (int from = 0; from < records.size(); from += COMPOSITE_SOBJECTS_MAX) {
            ObjectNode body = JSON.createObjectNode().put("allOrNone", false);
            ArrayNode arr = body.putArray("records");
            records.subList(from, Math.min(records.size(), from + COMPOSITE_SOBJECTS_MAX)).forEach(arr::add);
            results.addAll(saveResults(json(send(method, data("/composite/sobjects"), body, Map.of()))));
        }
        return results;
    }

    @Override
    public List<SaveResult> delete(List<String> ids) {
        List<SaveResult> results = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += COMPOSITE_SOBJECTS_MAX) {
            String joined = String.join(",", ids.subList(from, Math.min(ids.size(), from + COMPOSITE_SOBJECTS_MAX)));
            results.addAll(saveResults(json(send("DELETE", data("/composite/sobjects?allOrNone=false&ids=" + joined), null, Map.of()))));
        }
        return results;
    }

    private static List<SaveResult> saveResults(JsonNode arr) {
        List<SaveResult> out = new ArrayList<>();
        for (JsonNode r : arr) {
            JsonNode err = r.path("errors").path(0);
            out.add(new SaveResult(r.path("id").asText(null), r.path("success").asBoolean(false),
                    err.path("statusCode").asText(null), err.path("message").asText(null)));
        }
        return out;
    }

    @Override
    public List<SubResponse> composite(List<SubRequest> subrequests) {
        if (subrequests.size() > COMPOSITE_MAX) {
            throw new IllegalArgumentException("at most " + COMPOSITE_MAX + " subrequests per composite call");
        }
        ObjectNode body = JSON.createObjectNode().put("allOrNone", false);
        ArrayNode arr = body.putArray("compositeRequest");
        for (SubRequest s : subrequests) {
            ObjectNode n = arr.addObject().put("method", s.method()).put("url", data(s.url())).put("referenceId", s.referenceId());
            if (s.body() != null) {
                n.set("body", s.body());
            }
        }
        List<SubResponse> out = new ArrayList<>();
        for (JsonNode r : json(send("POST", data("/composite"), body, Map.of())).path("compositeResponse")) {
            out.add(new SubResponse(r.path("referenceId").asText(), r.path("httpStatusCode").asInt(), r.path("body")));
        }
        return out;
    }

    @Override
    public byte[] blob(String sobject, String id, String field) {
        return send("GET", data("/sobjects/" + sobject + "/" + id + "/" + field), null, Map.of()).body();
    }

    @Override
    public java.io.InputStream blobStream(String sobject, String id, String field) {
        String path = data("/sobjects/" + sobject + "/" + id + "/" + field);
        java.util.function.Supplier<java.io.InputStream> once = () -> {
            HttpResponse<java.io.InputStream> r = exchange("GET", path, null, Map.of(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() >= 300) {
                byte[] error;
                try (java.io.InputStream in = r.body()) {
                    error = in.readNBytes(64 * 1024);
                } catch (IOException e) {
                    error = new byte[0];
                }
                throw SalesforceApiException.from(r.statusCode(), parseOrNull(error), error)
                        .withRetryAfter(r.headers().firstValue("Retry-After").orElse(null));
            }
            return r.body();
        };
        var policy = retry;
        if (policy == null) {
            return once.get();
        }
        return policy.call("rest.quarantine", "GET " + ID.matcher(pathOnly(path)).replaceAll("/{id}"), true, once::get,
                e -> e instanceof SalesforceApiException s
                        ? dev.warden.runner.salesforce.RetryPolicy.classify(s.status(), s.errorCode(), s.retryAfter())
                        : dev.warden.runner.salesforce.RetryPolicy.Failure.PERMANENT);
    }

    @Override
    public HttpAnswer postApexRest(String path, JsonNode body) {
        String full = "/services/apexrest/" + path.replaceFirst("^/", "");
        var policy = retry;
        if (policy == null) {
            HttpResponse<byte[]> r = exchange("POST", full, body, Map.of());
            return new HttpAnswer(r.statusCode(), parseOrNull(r.body()));
        }
        // Transient refusals (503, lock) are sent again; a lost answer only for verdicts (a repeated verdict is IGNORED),
        // not for a restore (a second one would answer notQuarantined). The last answer is returned as it came.
        HttpAnswer[] last = new HttpAnswer[1];
        try {
            return policy.call("rest.apex", "POST " + full.replaceAll("/[a-zA-Z0-9]{15,18}(?=/|$)", "/{id}"), full.contains("/verdicts"), () -> {
                HttpResponse<byte[]> r = exchange("POST", full, body, Map.of());
                last[0] = new HttpAnswer(r.statusCode(), parseOrNull(r.body()));
                if (r.statusCode() >= 300) {
                    SalesforceApiException e = SalesforceApiException.from(r.statusCode(), last[0].body(), r.body())
                            .withRetryAfter(r.headers().firstValue("Retry-After").orElse(null));
                    if (e.transientFailure()) {
                        throw e;
                    }
                }
                return last[0];
            }, e -> e instanceof SalesforceApiException s
                    ? dev.warden.runner.salesforce.RetryPolicy.classify(s.status(), s.errorCode(), s.retryAfter())
                    : dev.warden.runner.salesforce.RetryPolicy.Failure.PERMANENT);
        } catch (SalesforceApiException e) {
            if (last[0] != null && e.status() != 0) {
                return last[0];
            }
            throw e;
        }
    }

    @Override
    public ApiUsage usage() {
        return usage.get();
    }

    @Override
    public long callCount() {
        return calls.get();
    }

    @Override
    public List<String> callLog() {
        return List.copyOf(callLog);
    }

    @Override
    public Instant serverNow() {
        return Instant.now().plus(clockOffset.get());
    }

    @Override
    public String userId() {
        if (userId == null) {
            userId = json(send("GET", "/services/oauth2/userinfo", null, Map.of())).path("user_id").asText();
        }
        return userId;
    }

    private HttpResponse<byte[]> send(String method, String path, JsonNode body, Map<String, String> headers) {
        var policy = retry;
        if (policy == null) {
            return sendOnce(method, path, body, headers);
        }
        boolean idempotent = !"POST".equals(method) || pathOnly(path).endsWith("/composite");
        String shape = method + " " + ID.matcher(pathOnly(path)).replaceAll("/{id}");
        return policy.call(shape.contains("/apexrest/") ? "rest.apex" : "rest.quarantine", shape, idempotent,
                () -> sendOnce(method, path, body, headers),
                e -> e instanceof SalesforceApiException s
                        ? dev.warden.runner.salesforce.RetryPolicy.classify(s.status(), s.errorCode(), s.retryAfter())
                        : dev.warden.runner.salesforce.RetryPolicy.Failure.PERMANENT);
    }

    private HttpResponse<byte[]> sendOnce(String method, String path, JsonNode body, Map<String, String> headers) {
        HttpResponse<byte[]> r = exchange(method, path, body, headers);
        if (r.statusCode() >= 300) {
            throw SalesforceApiException.from(r.statusCode(), parseOrNull(r.body()), r.body())
                    .withRetryAfter(r.headers().firstValue("Retry-After").orElse(null));
        }
        return r;
    }

    private HttpResponse<byte[]> exchange(String method, String path, JsonNode body, Map<String, String> headers) {
        return exchange(method, path, body, headers, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> exchange(String method, String path, JsonNode body, Map<String, String> headers,
                                         HttpResponse.BodyHandler<T> handler) {
        // Calls in flight are not in the last usage header yet: with concurrent downloads the check counts them, so N
        // threads cannot all pass the last free call.
        synchronized (inFlight) {
            ApiUsage current = usage.get();
            if (current != null && current.wouldExceed(reserveFraction, 1 + inFlight.get())) {
                throw new ApiReserveReachedException(current, reserveFraction);
            }
            inFlight.incrementAndGet();
        }
        try {
            return exchangeCounted(method, path, body, headers, handler);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private final AtomicLong inFlight = new AtomicLong();

    private <T> HttpResponse<T> exchangeCounted(String method, String path, JsonNode body, Map<String, String> headers,
                                                HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder b = HttpRequest.newBuilder(instanceUrl.resolve(path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json");
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        calls.incrementAndGet();
        String shape = method + " " + ID.matcher(pathOnly(path)).replaceAll("/{id}");
        callLog.add(shape);
        listener.called(method, shape, !"GET".equals(method));
        HttpResponse<T> r;
        try {
            r = http.send(b.build(), handler);
        } catch (IOException e) {
            throw new SalesforceApiException(0, "CONNECTION_FAILED", method + " " + pathOnly(path) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceApiException(0, "INTERRUPTED", method + " " + pathOnly(path) + " was interrupted");
        }
        r.headers().firstValue("Sforce-Limit-Info").flatMap(ApiUsage::parse).ifPresent(usage::set);
        listener.answered(r.headers().firstValue("Sforce-Limit-Info").orElse(null));
        r.headers().firstValue("Date").ifPresent(this::noteServerDate);
        return r;
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private void noteServerDate(String date) {
        try {
            Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            clockOffset.set(Duration.between(Instant.now(), server));
        } catch (DateTimeParseException ignored) {
            // a malformed Date header only costs clock precision; keep the previous estimate
        }
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        JsonNode n = parseOrNull(r.body());
        return n == null ? JSON.createObjectNode() : n;
    }

    private static JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] write(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
