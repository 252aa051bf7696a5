package dev.warden.runner.quarantine;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.cli.BaseCommand;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.scan.ScanOptions;
import dev.warden.runner.quarantine.scan.ScanWorker;
import dev.warden.runner.quarantine.smoke.SmokeFlow;
import dev.warden.runner.quarantine.smoke.SmokeReport;
import dev.warden.runner.quarantine.smoke.SmokeStep;
import dev.warden.runner.report.Report;
import dev.warden.runner.verify.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the smoke flow for a command or the {@code up} stage and adds its section (one check per step) to the report. */
final class SmokeRun {
    /** What the smoke test writes, for the production guard's message. */
    static final String TEST_DATA = "synthetic test data (an EICAR test file and a post with a test card number)";
    static final List<String> STEPS = List.of("upload-infected-file", "post-dlp-feed-item", "wait-for-scan-requests",
            "scan-and-post-verdicts", "assert-quarantine-items", "assert-originals-replaced", "assert-admin-only-visibility",
            "restore", "assert-restored-byte-for-byte", "cleanup");

    private SmokeRun() {}

    static SmokeReport run(BaseCommand.Context ctx, Blueprint blueprint, Duration timeout, int reservePercent)
            throws InterruptedException {
        QuarantineApi admin = QuarantineConnections.admin(ctx, reservePercent);
        Optional<QuarantineApi> integration = QuarantineConnections.integration(ctx, blueprint, reservePercent);
        SmokeReport report = new SmokeFlow(admin, integration.orElse(admin), integration.isEmpty(), ScanOptions.defaults(),
                ScanWorker.Sleeper.real(), timeout, ctx.progress()).run();
        ctx.report().section(section(report));
        report.steps().stream().filter(st -> "ERROR".equals(st.status())).findFirst().ifPresent(st ->
                ctx.report().fail("SalesforceError", "smoke step " + st.name() + ": " + st.detail(), 1));
        return report;
    }

    static Report.Section section(SmokeReport r) {
        List<String> lines = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        for (SmokeStep s : r.steps()) {
            lines.add(String.format("%-7s %-30s %s [%d API call(s)%s]", s.status(), s.name(), s.detail(), s.apiCalls(),
                    s.apis().isEmpty() ? "" : ": " + String.join(", ", s.apis())));
            String id = "smoke." + s.name();
            checks.add(switch (s.status()) {
                case "PASSED" -> Check.pass(id, "Smoke: " + s.name(), s.detail());
                case "SKIPPED" -> Check.skip(id, "Smoke: " + s.name(), s.detail());
                case "ERROR" -> Check.skip(id, "Smoke: " + s.name(), "not checked: " + s.detail());
                default -> Check.fail(id, "Smoke: " + s.name(), Check.Severity.HIGH, s.detail(),
                        "See docs/quarantine.md (smoke steps); run `warden verify` to check triggers, permissions and the integration user.",
                        null);
            });
        }
        lines.add(String.format("%d API call(s), %.1f s, scanner identity: %s", r.apiCalls(), r.wallMillis() / 1000.0,
                r.scannerIdentity()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("steps", r.steps());
        data.put("apiCalls", r.apiCalls());
        data.put("wallMillis", r.wallMillis());
        data.put("scannerIdentity", r.scannerIdentity());
        return new Report.Section("smoke", "Smoke test (quarantine flow end to end)", r.passed(), lines, data, checks);
    }
}
