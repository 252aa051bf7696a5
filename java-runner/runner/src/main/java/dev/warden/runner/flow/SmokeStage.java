package dev.warden.runner.flow;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.cli.OrgConnection;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.quarantine.scan.ScanOptions;
import dev.warden.runner.quarantine.scan.ScanWorker;
import dev.warden.runner.quarantine.smoke.SmokeFlow;
import dev.warden.runner.quarantine.smoke.SmokeReport;
import dev.warden.runner.quarantine.smoke.SmokeStep;
import dev.warden.runner.report.Report;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.auth.JwtBearer;
import dev.warden.runner.verify.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The smoke stage of {@code up}: the quarantine flow end to end (the quarantine package's SmokeFlow), with the
 * scanner logged in as the integration user by JWT, exactly as the real scanner would be. Each smoke step becomes a
 * check {@code smoke.<step>} in the report (and a test case in JUnit).
 */
public final class SmokeStage {
    private final OrgConnection org;
    private final OrgKeys keys;
    private final Consumer<String> progress;

    public SmokeStage(OrgConnection org, OrgKeys keys, Consumer<String> progress) {
        this.org = org;
        this.keys = keys;
        this.progress = progress;
    }

    public void run(Blueprint b, Report report) throws InterruptedException {
        String username = b.usernameFor(org.orgId());
        Session scanner;
        try {
            scanner = org.loginAs(username, keys);
        } catch (JwtBearer.JwtLoginException | IllegalStateException e) {
            report.section(new Report.Section("smoke", "Smoke test", false,
                    List.of("not run: the scanner could not log in as " + username + " by JWT (" + e.getMessage() + "); see jwt.login"),
                    Map.of(), List.of(Check.fail("smoke.login", "Scanner logs in as the integration user", Check.Severity.HIGH,
                            e.getMessage(), "fix the jwt.login check first", null))));
            return;
        }
        progress.accept("smoke: quarantine flow end to end as " + username);
        var connection = new dev.warden.runner.quarantine.OrgConnection(org.session().instanceUrl(), "62.0", org.session().accessToken(),
                scanner.accessToken());
        SmokeReport r = new SmokeFlow(connection.admin(0.9), connection.scanner(0.9), false, ScanOptions.defaults(), ScanWorker.Sleeper.real(),
                Duration.ofSeconds(60), m -> progress.accept("smoke: " + m)).run();
        List<Check> checks = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (SmokeStep s : r.steps()) {
            String id = "smoke." + s.name();
            String title = "Smoke: " + s.name().replace('-', ' ');
            checks.add(s.failed() ? Check.fail(id, title, Check.Severity.HIGH, s.detail(), "see docs/runner.md (smoke) and the scan/quarantine logs", null)
                    : "SKIPPED".equals(s.status()) ? Check.skip(id, title, s.detail()) : Check.pass(id, title, s.detail()));
        }
        lines.add(r.steps().size() + " steps, " + r.apiCalls() + " API call(s), " + String.format("%.1f s", r.wallMillis() / 1000.0)
                + ", scanner " + r.scannerIdentity());
        report.section(new Report.Section("smoke", "Smoke test", r.passed(), lines, Map.of("apiCalls", r.apiCalls(), "wallMillis", r.wallMillis()), checks));
    }
}
