package dev.warden.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.runner.connect.OrgConnection;
import dev.warden.runner.salesforce.sfcli.SfCli;
import dev.warden.runner.salesforce.sfcli.SfCliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code warden scratch}: a scratch org from a Dev Hub (a real one through sf, or the embedded local org), {@code up}
 * on it, and with {@code --delete-after} the org deleted again whatever {@code up} did: the CI job's one command.
 */
@Command(
        name = "scratch",
        header = "Create a scratch org, run up on it, and optionally delete it (for CI).",
        description =
                "Creates a scratch org with `sf org create scratch` from the Dev Hub (--target-dev-hub, an sf alias; without it"
                        + " the embedded local org is the hub), runs the whole `up` on it (deploy, provision, verify, smoke), and with"
                        + " --delete-after deletes it with `sf org delete scratch`, also when up failed. A scratch org of the embedded hub"
                        + " lives only as long as this run.",
        footer = {
            "%nEXAMPLES",
            "  On the embedded local Dev Hub:%n    warden scratch --delete-after",
            "  On a real Dev Hub in CI:%n    warden scratch --target-dev-hub devhub --alias ci-$BUILD --delete-after --json"
        })
public final class ScratchCommand extends Commands.WithBlueprint {
    static final String DEFAULT_DEFINITION = "config/project-scratch-def.json";

    @Option(
            names = {"-f", "--definition"},
            paramLabel = "FILE",
            order = 3,
            description = "Scratch org definition (default: " + DEFAULT_DEFINITION + " of the project).")
    Path definition;

    @Option(
            names = {"-a", "--alias"},
            paramLabel = "ALIAS",
            order = 4,
            description = "sf alias of the new org (default: warden-scratch).")
    String alias = "warden-scratch";

    @Option(
            names = {"-v", "--target-dev-hub"},
            paramLabel = "HUB",
            order = 5,
            description = "Dev Hub alias or username known to sf, or 'local' (default) for the embedded local org.")
    String devHub;

    @Option(
            names = "--duration-days",
            paramLabel = "DAYS",
            order = 6,
            defaultValue = "1",
            description = "Days until the scratch org expires, 1-30 (default: ${DEFAULT-VALUE}).")
    int durationDays;

    @Option(
            names = "--delete-after",
            order = 7,
            description = "Delete the scratch org at the end, also when up failed.")
    boolean deleteAfter;

    @Option(names = "--skip-smoke", order = 8, description = "Do not run the quarantine smoke test after verify.")
    boolean skipSmoke;

    @Option(
            names = "--dry-run",
            order = 9,
            description = "Check the definition and print what would run; create nothing, call no org.")
    boolean dryRun;

    @Override
    protected void run(Context ctx) throws Exception {
        if (targetOrg != null) {
            throw new BadInputException(
                    "scratch creates its own target org: pass the Dev Hub with --target-dev-hub, not --target-org");
        }
        if (durationDays < 1 || durationDays > 30) {
            throw new BadInputException("--duration-days must be between 1 and 30, not " + durationDays);
        }
        Path def =
                definition != null ? definition.toAbsolutePath() : projectDir().resolve(DEFAULT_DEFINITION);
        checkDefinition(def);
        loadBlueprint(ctx); // a blueprint that does not load is exit 2 before any org exists
        boolean localHub = devHub == null || OrgConnection.LOCAL.equals(devHub);
        Map<String, Object> scratch = new LinkedHashMap<>();
        scratch.put("devHub", localHub ? "local (embedded)" : devHub);
        scratch.put("definition", def.toString());
        scratch.put("alias", alias);
        scratch.put("deleteAfter", deleteAfter);
        ctx.report().put("scratch", scratch);
        if (dryRun) {
            scratch.put(
                    "wouldRun",
                    List.of(
                            "sf org create scratch --definition-file " + def + " --target-dev-hub "
                                    + (localHub ? OrgConnection.LOCAL_ALIAS : devHub) + " --alias " + alias,
                            "warden up --target-org " + alias + (skipSmoke ? " --skip-smoke" : ""),
                            deleteAfter ? "sf org delete scratch --target-org " + alias : "(org kept)"));
            return;
        }

        DevHub onHub = ctx.devHub(localHub ? OrgConnection.LOCAL : devHub);
        SfCli sf = onHub.sf();
        String hub = onHub.target();
        ctx.progress().accept("creating a scratch org on Dev Hub " + hub + " from " + def);
        long started = System.nanoTime();
        JsonNode created = sf.run(
                "create a scratch org on " + hub,
                Duration.ofMinutes(20),
                List.of(
                        "org",
                        "create",
                        "scratch",
                        "--definition-file",
                        def.toString(),
                        "--target-dev-hub",
                        hub,
                        "--alias",
                        alias,
                        "--duration-days",
                        String.valueOf(durationDays),
                        "--wait",
                        "15"));
        scratch.put("username", created.path("username").asText(null));
        scratch.put("orgId", created.path("orgId").asText(null));
        scratch.put(
                "scratchOrgInfoId", created.path("scratchOrgInfo").path("Id").asText(null));
        scratch.put("createMillis", (System.nanoTime() - started) / 1_000_000);
        Throwable upFailure = null;
        try {
            ctx.switchTo(alias, sf);
            Commands.Up up = new Commands.Up();
            up.blueprint = blueprint;
            up.skipSmoke = skipSmoke;
            up.run(ctx);
        } catch (Exception | Error e) {
            upFailure = e;
            throw e;
        } finally {
            if (deleteAfter) {
                delete(ctx, sf, scratch, upFailure == null);
            } else {
                scratch.put("deleted", false);
            }
        }
    }

    /** Deletes the org; a failed delete after a passing up is partial success (68), never silent. */
    private void delete(Context ctx, SfCli sf, Map<String, Object> scratch, boolean upPassed) {
        ctx.progress().accept("deleting scratch org " + alias);
        try {
            sf.run(
                    "delete scratch org " + alias,
                    Duration.ofMinutes(5),
                    List.of("org", "delete", "scratch", "--target-org", alias, "--no-prompt"));
            scratch.put("deleted", true);
        } catch (SfCliException e) {
            scratch.put("deleted", false);
            String msg = "scratch org " + alias + " was not deleted: " + e.getMessage()
                    + " (delete it with sf org delete scratch --target-org " + alias + " --no-prompt)";
            ctx.report().warn(msg);
            if (upPassed && ctx.report().exitCode() == 0) {
                ctx.report().fail("ScratchOrgNotDeleted", msg, 68);
            }
        }
    }

    /** A definition that sf would refuse only after the hub call is refused here: missing, unreadable, not an object. */
    static void checkDefinition(Path def) {
        if (!Files.isRegularFile(def)) {
            throw new BadInputException("--definition " + def + ": no such file");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(def.toFile());
        } catch (IOException e) {
            throw new BadInputException("--definition " + def + ": not JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (json == null || !json.isObject()) {
            throw new BadInputException("--definition " + def + ": not a JSON object");
        }
        if (!json.hasNonNull("edition")) {
            throw new BadInputException("--definition " + def
                    + ": no \"edition\" (sf sends it as ScratchOrgInfo.Edition, which Salesforce requires)");
        }
    }
}
