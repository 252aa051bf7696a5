package dev.warden.runner.cli;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.Namespace;
import dev.warden.runner.flow.QuarantineConnections;
import dev.warden.runner.flow.Smoke;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.quarantine.api.NamespacedQuarantineApi;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.smoke.SmokeReport;
import dev.warden.runner.quarantine.smoke.SmokeStep;
import dev.warden.runner.report.Report;
import dev.warden.runner.verify.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden smoke}: the quarantine flow end to end on a deployed and provisioned org, cleaning up after itself. */
@Command(
        name = "smoke",
        header = "Prove the quarantine flow end to end.",
        description =
                "As the admin: upload an EICAR test file and a post with a test card number. As the integration user (JWT):"
                        + " wait for the scan requests, scan, post verdicts. Then check the quarantine (items, tombstones, admin-only),"
                        + " restore, compare the bytes, and delete everything it created. One check per step; --junit writes them.",
        footer = {
            "%nEXAMPLES",
            "  warden smoke --target-org my-sandbox --junit smoke.xml",
            "  On the embedded org (persisted between runs by scripts/warden, after warden up):%n    warden smoke"
        })
public final class SmokeCommand extends WithNamespace {
    @Option(
            names = "--timeout-seconds",
            paramLabel = "S",
            defaultValue = "60",
            order = 3,
            description = "How long to wait for the package to queue the scan requests (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--dry-run", order = 4, description = "List the steps; create nothing.")
    boolean dryRun;

    @Option(
            names = "--allow-production",
            order = 5,
            description =
                    "Run on a production org too (it writes an EICAR test file and a test card number, then deletes them).")
    boolean allowProduction;

    @Override
    protected void run(Context ctx) throws Exception {
        if (timeoutSeconds < 1) {
            throw new BadInputException("--timeout-seconds must be positive, not " + timeoutSeconds);
        }
        namespaceOption(); // bad input before the org is opened; looked up below, after the dry run returns
        if (dryRun) {
            ctx.report()
                    .section(new Report.Section(
                            "smoke",
                            "Smoke test (dry run: nothing created)",
                            true,
                            Smoke.STEPS.stream().map(s -> "would run  " + s).toList(),
                            Map.of("dryRun", true, "steps", Smoke.STEPS),
                            null));
            return;
        }
        if (ctx.org().embedded() && !ctx.org().persistent()) {
            throw new BadInputException(
                    "this embedded local org is fresh (WARDEN_LOCAL_ORG_STATE is not set): nothing is deployed"
                            + " in it; run `warden up` (it deploys, provisions, then runs the smoke test), use scripts/warden (it keeps the"
                            + " embedded org between runs), or pass --target-org for a deployed org");
        }
        Blueprint b = loadBlueprint(ctx);
        Namespace ns = namespace(ctx);
        refuseProduction(ctx, allowProduction, Smoke.TEST_DATA);
        QuarantineApi admin = NamespacedQuarantineApi.wrap(new QuarantineConnections(ctx.org()).admin(), ns);
        report(ctx, Smoke.run(admin, scannerOrNull(ctx, b, ns), Duration.ofSeconds(timeoutSeconds), ctx.progress()));
    }

    /**
     * The integration user by JWT, in the package's namespace, or null (with a warning) when this machine has no key
     * for the org.
     */
    static QuarantineApi scannerOrNull(Context ctx, Blueprint b, Namespace ns) {
        String username = b.usernameFor(ctx.org().orgId());
        OrgKeys keys = OrgKeys.fromEnvironment();
        if (keys.load(ctx.org().orgId()).isEmpty()) {
            ctx.report()
                    .warn("No JWT key for org " + ctx.org().orgId() + " on this machine (run warden provision): the"
                            + " quarantine flow runs as " + ctx.org().session().username() + " instead of " + username);
            return null;
        }
        return NamespacedQuarantineApi.wrap(new QuarantineConnections(ctx.org()).integration(username, keys), ns);
    }

    /** Adds the smoke section (one check per step); a step that kept failing transiently fails the run (exit 1). */
    static void report(Context ctx, SmokeReport smoke) {
        ctx.report().section(section(smoke));
        smoke.steps().forEach(st -> ctx.report().checkMillis("smoke." + st.name(), st.millis()));
        smoke.steps().stream()
                .filter(st -> "ERROR".equals(st.status()))
                .findFirst()
                .ifPresent(
                        st -> ctx.report().fail("SalesforceError", "smoke step " + st.name() + ": " + st.detail(), 1));
    }

    static Report.Section section(SmokeReport r) {
        List<String> lines = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        // Each step is printed once, as its check (with its API calls); the section's lines only sum up.
        for (SmokeStep s : r.steps()) {
            String detail = String.format(
                    "%s [%d API call(s)%s]",
                    s.detail(), s.apiCalls(), s.apis().isEmpty() ? "" : ": " + String.join(", ", s.apis()));
            String id = "smoke." + s.name();
            checks.add(
                    switch (s.status()) {
                        case "PASSED" -> Check.pass(id, "Smoke: " + s.name(), detail);
                        case "SKIPPED" -> Check.skip(id, "Smoke: " + s.name(), detail);
                        case "ERROR" -> Check.skip(id, "Smoke: " + s.name(), "not checked: " + detail);
                        default ->
                            Check.fail(
                                    id,
                                    "Smoke: " + s.name(),
                                    Check.Severity.HIGH,
                                    detail,
                                    "See docs/quarantine.md (smoke steps); run `warden verify` to check triggers, permissions and the integration user.",
                                    null);
                    });
        }
        lines.add(String.format(
                "%d API call(s), %.1f s, scanner identity: %s",
                r.apiCalls(), r.wallMillis() / 1000.0, r.scannerIdentity()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("steps", r.steps());
        data.put("apiCalls", r.apiCalls());
        data.put("wallMillis", r.wallMillis());
        data.put("scannerIdentity", r.scannerIdentity());
        return new Report.Section("smoke", "Smoke test (quarantine flow end to end)", r.passed(), lines, data, checks);
    }
}
