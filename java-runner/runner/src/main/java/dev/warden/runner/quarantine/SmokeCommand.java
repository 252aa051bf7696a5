package dev.warden.runner.quarantine;

import dev.warden.runner.blueprint.Blueprint;

import dev.warden.runner.cli.BadInputException;
import dev.warden.runner.cli.Commands;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden smoke}: the quarantine flow end to end on a deployed and provisioned org, cleaning up after itself. */
@Command(name = "smoke", header = "Prove the quarantine flow end to end.",
        description = "As the admin: upload an EICAR test file and a post with a test card number. As the integration user (JWT):"
                + " wait for the scan requests, scan, post verdicts. Then check the quarantine (items, tombstones, admin-only),"
                + " restore, compare the bytes, and delete everything it created. One check per step; --junit writes them.",
        footer = {"%nEXAMPLES", "  warden smoke --target-org my-sandbox --junit smoke.xml", "  On the embedded org it runs inside:%n    warden up"})
public final class SmokeCommand extends Commands.WithBlueprint {
    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "60", order = 3,
            description = "How long to wait for the package to queue the scan requests (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--dry-run", order = 4, description = "List the steps; create nothing.")
    boolean dryRun;

    @Option(names = "--allow-production", order = 5,
            description = "Run on a production org too (it writes an EICAR test file and a test card number, then deletes them).")
    boolean allowProduction;

    @Override
    protected void run(Context ctx) throws Exception {
        if (timeoutSeconds < 1) {
            throw new BadInputException("--timeout-seconds must be positive, not " + timeoutSeconds);
        }
        if (dryRun) {
            ctx.report().put("smoke", Map.of("dryRun", true, "steps", SmokeRun.STEPS));
            return;
        }
        if (ctx.org().embedded()) {
            throw new BadInputException("the embedded local org starts empty on every run; `warden up` deploys, provisions"
                    + " and then runs the smoke test on it (or pass --target-org for a deployed org)");
        }
        Blueprint b = loadBlueprint(ctx);
        refuseProduction(ctx, allowProduction, SmokeRun.TEST_DATA);
        SmokeRun.run(ctx, b, Duration.ofSeconds(timeoutSeconds), apiReserve);
    }
}
