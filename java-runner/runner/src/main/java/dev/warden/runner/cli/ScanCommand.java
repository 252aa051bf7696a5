package dev.warden.runner.cli;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.Namespace;
import dev.warden.runner.flow.QuarantineConnections;
import dev.warden.runner.quarantine.api.NamespacedQuarantineApi;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.detect.Detectors;
import dev.warden.runner.quarantine.detect.Sha256Blocklist;
import dev.warden.runner.quarantine.scan.ClaimPlanner;
import dev.warden.runner.quarantine.scan.PassReport;
import dev.warden.runner.quarantine.scan.ScanOptions;
import dev.warden.runner.quarantine.scan.ScanRequest;
import dev.warden.runner.quarantine.scan.ScanWorker;
import dev.warden.runner.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden scan}: the reference scanner worker, as the integration user. */
@Command(
        name = "scan",
        header = "Scan pending files, posts and attachments and post verdicts.",
        description =
                "Claims pending Scan_Request__c rows (two workers never scan the same one), downloads the content, runs the"
                        + " detectors (EICAR, SHA-256 blocklist, card numbers, US SSNs, AWS keys, private keys), posts QUARANTINE verdicts"
                        + " 200 a call and closes clean requests. --once runs one pass; otherwise it runs until stopped. Exit 68 when"
                        + " some requests failed or it stopped to keep the API reserve (the rest resumes on the next run).",
        footer = {
            "%nEXAMPLES",
            "  warden scan --target-org my-sandbox --once --json",
            "  warden scan --target-org prod --blocklist known-bad.sha256"
        })
public final class ScanCommand extends WithNamespace {
    @Option(names = "--once", order = 3, description = "One pass, then exit.")
    boolean once;

    @Option(
            names = "--blocklist",
            paramLabel = "FILE",
            order = 4,
            description = "SHA-256 blocklist: one hex hash a line, # comments.")
    Path blocklist;

    @Option(
            names = "--max-per-pass",
            paramLabel = "N",
            defaultValue = "2000",
            order = 5,
            description = "Requests claimed per pass.")
    int maxPerPass;

    @Option(
            names = "--max-attempts",
            paramLabel = "N",
            defaultValue = "5",
            order = 6,
            description = "Claims before a request is marked Failed.")
    int maxAttempts;

    @Option(
            names = "--stale-after-seconds",
            paramLabel = "S",
            defaultValue = "600",
            order = 7,
            description = "Reclaim Scanning rows whose claim is older than this (their worker died).")
    long staleAfterSeconds;

