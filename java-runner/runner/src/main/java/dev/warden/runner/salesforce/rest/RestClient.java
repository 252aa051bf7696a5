package dev.warden.runner.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.RetryPolicy;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST API over java.net.http, the runner's one HTTP client for Salesforce's REST APIs: query, sobjects,
 * composite, limits, tooling, Apex REST ({@link #answer}) and binary downloads ({@link #download}). Every call is counted,
 * checked against the API budget first, and its {@code Sforce-Limit-Info} header read. Errors come back as
 * {@link SalesforceException} with Salesforce's own error code and message.
 */
public final class RestClient {
    public static final String API_VERSION = "v65.0";

    private final HttpClient http;
    private final Session session;
    private final ApiBudget budget;
    private final CallCounter counter;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;
    private final RetryPolicy retry;

    public RestClient(HttpClient http, Session session, ApiBudget budget, CallCounter counter, Duration timeout) {
        this(http, session, budget, counter, timeout, RetryPolicy.standard(counter, null));
    }

    public RestClient(
            HttpClient http,
            Session session,
            ApiBudget budget,
            CallCounter counter,
            Duration timeout,
            RetryPolicy retry) {
        this.http = http;
        this.session = session;
        this.budget = budget;
        this.counter = counter;
        this.timeout = timeout;
        this.retry = retry;
    }

    /**
     * A client for the OAuth token endpoint of {@code instanceUrl}: there is no session yet, so its calls carry no
     * {@code Authorization} header. Same budget, counter and retry policy as every other call of the run.
     */
    public static RestClient beforeLogin(
            HttpClient http,
            String instanceUrl,
            ApiBudget budget,
            CallCounter counter,
            Duration timeout,
            RetryPolicy retry) {
        return new RestClient(http, new Session(instanceUrl, null, null, null), budget, counter, timeout, retry);
    }

    /**
     * One form POST ({@code application/x-www-form-urlencoded}), its answer as it came and not retried here: the OAuth
     * token endpoint answers in OAuth's own error shape, which the login classifies under the same retry policy.
     */
    public Answer postFormOnce(String path, String form, String kind, String what) {
        HttpResponse<byte[]> res = exchangeOnce(
                "POST",
                path,
                "application/x-www-form-urlencoded",
                form,
                kind,
                what,
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                res.statusCode(),
                res.body(),
                res.headers().firstValue("Retry-After").orElse(null));
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /**
     * A client of its own for a caller outside a run (tests, tools, identifying a held session): a fresh counter and
     * budget, and every call sent once, never retried (such callers retry on their own or report the refusal).
     */
    public static RestClient singleAttempt(
            String instanceUrl, String accessToken, int reservePercent, Duration timeout) {
        CallCounter counter = new CallCounter();
        RetryPolicy once = new RetryPolicy(
                new RetryPolicy.Settings(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                counter,
                null,
                d -> {},
                new java.util.Random(0));
        return new RestClient(
                defaultHttpClient(),
                new Session(instanceUrl, accessToken, null, null),
                new ApiBudget(reservePercent),
                counter,
                timeout,
                once);
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Session session() {
        return session;
    }

    public ObjectMapper json() {
        return json;
    }

    /** All records of a SOQL query, following {@code nextRecordsUrl}. */
    public List<JsonNode> query(String soql) {
        return queryAt("/services/data/" + API_VERSION + "/query?q=", soql, "rest.query");
    }

    /**
     * A SOQL query streamed page by page: each page's records go to {@code sink} and are dropped before the next
     * {@code nextRecordsUrl} is fetched. Returns the number of records.
     */
    public long queryEach(String soql, java.util.function.Consumer<JsonNode> sink) {
        long n = 0;
        String what = "query " + shorten(soql);
        JsonNode page = send(
                "GET",
                "/services/data/" + API_VERSION + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8),
                null,
                "rest.query",
                what);
        while (true) {
            for (JsonNode r : page.path("records")) {
                sink.accept(r);
                n++;
            }
            String next = page.path("nextRecordsUrl").asText(null);
            if (page.path("done").asBoolean(true) || next == null) {
                return n;
            }
            page = send("GET", next, null, "rest.query", what);
        }
    }

    public List<JsonNode> toolingQuery(String soql) {
        return queryAt("/services/data/" + API_VERSION + "/tooling/query?q=", soql, "rest.tooling");
    }

    private List<JsonNode> queryAt(String base, String soql, String kind) {
        List<JsonNode> records = new ArrayList<>();
        JsonNode page = send(
                "GET", base + URLEncoder.encode(soql, StandardCharsets.UTF_8), null, kind, "query " + shorten(soql));
        while (true) {
            page.path("records").forEach(records::add);
            String next = page.path("nextRecordsUrl").asText(null);
            if (page.path("done").asBoolean(true) || next == null) {
                return records;
            }
            page = send("GET", next, null, kind, "query " + shorten(soql));
        }
    }

    public JsonNode get(String path, String kind) {
        return send("GET", path, null, kind, "GET " + path);
    }

    public JsonNode post(String path, Object body, String kind, String what) {
        counter.write();
        return send("POST", path, body, kind, what);
    }

    public JsonNode patch(String path, Object body, String kind, String what) {
        counter.write();
        return send("PATCH", path, body, kind, what);
    }

    public JsonNode delete(String path, String kind, String what) {
        counter.write();
        return send("DELETE", path, null, kind, what);
    }

    /** {@code /services/data/vXX.X/<rest>} */
    public static String data(String rest) {
        return "/services/data/" + API_VERSION + rest;
    }

    /**
     * One call under the {@link RetryPolicy}: transient refusals are sent again; a lost answer is sent again only for
     * GET, PATCH, PUT and DELETE (idempotent); a POST whose answer was lost is thrown for the caller to reconcile.
     */
    public JsonNode send(String method, String path, Object body, String kind, String what) {
        boolean idempotent = !"POST".equals(method);
        return retry.call(kind, what, idempotent, () -> sendOnce(method, path, body, kind, what));
    }

    /**
     * One call under the {@link RetryPolicy} with the caller's idempotency (a {@code /composite} POST of fixed-value
     * PATCHes, a verdict that Salesforce answers IGNORED when repeated).
     */
    public JsonNode send(String method, String path, Object body, String kind, String what, boolean idempotent) {
        return retry.call(kind, what, idempotent, () -> sendOnce(method, path, body, kind, what));
    }

    /** The bytes of a binary resource (a blob field such as {@code ContentVersion.VersionData}); a read, so retried. */
    public byte[] download(String path, String kind, String what) {
        return retry.call(kind, what, true, () -> {
            Answer a = exchangeOnce("GET", path, null, kind, what);
            if (a.status() >= 300) {
                throw error(what, a.status(), a.text(), a.retryAfter());
            }
            return a.body();
        });
    }

    /**
     * A binary resource as a stream read as it arrives, never held whole (a 2 GB file is scanned in bounded memory).
     * Opening is retried like any read; a connection that breaks mid-body throws from the stream. The caller closes it.
     */
    public java.io.InputStream downloadStream(String path, String kind, String what) {
        return retry.call(kind, what, true, () -> {
            HttpResponse<java.io.InputStream> r =
                    exchangeOnce("GET", path, null, kind, what, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() >= 300) {
                byte[] error;
                try (java.io.InputStream in = r.body()) {
                    error = in.readNBytes(64 * 1024);
                } catch (IOException e) {
                    error = new byte[0];
                }
                throw error(
                        what,
                        r.statusCode(),
                        new String(error, StandardCharsets.UTF_8),
                        r.headers().firstValue("Retry-After").orElse(null));
            }
            return r.body();
        });
    }

    /**
     * A call whose answer the caller reads whatever its status (Apex REST: the package answers refusals in its own JSON).
     * Transient refusals are sent again under the retry policy; when they persist, or the answer was permanent, the
     * last answer is returned as it came. Only a call that never got an answer throws.
     */
    public Answer answer(String method, String path, Object body, String kind, String what, boolean idempotent) {
        Answer[] last = new Answer[1];
        try {
            return retry.call(kind, what, idempotent, () -> {
                Answer a = exchangeOnce(method, path, body, kind, what);
                last[0] = a;
                if (a.status() >= 300) {
                    SalesforceException e = error(what, a.status(), a.text(), a.retryAfter());
                    if (RetryPolicy.classify(e).kind() != RetryPolicy.Kind.PERMANENT) {
                        throw e;
                    }
                }
                return a;
            });
        } catch (SalesforceException e) {
            if (last[0] != null && e.httpStatus() != 0) {
                return last[0];
            }
            throw e;
        }
    }

    /** An answer as it came: HTTP status and body bytes. */
    public record Answer(int status, byte[] body, String retryAfter) {
        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Calls this client sent (each attempt once). */
    public long callCount() {
        return calls.get();
    }

    /** Every call this client sent, as {@code METHOD /path} with ids and query strings left out, in order. */
    public List<String> callLog() {
        return List.copyOf(callLog);
    }

    /** The org's clock, estimated from the {@code Date} header of the latest answer (this machine's clock before one). */
    public java.time.Instant serverNow() {
        return java.time.Instant.now().plus(clockOffset.get());
    }

    /** The budget every call of this client is checked against. */
    public ApiBudget budget() {
        return budget;
    }

    /** The run's call counter (the quarantine flow counts its record writes as flow writes, not setup writes). */
    public CallCounter counter() {
        return counter;
    }

    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Queue<String> callLog = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicReference<Duration> clockOffset =
            new java.util.concurrent.atomic.AtomicReference<>(Duration.ZERO);
    private static final java.util.regex.Pattern ID =
            java.util.regex.Pattern.compile("/[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?(?=/|$)");

    /** {@code METHOD /path} with record ids as {@code {id}} and the query string left out: a call's shape, never its data. */
    public static String shape(String method, String path) {
        int q = path.indexOf('?');
        return method + " " + ID.matcher(q < 0 ? path : path.substring(0, q)).replaceAll("/{id}");
    }

    private JsonNode sendOnce(String method, String path, Object body, String kind, String what) {
        Answer a = exchangeOnce(method, path, body, kind, what);
        if (a.status() >= 400) {
            throw error(what, a.status(), a.text(), a.retryAfter());
        }
        String text = a.text();
        if (text.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new SalesforceException(what, a.status(), "UNREADABLE_ANSWER", shorten(text));
        }
    }

    /** The one place the runner sends an HTTP request to Salesforce: budget first, counted, usage and clock read. */
    private Answer exchangeOnce(String method, String path, Object body, String kind, String what) {
        HttpResponse<byte[]> res =
                exchangeOnce(method, path, body, kind, what, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                res.statusCode(),
                res.body(),
                res.headers().firstValue("Retry-After").orElse(null));
    }

    private <T> HttpResponse<T> exchangeOnce(
            String method, String path, Object body, String kind, String what, HttpResponse.BodyHandler<T> handler) {
        String text;
        try {
            text = body == null ? null : json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": body is not JSON-writable: " + e.getMessage(), e);
        }
        return exchangeOnce(method, path, "application/json", text, kind, what, handler);
    }

    private <T> HttpResponse<T> exchangeOnce(
            String method,
            String path,
            String contentType,
            String body,
            String kind,
            String what,
            HttpResponse.BodyHandler<T> handler) {
        budget.beforeCall();
        counter.count(kind);
        calls.incrementAndGet();
        callLog.add(shape(method, path));
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(session.instanceUrl() + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (session.accessToken() != null) {
            req.header("Authorization", "Bearer " + session.accessToken());
        }
        try {
            if (body == null) {
                req.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                req.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            long began = counter.started();
            HttpResponse<T> res;
            try {
                res = http.send(req.build(), handler);
            } finally {
                counter.ended(began);
            }
            budget.observe(res.headers().firstValue("Sforce-Limit-Info").orElse(null));
            res.headers().firstValue("Date").ifPresent(this::noteServerDate);
            return res;
        } catch (IOException e) {
            budget.unanswered();
            throw new SalesforceException(
                    what, 0, "CONNECTION_FAILED", session.instanceUrl() + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            budget.unanswered();
            throw new SalesforceException(what, 0, "INTERRUPTED", "interrupted");
        }
    }

    private void noteServerDate(String date) {
        try {
            java.time.Instant server = java.time.ZonedDateTime.parse(
                            date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            clockOffset.set(Duration.between(java.time.Instant.now(), server));
        } catch (java.time.format.DateTimeParseException ignored) {
            // a malformed Date header only costs clock precision; keep the previous estimate
        }
    }

    private SalesforceException error(String what, int status, String body, String retryAfter) {
        try {
            JsonNode node = json.readTree(body);
            JsonNode first = node.isArray() ? node.path(0) : node;
            String code = first.path("errorCode").asText(first.path("error").asText(null));
            // REST errors say "message", OAuth "error_description"; Warden's Apex REST refusals {"errorCode","error"}.
            String message = first.hasNonNull("message")
                    ? first.path("message").asText()
                    : first.hasNonNull("errorCode") && first.hasNonNull("error")
                            ? first.path("error").asText()
                            : first.path("error_description")
                                    .asText(
                                            body == null || body.isBlank()
                                                    ? "(empty response)"
                                                    : shorten(body.strip()));
            return new SalesforceException(what, status, code, message, retryAfter);
        } catch (IOException e) {
            return new SalesforceException(
                    what, status, "HTTP_" + status, body == null ? "" : shorten(body), retryAfter);
        }
    }

    /** Errors of one row of a {@code composite/sobjects} answer, as {@code CODE: message}. */
    public static List<String> rowErrors(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.path("errors")
                .forEach(e ->
                        out.add(e.path("statusCode").asText(e.path("errorCode").asText("")) + ": "
                                + e.path("message").asText()));
        return out;
    }

    public static String rowErrorCode(JsonNode row) {
        JsonNode e = row.path("errors").path(0);
        return e.path("statusCode").asText(e.path("errorCode").asText(""));
    }

    public ArrayNode arrayNode() {
        return json.createArrayNode();
    }

    static String shorten(String s) {
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }
}
