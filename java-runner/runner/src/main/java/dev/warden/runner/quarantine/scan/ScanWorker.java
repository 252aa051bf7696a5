package dev.warden.runner.quarantine.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.api.QuarantineApi.HttpAnswer;
import dev.warden.runner.quarantine.api.QuarantineApi.SaveResult;
import dev.warden.runner.quarantine.api.SalesforceApiException;
import dev.warden.runner.quarantine.api.Soql;
import dev.warden.runner.quarantine.detect.Detectors;
import dev.warden.runner.quarantine.detect.StreamingScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The reference scanner: one pass claims pending scan requests, downloads and inspects their content, posts
 * QUARANTINE verdicts to the package's endpoint (200 a call) and closes clean requests itself.
 *
 * <p>Delivery is at least once. A request leaves Pending/Scanning only when the endpoint answered its verdict
 * (APPLIED, or IGNORED because it was already applied) or this worker closed it as clean; a crash anywhere before
 * that leaves it Scanning, and {@link ClaimPlanner} reclaims it once the claim is older than {@code staleAfter}.
 * Re-posting a verdict is harmless: the endpoint answers IGNORED for a verdict already applied.
 */
public final class ScanWorker {
    public static final String VERDICT_PATH = "warden/v1/verdicts";
    public static final int VERDICTS_PER_CALL = 200;
    private static final int ERROR_FIELD_LENGTH = 255;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SOQL_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Waits; tests and the continuous loop substitute their own. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        static Sleeper real() {
            return d -> {
                if (!d.isNegative() && !d.isZero()) {
                    Thread.sleep(d.toMillis());
                }
            };
        }
    }

    /** Which requests a pass looks at: all, or only those for the given targets (the smoke test's own records). */
    public record Scope(List<String> targetIds) {
        public static Scope all() {
            return new Scope(List.of());
        }
    }

    private final QuarantineApi api;
    private final Detectors detectors;
    private final ScanOptions options;
    private final ClaimPlanner planner;
    private final Sleeper sleeper;
    private final Consumer<String> log;
    private final String workerName;

    public ScanWorker(
            QuarantineApi api, Detectors detectors, ScanOptions options, Sleeper sleeper, Consumer<String> log) {
        this.api = api;
        this.detectors = detectors;
        this.options = options;
        this.planner = new ClaimPlanner(options);
        this.sleeper = sleeper;
        this.log = log;
        this.workerName = "w-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs passes until {@code keepGoing} says stop (or the thread is interrupted), pausing between passes that found
     * nothing. An interrupted pass leaves its claims to the stale timeout; the passes before it are reported.
     */
    public PassReport runUntil(Supplier<Boolean> keepGoing) {
        PassReport total = PassReport.empty();
        try {
            while (keepGoing.get()) {
                PassReport pass = runOnce(Scope.all());
                total = total.plus(pass);
                if (pass.stoppedForReserve()) {
                    return total;
                }
                if (pass.claimed() == 0 && pass.gaveUp() == 0) {
                    sleeper.sleep(options.pollInterval());
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        return total;
    }

    /** One pass. Rows too fresh to claim safely are waited for (about a second) rather than skipped. */
    public PassReport runOnce(Scope scope) throws InterruptedException {
        long callsBefore = api.callCount();
        Tally t = new Tally();
        try {
            pass(scope, t);
        } catch (dev.warden.runner.salesforce.ApiBudget.ApiReserveReachedException e) {
            t.stoppedForReserve = true;
            t.error(e.getMessage());
        }
        return t.report(api.callCount() - callsBefore);
    }

    private void pass(Scope scope, Tally t) throws InterruptedException {
        long candidatesSent = System.nanoTime();
        List<ScanRequest> candidates = candidates(scope);
        t.candidates = candidates.size();
        ClaimPlanner.Plan plan = planner.plan(candidates, api.serverNow());
        giveUp(plan.giveUp(), t);
        String token = workerName + "-" + UUID.randomUUID().toString().substring(0, 8);
        Claims claims = writeClaims(plan.claim(), token, candidatesSent);
        if (claims.written().isEmpty()) {
            t.lostClaims = plan.claim().size();
            return;
        }
        // Downloads and detectors start on the rows just written while the claim window runs out: only rows the
        // confirming re-read shows as ours get a verdict or are closed, so scanning one that turns out not to be ours
        // costs a download and nothing else; the window no longer adds to the pass.
        java.util.concurrent.CompletableFuture<Map<String, Outcome>> scanning = scanInBackground(claims.written());
        List<ScanRequest> mine;
        try {
            mine = confirm(claims, token, plan.claim().size(), t);
        } catch (InterruptedException | RuntimeException e) {
            scanning.cancel(true);
            throw e;
        }
        Map<String, Outcome> outcomes = await(scanning);
        List<Verdict> verdicts = new ArrayList<>();
        List<ScanRequest> clean = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Set<String> gone = new LinkedHashSet<>();
        for (ScanRequest r : mine) {
            Outcome o = outcomes.get(r.id());
            if (o == null) {
                failures.put(r.id(), "not scanned in this pass");
                continue;
            }
            if (o.failure() != null) {
                failures.put(r.id(), o.failure());
                if (o.gone()) {
                    gone.add(r.id());
                }
                continue;
            }
            t.scanned++;
            if (o.verdict() != null) {
                verdicts.add(o.verdict());
            } else {
                clean.add(r);
            }
        }
        postVerdicts(verdicts, failures, t);
        closeClean(clean, failures, t);
        release(mine, failures, gone, t);
    }

    /** Feed bodies then downloads and detectors over {@code rows}, on the pool, off the calling thread. */
    private java.util.concurrent.CompletableFuture<Map<String, Outcome>> scanInBackground(List<ScanRequest> rows) {
        java.util.concurrent.CompletableFuture<Map<String, Outcome>> f = new java.util.concurrent.CompletableFuture<>();
        Thread th = new Thread(
                () -> {
                    try {
                        Map<String, String> failures = new LinkedHashMap<>();
                        Map<String, byte[]> texts = feedBodies(rows, failures);
                        Map<String, Outcome> out = new HashMap<>();
                        failures.forEach((id, why) -> out.put(id, new Outcome(null, null, why, false)));
                        List<ScanRequest> toScan = rows.stream()
                                .filter(r -> !failures.containsKey(r.id()))
                                .toList();
                        for (Outcome o : inPool(toScan, r -> scanOne(r, texts))) {
                            out.put(o.request().id(), o);
                        }
                        f.complete(out);
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                },
                workerName + "-scan");
        th.setDaemon(true);
        th.start();
        f.whenComplete((v, e) -> {
            if (f.isCancelled()) {
                th.interrupt();
            }
        });
        return f;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What scanning one request gave: a verdict, clean (verdict null), or a failure (and whether the target is gone). */
    private record Outcome(ScanRequest request, Verdict verdict, String failure, boolean gone) {}

    /**
     * Download and detect, for one request; runs on the pool. Files and attachments are streamed through the
     * detectors ({@link StreamingScan}): memory per download is one window whatever the file's size.
     */
    private Outcome scanOne(ScanRequest r, Map<String, byte[]> texts) throws InterruptedException {
        StreamingScan.Result result;
        try {
            java.io.InputStream in = open(r, texts);
            if (in == null) {
                return new Outcome(
                        r,
                        null,
                        "Target " + r.targetId() + " (" + r.targetType() + ") no longer exists; nothing to scan",
                        true);
            }
            result = new StreamingScan(detectors).scan(in);
        } catch (SalesforceApiException e) {
            return new Outcome(r, null, e.describe(), false);
        } catch (java.io.IOException e) {
            return new Outcome(
                    r,
                    null,
                    "The download of " + r.targetType() + " " + r.targetId() + " broke off: " + e.getMessage(),
                    false);
        }
        return new Outcome(
                r,
                result.finding()
                        .map(f -> new Verdict(r.id(), "QUARANTINE", f.detector(), f.reason(), result.sha256()))
                        .orElse(null),
                null,
                false);
    }

    private interface Task<I, O> {
        O run(I in) throws InterruptedException;
    }

    /**
     * Runs {@code task} over {@code inputs} on at most {@code options.concurrency()} threads and returns the results in
     * input order. Downloads dominate a pass and each waits on the network, so they overlap; the bound keeps the worker
     * well under Salesforce's concurrent-request limit (25 long-running requests per org). An API reserve stop or an
     * interrupt on any task stops the others and is rethrown.
     */
    private <I, O> List<O> inPool(List<I> inputs, Task<I, O> task) throws InterruptedException {
        if (inputs.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(options.concurrency(), inputs.size());
        if (threads <= 1) {
            List<O> out = new ArrayList<>();
            for (I in : inputs) {
                out.add(task.run(in));
            }
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, workerName + "-pool");
            th.setDaemon(true);
            return th;
        });
        try {
            List<java.util.concurrent.Future<O>> futures = new ArrayList<>();
            for (I in : inputs) {
                futures.add(pool.submit(() -> task.run(in)));
            }
            List<O> out = new ArrayList<>();
            for (java.util.concurrent.Future<O> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ScanRequest> candidates(Scope scope) {
        Instant staleCutoff = api.serverNow().minus(options.staleAfter());
        String where = "(Status__c = 'Pending' OR (Status__c = 'Scanning' AND Claimed_At__c < "
                + SOQL_DATETIME.format(staleCutoff) + "))";
        if (!scope.targetIds().isEmpty()) {
            where += " AND Target_Id__c IN (" + Soql.idList(scope.targetIds()) + ")";
        }
        String soql = "SELECT " + ScanRequest.FIELDS + " FROM " + ScanRequest.OBJECT + " WHERE " + where
                + " ORDER BY CreatedDate LIMIT " + options.maxPerPass();
        return api.query(soql).stream().map(ScanRequest::fromRow).toList();
    }

    private void giveUp(List<ScanRequest> rows, Tally t) throws InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        List<ObjectNode> updates = new ArrayList<>();
        for (ScanRequest r : rows) {
            ObjectNode u = record(r.id());
            u.put("Status__c", "Failed");
            u.put("Error__c", truncate("Gave up after " + r.attempts() + " attempts without a verdict"));
            updates.add(u);
        }
        for (SaveResult s : retrying(() -> api.update(updates))) {
            if (s.success()) {
                t.gaveUp++;
            } else {
                t.error(s.errorCode() + ": " + s.message());
            }
        }
    }

    /**
     * Claims rows so that two workers never both scan one: a time-bounded compare-and-set on each row plus a token
     * re-read, which needs nothing from the server beyond last-writer-wins updates.
     *
     * <ol>
     * <li>Per 200 rows (chunks run concurrently): re-read their state (one query), keep those still claimable, and write
     * the claim (Status Scanning, this pass's token, Claimed_At, Attempts + 1) in one {@code composite/sobjects} update.
     * The chunk counts only if the time from sending the re-read to receiving the write's answer stayed under
     * {@code claimWindow}.</li>
     * <li>Wait until {@code claimWindow} has passed since the last write, then re-read the rows carrying the token.</li>
     * </ol>
     *
     * <p>Why it is safe: say A and B both confirm a row and B wrote second. A's re-read came at least
     * {@code claimWindow} after A's write and still showed A's token, so B's write came later still; B's state read
     * came less than {@code claimWindow} before B's write, hence after A's write, and showed the row Scanning under a
     * fresh claim, which is not claimable. A worker that dies holding claims leaves them to the stale timeout.
     */
    /** The claim writes of a pass: rows whose claim was written and may be confirmed, and when the last write answered. */
    private record Claims(List<ScanRequest> written, Set<String> unsafe, long lastWrite) {}

    /**
     * Writes the claims. When the candidate query itself was sent less than half a window ago it is the state read
     * (it is as recent as a re-read would be, and the window is measured from it): the claims go out as 200-row
     * writes, no re-read. Otherwise each 200-row chunk re-reads its rows' state first (one query each).
     */
    private Claims writeClaims(List<ScanRequest> rows, String token, long candidatesSent) throws InterruptedException {
        if (rows.isEmpty()) {
            return new Claims(List.of(), Set.of(), 0);
        }
        Set<String> unsafe = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicLong lastWrite = new java.util.concurrent.atomic.AtomicLong();
        if (Duration.ofNanos(System.nanoTime() - candidatesSent)
                        .compareTo(options.claimWindow().dividedBy(2))
                < 0) {
            // 200-row writes in parallel rather than one /composite of 1,000: every write must answer within the
            // window of the candidate query, and parallel calls answer sooner than one long transaction.
            inPool(Batches.of(rows, COLLECTION_ROWS), chunk -> {
                writeClaim(chunk, token, unsafe, written, lastWrite, candidatesSent);
                return chunk.size();
            });
        } else {
            inPool(Batches.of(rows, CLAIM_CHUNK), chunk -> {
                claimChunk(chunk, token, unsafe, written, lastWrite);
                return chunk.size();
            });
        }
        List<ScanRequest> ok = rows.stream()
                .filter(r -> written.contains(r.id()) && !unsafe.contains(r.id()))
                .toList();
        return new Claims(ok, unsafe, lastWrite.get());
    }

    /** Waits until the claim window has passed since the last write, then re-reads the rows carrying the token. */
    private List<ScanRequest> confirm(Claims claims, String token, int tried, Tally t) throws InterruptedException {
        Duration wait = options.claimWindow().minus(Duration.ofNanos(System.nanoTime() - claims.lastWrite()));
        sleeper.sleep(wait.isNegative() ? Duration.ZERO : wait);
        List<ScanRequest> confirmed = retrying(() -> api.query("SELECT " + ScanRequest.FIELDS + " FROM "
                        + ScanRequest.OBJECT + " WHERE Claimed_By__c = '" + token + "' AND Status__c = 'Scanning'"))
                .stream()
                .map(ScanRequest::fromRow)
                .filter(r -> !claims.unsafe().contains(r.id()))
                .toList();
        t.claimed = confirmed.size();
        t.lostClaims = tried - confirmed.size();
        return confirmed;
    }

    /** Rows in one {@code composite/sobjects} call (Salesforce's cap). */
    static final int COLLECTION_ROWS = 200;

    /** Rows claimed per state re-read and write: one query and one {@code composite/sobjects} update of up to 200 rows. */
    static final int CLAIM_CHUNK = 200;

    /** Rows updated in one call through {@code /composite}: 5 sObject Collection subrequests of 200. */
    static final int ROWS_PER_COMPOSITE = 5 * COLLECTION_ROWS;

    /** One chunk of the claim: re-read the rows' state, write the claim of those still claimable, time it. */
    private void claimChunk(
            List<ScanRequest> chunk,
            String token,
            Set<String> unsafe,
            Set<String> written,
            java.util.concurrent.atomic.AtomicLong lastWrite)
            throws InterruptedException {
        long sent = System.nanoTime();
        List<String> ids = chunk.stream().map(ScanRequest::id).toList();
        ClaimPlanner.Plan fresh = planner.plan(
                retrying(() -> api.query("SELECT " + ScanRequest.FIELDS + " FROM " + ScanRequest.OBJECT
                                + " WHERE Id IN (" + Soql.idList(ids) + ")"))
                        .stream()
                        .map(ScanRequest::fromRow)
                        .toList(),
                api.serverNow());
        writeClaim(fresh.claim(), token, unsafe, written, lastWrite, sent);
    }

    /**
     * Writes the claim of rows found claimable by a state read sent at {@code readSent}; the rows count only if the
     * write answered less than the claim window after that read.
     */
    private void writeClaim(
            List<ScanRequest> claimable,
            String token,
            Set<String> unsafe,
            Set<String> written,
            java.util.concurrent.atomic.AtomicLong lastWrite,
            long readSent) {
        if (claimable.isEmpty()) {
            return;
        }
        String now = api.serverNow().toString();
        List<ObjectNode> claims = new ArrayList<>();
        for (ScanRequest r : claimable) {
            ObjectNode body = record(r.id());
            body.put("Status__c", "Scanning");
            body.put("Claimed_By__c", token);
            body.put("Claimed_At__c", now);
            body.put("Attempts__c", r.attempts() + 1);
            claims.add(body);
        }
        List<SaveResult> answers;
        try {
            answers = updateMany(claims);
        } catch (SalesforceApiException e) {
            // Some writes may have landed without our knowing when: never confirm these rows in this pass. Not an
            // error of the pass: these rows are simply not ours this time (another worker, or the next pass after the
            // stale timeout, scans them), so a pass that did all its confirmed work still exits 0.
            claimable.forEach(r -> unsafe.add(r.id()));
            log.accept("claim call failed (those rows wait for the stale timeout): " + e.describe());
            return;
        }
        long answered = System.nanoTime();
        lastWrite.accumulateAndGet(answered, Math::max);
        if (Duration.ofNanos(answered - readSent).compareTo(options.claimWindow()) >= 0) {
            claimable.forEach(r -> unsafe.add(r.id()));
            log.accept("a claim took longer than the claim window " + options.claimWindow()
                    + "; its rows wait for the stale timeout");
            return;
        }
        for (int i = 0; i < answers.size() && i < claimable.size(); i++) {
            SaveResult s = answers.get(i);
            if (s.success()) {
                written.add(claimable.get(i).id());
            } else {
                log.accept("claim of one row failed (it waits for the stale timeout): " + s.errorCode() + ": "
                        + s.message());
            }
        }
    }

    /**
     * Updates in as few calls as Salesforce allows: up to 200 rows through {@code PATCH composite/sobjects}; more through
     * {@code /composite} with up to 5 such subrequests (Salesforce allows at most 5 sObject Collection or query
     * subrequests in one composite call, from API 43.0), one API call per 1,000 rows. Results in input order; a
     * subrequest that failed as a whole fails each of its rows with its error.
     */
    private List<SaveResult> updateMany(List<ObjectNode> records) {
        if (records.size() <= COLLECTION_ROWS) {
            return api.update(records);
        }
        List<SaveResult> out = new ArrayList<>();
        for (List<ObjectNode> call : Batches.of(records, ROWS_PER_COMPOSITE)) {
            List<List<ObjectNode>> subs = Batches.of(call, COLLECTION_ROWS);
            List<QuarantineApi.SubRequest> requests = new ArrayList<>();
            for (int i = 0; i < subs.size(); i++) {
                ObjectNode body = JSON.createObjectNode().put("allOrNone", false);
                subs.get(i).forEach(body.putArray("records")::add);
                requests.add(new QuarantineApi.SubRequest("rows" + i, "PATCH", "/composite/sobjects", body));
            }
            List<QuarantineApi.SubResponse> answers = api.composite(requests);
            for (int i = 0; i < subs.size(); i++) {
                QuarantineApi.SubResponse a = i < answers.size() ? answers.get(i) : null;
                if (a != null && a.httpStatusCode() < 300 && a.body().isArray()) {
                    for (JsonNode r : a.body()) {
                        JsonNode err = r.path("errors").path(0);
                        out.add(new SaveResult(
                                r.path("id").asText(null),
                                r.path("success").asBoolean(false),
                                err.path("statusCode").asText(null),
                                err.path("message").asText(null)));
                    }
                } else {
                    JsonNode err =
                            a == null ? JSON.createObjectNode() : a.body().path(0);
                    String code = err.path("errorCode").asText("NO_ANSWER");
                    String message = err.path("message")
                            .asText(a == null ? "the composite call gave no answer for these rows" : "failed");
                    subs.get(i).forEach(r -> out.add(new SaveResult(r.path("Id").asText(), false, code, message)));
                }
            }
        }
        return out;
    }

    /** FeedItem and FeedComment bodies come from one query per 200 rows instead of one call per row. */
    private Map<String, byte[]> feedBodies(List<ScanRequest> rows, Map<String, String> failures)
            throws InterruptedException {
        Map<String, byte[]> out = new HashMap<>();
        Map<String, String> bodyField = Map.of("FeedItem", "Body", "FeedComment", "CommentBody");
        for (Map.Entry<String, String> e : bodyField.entrySet()) {
            List<String> ids = rows.stream()
                    .filter(r -> e.getKey().equals(r.targetType()))
                    .map(ScanRequest::targetId)
                    .toList();
            for (List<String> chunk : Batches.of(ids, 200)) {
                try {
                    for (JsonNode row : retrying(() -> api.query("SELECT Id, " + e.getValue() + " FROM " + e.getKey()
                            + " WHERE Id IN (" + Soql.idList(chunk) + ")"))) {
                        out.put(
                                row.path("Id").asText(),
                                row.path(e.getValue()).asText("").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (SalesforceApiException ex) {
                    rows.stream()
                            .filter(r -> chunk.contains(r.targetId()))
                            .forEach(r -> failures.put(r.id(), ex.describe()));
                }
            }
        }
        return out;
    }

    /** The target's content as a stream, or null when the target no longer exists. */
    private java.io.InputStream open(ScanRequest r, Map<String, byte[]> texts) throws InterruptedException {
        String type = r.targetType() == null ? "" : r.targetType();
        try {
            return switch (type) {
                case "ContentVersion" -> retrying(() -> api.blobStream("ContentVersion", r.contentId(), "VersionData"));
                case "Attachment" -> retrying(() -> api.blobStream("Attachment", r.targetId(), "Body"));
                case "FeedItem", "FeedComment" ->
                    texts.containsKey(r.targetId()) ? new java.io.ByteArrayInputStream(texts.get(r.targetId())) : null;
                default ->
                    throw new SalesforceApiException(
                            400, "UNSUPPORTED_TARGET", "Target type '" + type + "' is not scanned");
            };
        } catch (SalesforceApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void postVerdicts(List<Verdict> verdicts, Map<String, String> failures, Tally t)
            throws InterruptedException {
        for (List<Verdict> chunk : Batches.of(verdicts, VERDICTS_PER_CALL)) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode arr = body.putArray("verdicts");
            chunk.forEach(v -> arr.add(JSON.valueToTree(v)));
            HttpAnswer answer;
            try {
                answer = retrying(() -> {
                    t.verdictCalls++;
                    HttpAnswer a = api.postApexRest(VERDICT_PATH, body);
                    if (a.status() != 200) {
                        throw SalesforceApiException.from(a.status(), a.body(), null);
                    }
                    return a;
                });
            } catch (SalesforceApiException e) {
                t.error("Verdict call failed: " + e.describe());
                chunk.forEach(v -> failures.put(v.requestId(), truncate("Verdict call failed: " + e.describe())));
                continue;
            }
            Set<String> answered = new LinkedHashSet<>();
            for (JsonNode r : answer.body().path("results")) {
                String id = r.path("requestId").asText();
                answered.add(id);
                String status = r.path("status").asText();
                if ("APPLIED".equals(status) || "IGNORED".equals(status)) {
                    t.quarantined++;
                    if (r.hasNonNull("quarantineItemId")) {
                        t.items.add(r.path("quarantineItemId").asText());
                    }
                } else {
                    String err = r.path("error").asText("verdict " + status);
                    failures.put(id, truncate("Verdict " + status + ": " + err));
                    t.error("Verdict " + status + ": " + err);
                }
            }
            chunk.stream()
                    .filter(v -> !answered.contains(v.requestId()))
                    .forEach(v -> failures.put(v.requestId(), "The verdict endpoint gave no result for this request"));
        }
    }

    private void closeClean(List<ScanRequest> clean, Map<String, String> failures, Tally t)
            throws InterruptedException {
        List<ObjectNode> updates = new ArrayList<>();
        for (ScanRequest r : clean) {
            ObjectNode u = record(r.id());
            u.put("Status__c", "Done");
            u.put("Verdict__c", "CLEAN");
            updates.add(u);
        }
        if (updates.isEmpty()) {
            return;
        }
        List<SaveResult> results;
        try {
            results = retrying(() -> updateMany(updates));
        } catch (SalesforceApiException e) {
            t.error("Closing clean requests failed: " + e.describe());
            clean.forEach(r -> failures.put(r.id(), truncate("Closing as clean failed: " + e.describe())));
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            SaveResult s = results.get(i);
            if (s.success()) {
                t.clean++;
            } else {
                failures.put(clean.get(i).id(), truncate(s.errorCode() + ": " + s.message()));
            }
        }
    }

    /**
     * Failed rows go back to Pending (retried after backoff), or to Failed once they used their attempts; a row whose
     * target was deleted is Failed at once (it will not come back, retrying would only spend API calls).
     */
    private void release(List<ScanRequest> mine, Map<String, String> failures, Set<String> gone, Tally t)
            throws InterruptedException {
        List<ObjectNode> updates = new ArrayList<>();
        for (ScanRequest r : mine) {
            String error = failures.get(r.id());
            if (error == null) {
                continue;
            }
            ObjectNode u = record(r.id());
            boolean last = r.attempts() >= options.maxAttempts() || gone.contains(r.id());
            u.put("Status__c", last ? "Failed" : "Pending");
            u.put("Error__c", truncate(error));
            updates.add(u);
            t.failed++;
            t.error(error);
        }
        if (updates.isEmpty()) {
            return;
        }
        try {
            retrying(() -> api.update(updates));
        } catch (SalesforceApiException e) {
            t.error("Releasing failed requests failed (they are reclaimed after " + options.staleAfter() + "): "
                    + e.describe());
        }
    }

    private <T> T retrying(Supplier<T> call) throws InterruptedException {
        Backoff backoff = new Backoff(options.callRetryBase(), Duration.ofSeconds(30));
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SalesforceApiException e) {
                if (!e.transientFailure() || attempt >= options.callRetries()) {
                    throw e;
                }
                log.accept("retrying after " + e.describe());
                sleeper.sleep(backoff.delayAfter(attempt));
            }
        }
    }

    private static ObjectNode record(String id) {
        ObjectNode u = JSON.createObjectNode();
        u.putObject("attributes").put("type", ScanRequest.OBJECT);
        u.put("Id", id);
        return u;
    }

    private static String truncate(String s) {
        return s.length() <= ERROR_FIELD_LENGTH ? s : s.substring(0, ERROR_FIELD_LENGTH - 1) + "…";
    }

    private static final class Tally {
        int candidates;
        int claimed;
        int lostClaims;
        int scanned;
        int clean;
        int quarantined;
        int failed;
        int gaveUp;
        int verdictCalls;
        boolean stoppedForReserve;
        final Set<String> errors = new LinkedHashSet<>();
        final List<String> items = new ArrayList<>();

        void error(String e) {
            errors.add(e);
        }

        PassReport report(long apiCalls) {
            return new PassReport(
                    candidates,
                    claimed,
                    lostClaims,
                    scanned,
                    clean,
                    quarantined,
                    failed,
                    gaveUp,
                    verdictCalls,
                    apiCalls,
                    stoppedForReserve,
                    List.copyOf(errors),
                    List.copyOf(items));
        }
    }
}