    @Option(
            names = "--claim-window-ms",
            paramLabel = "MS",
            defaultValue = "2000",
            order = 8,
            description =
                    "A claim counts only if re-reading and claiming 25 rows took less than this (raise it for slow orgs).")
    long claimWindowMillis;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "16",
            order = 9,
            description =
                    "Downloads and detectors in flight at once, 1-25 (default ${DEFAULT-VALUE}: under Salesforce's 25 concurrent"
                            + " long-running requests).")
    int concurrency;

    @Option(
            names = "--dry-run",
            order = 10,
            description = "Show what a pass would claim; claim, download and post nothing.")
    boolean dryRun;

    @Override
    protected void run(Context ctx) throws Exception {
        ScanOptions d = ScanOptions.defaults();
        ScanOptions options;
        try {
            options = new ScanOptions(
                    maxPerPass,
                    maxAttempts,
                    Duration.ofSeconds(staleAfterSeconds),
                    Duration.ofMillis(claimWindowMillis),
                    d.retryBase(),
                    d.callRetries(),
                    d.callRetryBase(),
                    d.pollInterval(),
                    concurrency);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Detectors detectors = Detectors.standard(blocklist == null ? null : loadBlocklist(blocklist));
        Blueprint b = loadBlueprint(ctx);
        Namespace ns = namespace(ctx);
        QuarantineApi api = SmokeCommand.scannerOrNull(ctx, b, ns);
        if (api == null) {
            api = NamespacedQuarantineApi.wrap(new QuarantineConnections(ctx.org()).admin(), ns);
        }
        if (dryRun) {
            List<ScanRequest> rows = api
                    .query("SELECT " + ScanRequest.FIELDS + " FROM " + ScanRequest.OBJECT
                            + " WHERE Status__c IN ('Pending','Scanning') ORDER BY CreatedDate LIMIT " + maxPerPass)
                    .stream()
                    .map(ScanRequest::fromRow)
                    .toList();
            ClaimPlanner.Plan plan = new ClaimPlanner(options).plan(rows, api.serverNow());
            ctx.report()
                    .section(new Report.Section(
                            "scan",
                            "Scan (dry run: nothing changed)",
                            true,
                            List.of("would claim " + plan.claim().size() + ", give up on "
                                    + plan.giveUp().size() + ", leave "
                                    + plan.later().size() + " for later (backoff)"),
                            Map.of(
                                    "wouldClaim",
                                    plan.claim().size(),
                                    "wouldGiveUp",
                                    plan.giveUp().size(),
                                    "later",
                                    plan.later().size()),
                            null));
            return;
        }
        ScanWorker worker = new ScanWorker(api, detectors, options, ScanWorker.Sleeper.real(), ctx.progress());
        PassReport report;
        long started = System.nanoTime();
        if (once) {
            report = worker.runOnce(ScanWorker.Scope.all());
        } else {
            AtomicBoolean running = new AtomicBoolean(true);
            Thread main = Thread.currentThread();
            AtomicBoolean finished = new AtomicBoolean(false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.set(false);
                if (!finished.get()) {
                    main.interrupt();
                    try {
                        main.join(15_000);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            report = worker.runUntil(running::get);
            finished.set(true);
        }
        ctx.report().section(section(report, (System.nanoTime() - started) / 1_000_000));
        boolean partial = report.stoppedForReserve() || report.failed() > 0 || report.gaveUp() > 0;
        if (partial) {
            ctx.report()
                    .fail(
                            report.stoppedForReserve() ? "ApiReserveReached" : "ScanIncomplete",
                            String.join("; ", report.errors()),
                            68);
        }
    }

    private static Sha256Blocklist loadBlocklist(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--blocklist " + file + ": no such file");
        }
        try {
            return Sha256Blocklist.load(file);
        } catch (IOException e) {
            throw new BadInputException("--blocklist " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static Report.Section section(PassReport r) {
        return section(r, -1);
    }

    /** The pass as a report section; with the wall time, also files per second and API calls per file. */
    static Report.Section section(PassReport r, long wallMillis) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "%d candidate(s), %d claimed (%d taken by other workers), %d scanned, %d clean, %d quarantined,"
                        + " %d failed, %d given up",
                r.candidates(),
                r.claimed(),
                r.lostClaims(),
                r.scanned(),
                r.clean(),
                r.quarantined(),
                r.failed(),
                r.gaveUp()));
        lines.add(String.format(
                "%d verdict call(s), %d API call(s)%s",
                r.verdictCalls(), r.apiCalls(), r.stoppedForReserve() ? "; stopped to keep the API reserve" : ""));
        Map<String, Object> data = new LinkedHashMap<>();
        if (wallMillis >= 0 && r.scanned() > 0) {
            double perSecond = r.scanned() * 1000.0 / Math.max(1, wallMillis);
            double callsPerFile = (double) r.apiCalls() / r.scanned();
            lines.add(String.format(
                    java.util.Locale.ROOT,
                    "%d file(s) in %.1f s: %.1f files/s, %.3f API calls per file",
                    r.scanned(),
                    wallMillis / 1000.0,
                    perSecond,
                    callsPerFile));
            data.put("wallMillis", wallMillis);
            data.put("filesPerSecond", Math.round(perSecond * 10) / 10.0);
            data.put("apiCallsPerFile", Math.round(callsPerFile * 1000) / 1000.0);
        }
        r.errors().forEach(e -> lines.add("error: " + e));
        data.put("pass", r);
        return new Report.Section("scan", "Scan", r.errors().isEmpty(), lines, data, null);
    }
}
