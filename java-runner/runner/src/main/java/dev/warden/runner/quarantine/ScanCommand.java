package dev.warden.runner.quarantine;

import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.detect.Detectors;
import dev.warden.runner.quarantine.detect.Sha256Blocklist;
import dev.warden.runner.quarantine.scan.ClaimPlanner;
import dev.warden.runner.quarantine.scan.PassReport;
import dev.warden.runner.quarantine.scan.ScanOptions;
import dev.warden.runner.quarantine.scan.ScanRequest;
import dev.warden.runner.quarantine.scan.ScanWorker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden scan}: the reference scanner worker. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan pending Scan_Request__c rows and post verdicts (--once for one pass, else until stopped).")
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--instance-url", description = "Org URL; tokens come from WARDEN_INTEGRATION_ACCESS_TOKEN / SF_ACCESS_TOKEN.")
    String instanceUrl;

    @Option(names = "--api-version", defaultValue = "62.0")
    String apiVersion;

    @Option(names = "--once", description = "One pass, then exit.")
    boolean once;

    @Option(names = "--blocklist", description = "SHA-256 blocklist file (one hash a line).")
    Path blocklist;

    @Option(names = "--max-per-pass", defaultValue = "2000")
    int maxPerPass;

    @Option(names = "--max-attempts", defaultValue = "5")
    int maxAttempts;

    @Option(names = "--stale-after-seconds", defaultValue = "600",
            description = "Reclaim Scanning rows whose claim is older than this (their worker died).")
    long staleAfterSeconds;

    @Option(names = "--claim-window-ms", defaultValue = "2000",
            description = "A claim counts only if re-reading and claiming a batch of 25 took less than this (raise it for slow orgs).")
    long claimWindowMillis;

    @Option(names = "--api-reserve-percent", defaultValue = "90",
            description = "Stop before daily API usage would pass this percentage of the limit.")
    int reservePercent;

    @Option(names = "--dry-run", description = "Show what a pass would claim; claim, download and post nothing.")
    boolean dryRun;

    @Option(names = "--json")
    boolean json;

    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanOptions options;
        Detectors detectors;
        OrgConnection org;
        try {
            if (reservePercent < 1 || reservePercent > 100) {
                throw new IllegalArgumentException("--api-reserve-percent must be 1..100, got " + reservePercent);
            }
            ScanOptions d = ScanOptions.defaults();
            options = new ScanOptions(maxPerPass, maxAttempts, Duration.ofSeconds(staleAfterSeconds), Duration.ofMillis(claimWindowMillis),
                    d.retryBase(), d.callRetries(), d.callRetryBase(), d.pollInterval());
            detectors = Detectors.standard(blocklist == null ? null : Sha256Blocklist.load(blocklist));
            org = OrgConnection.fromEnvironment(instanceUrl, apiVersion, env);
        } catch (NoSuchFileException e) {
            return QuarantineCli.badInput(out, err, json, "--blocklist " + e.getFile() + ": no such file");
        } catch (IOException e) {
            return QuarantineCli.badInput(out, err, json, "--blocklist " + blocklist + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return QuarantineCli.badInput(out, err, json, e.getMessage());
        }
        QuarantineApi api = org.scanner(reservePercent / 100.0);
        List<String> warnings = new ArrayList<>();
        if (!org.hasIntegrationUser()) {
            warnings.add("Scanning as the admin-side identity: set WARDEN_INTEGRATION_ACCESS_TOKEN to scan as the integration user.");
        }
        return QuarantineCli.guarded(out, err, json, warnings, () -> {
            if (dryRun) {
                return dryRun(api, options, out, warnings);
            }
            ScanWorker worker = new ScanWorker(api, detectors, options, ScanWorker.Sleeper.real(), m -> err.println("warden scan: " + m));
            PassReport report;
            if (once) {
                report = worker.runOnce(ScanWorker.Scope.all());
            } else {
                AtomicBoolean running = new AtomicBoolean(true);
                Thread main = Thread.currentThread();
                Thread hook = new Thread(() -> {
                    running.set(false);
                    main.interrupt();
                });
                Runtime.getRuntime().addShutdownHook(hook);
                report = worker.runUntil(running::get);
            }
            int status = report.stoppedForReserve() || report.failed() > 0 || report.gaveUp() > 0 ? 68 : 0;
            if (report.errors().stream().anyMatch(e -> e.contains("Verdict call failed")) && report.quarantined() == 0
                    && report.claimed() > 0) {
                status = 1;
            }
            if (json) {
                out.println(Envelope.of(status, report, warnings, status == 0 ? null : "ScanIncomplete",
                        status == 0 ? null : String.join("; ", report.errors())));
            } else {
                warnings.forEach(w -> err.println("warning: " + w));
                out.printf("scan: %d candidate(s), %d claimed (%d taken by other workers), %d scanned, %d clean, %d quarantined,"
                        + " %d failed, %d given up; %d verdict call(s), %d API call(s)%s%n", report.candidates(), report.claimed(),
                        report.lostClaims(), report.scanned(), report.clean(), report.quarantined(), report.failed(),
                        report.gaveUp(), report.verdictCalls(), report.apiCalls(),
                        report.stoppedForReserve() ? " — stopped to keep the API reserve" : "");
                report.errors().forEach(e -> out.println("  " + e));
            }
            return status;
        });
    }

    private int dryRun(QuarantineApi api, ScanOptions options, PrintWriter out, List<String> warnings) {
        List<ScanRequest> rows = api.query("SELECT " + ScanRequest.FIELDS + " FROM " + ScanRequest.OBJECT
                + " WHERE Status__c IN ('Pending','Scanning') ORDER BY CreatedDate LIMIT " + options.maxPerPass())
                .stream().map(ScanRequest::fromRow).toList();
        ClaimPlanner.Plan plan = new ClaimPlanner(options).plan(rows, api.serverNow());
        Map<String, Object> result = Map.of("dryRun", true, "wouldClaim", plan.claim().size(), "wouldGiveUp", plan.giveUp().size(),
                "later", plan.later().size(), "apiCalls", api.callCount());
        if (json) {
            out.println(Envelope.of(0, result, warnings, null, null));
        } else {
            out.printf("scan --dry-run: would claim %d, give up on %d, leave %d for later (nothing changed)%n",
                    plan.claim().size(), plan.giveUp().size(), plan.later().size());
        }
        return 0;
    }
}
