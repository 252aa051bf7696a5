package dev.warden.runner.cli;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.BlueprintLoader;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.salesforce.sfcli.SfDeploy;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commands of the main flow. Each is thin: options, then the flows, then the report. */
public final class Commands {
    private Commands() {}

    static final String BLUEPRINT_HELP = "Blueprint YAML file, or builtin:<name> (default: builtin:warden; built-ins: warden, withsecure-style,"
            + " trendmicro-style, ispm-style, defender-style).";

    static final List<String> TEST_LEVELS = List.of("NoTestRun", "RunSpecifiedTests", "RunLocalTests", "RunAllTestsInOrg");

    /** sf's test levels, checked before anything runs (sf itself would only refuse after the org was resolved). */
    static void checkTestLevel(String level) {
        if (level != null && !TEST_LEVELS.contains(level)) {
            throw new BadInputException("--test-level must be one of " + String.join(", ", TEST_LEVELS) + ", not '" + level + "'");
        }
    }

    /** Options of the commands that read a blueprint. */
    public abstract static class WithBlueprint extends BaseCommand {
        @Option(names = {"-b", "--blueprint"}, paramLabel = "FILE", order = 2, description = BLUEPRINT_HELP)
        protected String blueprint = BlueprintLoader.DEFAULT_BLUEPRINT;

        protected Blueprint loadBlueprint(Context ctx) {
            return ctx.blueprint(blueprint);
        }
    }

    @Command(name = "deploy", header = "Deploy the Warden package (force-app) with the sf CLI.",
            description = "Runs one `sf project deploy start` of force-app against the target org and shows component failures as a"
                    + " table with file:line. With --dry-run, sf validates the deployment without saving it.",
            footer = {"%nEXAMPLES", "  Deploy to the embedded local org:%n    warden deploy",
                    "  Validate against a sandbox, running local tests:%n    warden deploy --target-org my-sandbox --dry-run --test-level RunLocalTests"})
    public static final class Deploy extends BaseCommand {
        @Option(names = {"-l", "--test-level"}, paramLabel = "LEVEL", order = 3,
                description = "NoTestRun, RunSpecifiedTests, RunLocalTests or RunAllTestsInOrg (default: sf's).")
        String testLevel;

        @Option(names = "--dry-run", order = 4, description = "Validate only; change nothing.")
        boolean dryRun;

        @Override
        protected void run(Context ctx) {
            checkTestLevel(testLevel);
            var flows = ctx.flows();
            var outcome = flows.deploy(ctx.report(), testLevel, dryRun);
            if (!dryRun) {
                flows.recordDeploy(outcome);
            }
        }
    }

    @Command(name = "plan", header = "Show what provision would change, and why.",
            description = "Reads the org and prints the ordered steps from its current state to the blueprint: each with the reason"
                    + " and the vendor-guide step it automates. Changes nothing.",
            footer = {"%nEXAMPLES", "  warden plan", "  warden plan --target-org prod --blueprint builtin:ispm-style --json"})
    public static final class PlanCommand extends WithBlueprint {
        @Override
        protected void run(Context ctx) {
            Blueprint b = loadBlueprint(ctx);
            var flows = ctx.flows();
            flows.plan(b, flows.observe(b, ctx.report()), true, ctx.report(), true);
        }
    }

    @Command(name = "provision", header = "Create and configure the integration user from a blueprint.",
            description = "Plans, then applies with a journal in .warden/: user, permission set licenses before permission sets, the"
                    + " app's OAuth settings (certificate from a key pair made for this org), trusted IP ranges merged, the license"
                    + " switch with a snapshot restored on failure, the temporary approval permission set removed. Re-running a"
                    + " finished provision makes no writes.",
            footer = {"%nEXAMPLES", "  warden provision --dry-run", "  warden provision --target-org my-sandbox",
                    "  Continue after an interrupted license switch:%n    warden provision --resume"})
    public static final class Provision extends WithBlueprint {
        @Option(names = "--dry-run", order = 4, description = "Print the plan; change nothing.")
        boolean dryRun;

        @Option(names = "--resume", order = 5, description = "Continue from the journal of an unfinished run (uses its snapshot).")
        boolean resume;

        @Override
        protected void run(Context ctx) {
            Blueprint b = loadBlueprint(ctx);
            ctx.flows().provision(b, dryRun, resume, ctx.report());
        }
    }

    @Command(name = "verify", header = "Check the integration identity against the blueprint.",
            description = "Logs in as the integration user by JWT bearer, then checks license, profile, permission sets (missing,"
                    + " excess, dangerous), the app's pre-authorization, scopes, IP and refresh-token policies, trusted ranges, package"
                    + " triggers and the API budget. Exit 3 when a check fails; each failure names the symptom it explains.",
            footer = {"%nEXAMPLES", "  warden verify", "  warden verify --target-org prod --junit target/warden-verify.xml"})
    public static final class Verify extends WithBlueprint {
        @Option(names = "--sf-alias", paramLabel = "ALIAS", order = 5,
                description = "After a passing JWT login, also log sf in as the integration user under ALIAS (sf org login jwt), for"
                        + " running sf commands as the scanner.")
        String sfAlias;

