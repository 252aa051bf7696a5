package dev.warden.runner.quarantine;

import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.scan.ScanOptions;
import dev.warden.runner.quarantine.scan.ScanWorker;
import dev.warden.runner.quarantine.smoke.SmokeFlow;
import dev.warden.runner.quarantine.smoke.SmokeJUnitXml;
import dev.warden.runner.quarantine.smoke.SmokeReport;
import dev.warden.runner.quarantine.smoke.SmokeStep;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden smoke}: the quarantine flow end to end, cleaning up after itself. */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = "Upload an EICAR file and a DLP post, scan, quarantine, restore, verify bytes, clean up.")
public final class SmokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--instance-url", description = "Org URL; tokens come from WARDEN_ADMIN_ACCESS_TOKEN/SF_ACCESS_TOKEN and"
            + " WARDEN_INTEGRATION_ACCESS_TOKEN.")
    String instanceUrl;

    @Option(names = "--api-version", defaultValue = "62.0")
    String apiVersion;

    @Option(names = "--timeout-seconds", defaultValue = "60", description = "How long to wait for the scan requests.")
    long timeoutSeconds;

    @Option(names = "--junit", description = "Write the steps as JUnit XML to this file.")
    Path junit;

    @Option(names = "--dry-run", description = "List the steps; create nothing.")
    boolean dryRun;

    @Option(names = "--json")
    boolean json;

    Map<String, String> env = System.getenv();

    static final List<String> STEPS = List.of("upload-infected-file", "post-dlp-feed-item", "wait-for-scan-requests",
            "scan-and-post-verdicts", "assert-quarantine-items", "assert-originals-replaced", "assert-admin-only-visibility",
            "restore", "assert-restored-byte-for-byte", "cleanup");

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OrgConnection org;
        try {
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout-seconds must be positive, got " + timeoutSeconds);
            }
            if (junit != null && junit.getParent() != null && !Files.isDirectory(junit.getParent())) {
                throw new IllegalArgumentException("--junit " + junit + ": directory " + junit.getParent() + " does not exist");
            }
            org = OrgConnection.fromEnvironment(instanceUrl, apiVersion, env);
        } catch (IllegalArgumentException e) {
            return QuarantineCli.badInput(out, err, json, e.getMessage());
        }
        if (dryRun) {
            if (json) {
                out.println(Envelope.of(0, Map.of("dryRun", true, "steps", STEPS), List.of(), null, null));
            } else {
                out.println("smoke --dry-run: would run " + String.join(", ", STEPS) + " (nothing created)");
            }
            return 0;
        }
        List<String> warnings = new ArrayList<>();
        if (!org.hasIntegrationUser()) {
            warnings.add("No WARDEN_INTEGRATION_ACCESS_TOKEN: the scanner runs as the admin-side identity and the"
                    + " admin-only visibility check is skipped.");
        }
        return QuarantineCli.guarded(out, err, json, warnings, () -> {
            QuarantineApi admin = org.admin(0.9);
            QuarantineApi scanner = org.hasIntegrationUser() ? org.scanner(0.9) : admin;
            SmokeReport report = new SmokeFlow(admin, scanner, !org.hasIntegrationUser(), ScanOptions.defaults(), ScanWorker.Sleeper.real(),
                    Duration.ofSeconds(timeoutSeconds), m -> err.println("warden smoke: " + m)).run();
            if (junit != null) {
                Files.writeString(junit, SmokeJUnitXml.render(report), StandardCharsets.UTF_8);
            }
            int status = report.passed() ? 0 : 1;
            if (json) {
                out.println(Envelope.of(status, report, warnings, report.passed() ? null : "SmokeFailed",
                        report.passed() ? null : firstFailure(report)));
            } else {
                warnings.forEach(w -> err.println("warning: " + w));
                for (SmokeStep s : report.steps()) {
                    out.printf("%-7s %-30s %s [%d API call(s): %s]%n", s.status(), s.name(), s.detail(), s.apiCalls(),
                            String.join(", ", s.apis()));
                }
                out.printf("smoke %s: %d API call(s), %.1f s%n", report.passed() ? "passed" : "FAILED", report.apiCalls(),
                        report.wallMillis() / 1000.0);
            }
            return status;
        });
    }

    private static String firstFailure(SmokeReport r) {
        return r.steps().stream().filter(SmokeStep::failed).map(s -> s.name() + ": " + s.detail()).findFirst().orElse("");
    }

}