        @Override
        protected void run(Context ctx) {
            Blueprint b = loadBlueprint(ctx);
            var checks = ctx.flows().verify(b, null, ctx.report());
            if (sfAlias != null) {
                boolean loggedIn = checks.stream().anyMatch(c -> c.id().equals("jwt.login") && c.status() == dev.warden.runner.verify.Check.Status.PASS);
                if (!loggedIn) {
                    ctx.report().warn("sf was not logged in as the integration user: jwt.login did not pass");
                    return;
                }
                var org = ctx.org();
                var km = dev.warden.runner.keys.OrgKeys.fromEnvironment().load(org.orgId()).orElseThrow();
                String sfHomeTarget = org.sfTarget();
                ctx.progress().accept("logging sf in as the integration user (alias " + sfAlias + ", next to " + sfHomeTarget + ")");
                new dev.warden.runner.salesforce.sfcli.SfOrgs(org.sf()).loginJwt(b.usernameFor(org.orgId()), km.privateKeyFile(), km.consumerKey(),
                        org.session().instanceUrl(), sfAlias);
                ctx.report().put("sfAlias", sfAlias + " = " + b.usernameFor(org.orgId()));
            }
        }
    }

    @Command(name = "up", header = "Deploy, provision, verify and smoke-test in one go.",
            description = "deploy + provision + verify + smoke (the quarantine flow end to end as the integration user), one report."
                    + " A second run on the same org changes nothing and says so.",
            footer = {"%nEXAMPLES", "  On the embedded local org:%n    warden up", "  On a sandbox, as JSON:%n    warden up --target-org my-sandbox --json"})
    public static final class Up extends WithBlueprint {
        @Option(names = {"-l", "--test-level"}, paramLabel = "LEVEL", order = 3, description = "Test level for the deploy (default: sf's).")
        String testLevel;

        @Option(names = "--dry-run", order = 4, description = "Validate the deploy and print the plan; change nothing.")
        boolean dryRun;

        @Option(names = "--skip-deploy", order = 5, description = "Assume the package is already deployed.")
        boolean skipDeploy;

        @Option(names = "--skip-smoke", order = 6, description = "Do not run the quarantine smoke test after verify.")
        boolean skipSmoke;

        @Option(names = "--force-deploy", order = 7,
                description = "Deploy even when force-app is unchanged since the last deploy to this org and the package is there.")
        boolean forceDeploy;

        @Option(names = "--allow-production", order = 8,
                description = "Run the smoke test on a production org too (it writes an EICAR test file and a test card number, then deletes them).")
        boolean allowProduction;

        @Override
        protected void run(Context ctx) throws Exception {
            checkTestLevel(testLevel);
            Blueprint b = loadBlueprint(ctx);
            if (!skipSmoke && !dryRun) {
                refuseProduction(ctx, allowProduction, "the smoke test's data (an EICAR test file and a test card number; pass --skip-smoke to"
                        + " leave it out)");
            }
            var flows = ctx.flows();
            if (!skipDeploy) {
                SfDeploy.Outcome d = dryRun || forceDeploy || testLevel != null ? flows.deploy(ctx.report(), testLevel, dryRun)
                        : flows.deployIfChanged(b, ctx.report(), testLevel);
                if (!d.success()) {
                    return;
                }
            }
            if (dryRun) {
                flows.plan(b, flows.observe(b, ctx.report()), false, ctx.report(), true);
                return;
            }
            Observed after = flows.provision(b, false, false, ctx.report());
            var checks = flows.verify(b, after, ctx.report());
            if (!skipSmoke) {
                boolean loggedIn = checks.stream().anyMatch(c -> c.id().equals("jwt.login") && c.status() == dev.warden.runner.verify.Check.Status.PASS);
                if (!loggedIn) {
                    ctx.report().warn("smoke test not run: it needs the integration user's JWT login (jwt.login did not pass)");
                } else {
                    for (UpStage stage : ServiceLoader.load(UpStage.class)) {
                        ctx.progress().accept("stage " + stage.id());
                        stage.run(ctx, b);
                    }
                }
            }
        }
    }

    /** Stages `up` runs after verify (the smoke test); registered through META-INF/services. */
    public interface UpStage {
        String id();

        /** Adds a {@link dev.warden.runner.report.Report.Section} to {@code ctx.report()}; throws to fail the run. */
        void run(BaseCommand.Context ctx, Blueprint blueprint) throws Exception;
    }

    static List<Object> builtIn() {
        return List.of(new Up(), new Deploy(), new Provision(), new PlanCommand(), new Verify(), new Doctor(), new LocalOrgCommand(), new AuditCommand());
    }
}
