package dev.warden.runner.cli;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.BlueprintLoader;
import dev.warden.runner.blueprint.Namespace;
import dev.warden.runner.flow.Applied;
import dev.warden.runner.flow.DeployOptions;
import dev.warden.runner.flow.Deployed;
import dev.warden.runner.flow.Flows;
import dev.warden.runner.flow.Observation;
import dev.warden.runner.flow.PackageInstall;
import dev.warden.runner.flow.Planned;
import dev.warden.runner.flow.QuarantineConnections;
import dev.warden.runner.flow.Smoke;
import dev.warden.runner.flow.Verified;
import dev.warden.runner.org.WardenNamespace;
import dev.warden.runner.quarantine.api.NamespacedQuarantineApi;
import dev.warden.runner.quarantine.smoke.SmokeReport;
import dev.warden.runner.report.Report;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commands of the main flow. Each is thin: options, then the flows, then the report. */
public final class Commands {
    private Commands() {}

    static final String BLUEPRINT_HELP =
            "Blueprint YAML file, or builtin:<name> (default: builtin:warden; built-ins: warden, withsecure-style,"
                    + " trendmicro-style, ispm-style, defender-style).";

    static final List<String> TEST_LEVELS =
            List.of("NoTestRun", "RunSpecifiedTests", "RunLocalTests", "RunAllTestsInOrg");

    /** sf's test levels, checked before anything runs (sf itself would only refuse after the org was resolved). */
    static void checkTestLevel(String level) {
        if (level != null && !TEST_LEVELS.contains(level)) {
            throw new BadInputException(
                    "--test-level must be one of " + String.join(", ", TEST_LEVELS) + ", not '" + level + "'");
        }
    }

    /** Options of the commands that read a blueprint. */
    public abstract static class WithBlueprint extends BaseCommand {
        @Option(
                names = {"-b", "--blueprint"},
                paramLabel = "FILE",
                order = 2,
                description = BLUEPRINT_HELP)
        protected String blueprint = BlueprintLoader.DEFAULT_BLUEPRINT;

        protected Blueprint loadBlueprint(Context ctx) {
            return ctx.blueprint(blueprint);
        }
    }

    @Command(
            name = "deploy",
            header = "Deploy the Warden package (force-app) with the sf CLI.",
            description =
                    "Runs one `sf project deploy start` of force-app against the target org and shows component failures as a"
                            + " table with file:line. With --dry-run, sf validates the deployment without saving it.",
            footer = {
                "%nEXAMPLES",
                "  Deploy to the embedded local org:%n    warden deploy",
                "  Validate against a sandbox, running local tests:%n    warden deploy --target-org my-sandbox --dry-run --test-level RunLocalTests"
            })
    public static final class Deploy extends BaseCommand {
        @Option(
                names = {"-l", "--test-level"},
                paramLabel = "LEVEL",
                order = 3,
                description = "NoTestRun, RunSpecifiedTests, RunLocalTests or RunAllTestsInOrg (default: sf's).")
        String testLevel;

        @Option(names = "--dry-run", order = 4, description = "Validate only; change nothing.")
        boolean dryRun;

        @Override
        protected void run(Context ctx) {
            checkTestLevel(testLevel);
            report(ctx.report(), ctx.flows().deploy(null, DeployOptions.always(testLevel, dryRun)));
        }
    }

    @Command(
            name = "plan",
            header = "Show what provision would change, and why.",
            description =
                    "Reads the org and prints the ordered steps from its current state to the blueprint: each with the reason"
                            + " and the vendor-guide step it automates. Changes nothing.",
            footer = {
                "%nEXAMPLES",
                "  warden plan",
                "  warden plan --target-org prod --blueprint builtin:ispm-style --json"
            })
    public static final class PlanCommand extends WithBlueprint {
        @Override
        protected void run(Context ctx) {
            Blueprint b = loadBlueprint(ctx);
            Flows flows = ctx.flows();
            Observation observed = report(ctx.report(), flows.observe(b));
            ctx.report().plan(flows.plan(b, observed, true).plan(), true);
        }
    }

    @Command(
            name = "provision",
            header = "Create and configure the integration user from a blueprint.",
            description =
                    "Plans, then applies with a journal in .warden/: user, permission set licenses before permission sets, the"
                            + " app's OAuth settings (certificate from a key pair made for this org), trusted IP ranges merged, the license"
                            + " switch with a snapshot restored on failure, the temporary approval permission set removed. Re-running a"
                            + " finished provision makes no writes.",
            footer = {
                "%nEXAMPLES",
                "  warden provision --dry-run",
                "  warden provision --target-org my-sandbox",
                "  Continue after an interrupted license switch:%n    warden provision --resume"
            })
    public static final class Provision extends WithBlueprint {
        @Option(names = "--dry-run", order = 4, description = "Print the plan; change nothing.")
        boolean dryRun;

        @Option(
                names = "--resume",
                order = 5,
                description = "Continue from the journal of an unfinished run (uses its snapshot).")
        boolean resume;

        @Override
        protected void run(Context ctx) {
            Blueprint b = loadBlueprint(ctx);
            Flows flows = ctx.flows();
            Observation observed = report(ctx.report(), flows.observe(b));
            Planned planned = flows.plan(b, observed, resume);
            ctx.report().plan(planned.plan(), dryRun);
            if (!dryRun) {
                report(ctx.report(), flows.apply(b, planned));
            }
        }
    }

    @Command(
            name = "verify",
            header = "Check the integration identity against the blueprint.",
            description =
                    "Logs in as the integration user by JWT bearer, then checks license, profile, permission sets (missing,"
                            + " excess, dangerous), the app's pre-authorization, scopes, IP and refresh-token policies, trusted ranges, package"
                            + " triggers and the API budget. Exit 3 when a check fails; each failure names the symptom it explains.",
            footer = {
                "%nEXAMPLES",
                "  warden verify",
                "  warden verify --target-org prod --junit target/warden-verify.xml"
            })
    public static final class Verify extends WithNamespace {
        @Option(
                names = "--sf-alias",
                paramLabel = "ALIAS",
                order = 5,
                description =
                        "After a passing JWT login, also log sf in as the integration user under ALIAS (sf org login jwt), for"
                                + " running sf commands as the scanner.")
        String sfAlias;

        @Override
        protected void run(Context ctx) {
            Blueprint b = loadBlueprint(ctx).inNamespace(namespace(ctx));
            Flows flows = ctx.flows();
            Verified verified = flows.verify(b, report(ctx.report(), flows.observe(b)), null);
            ctx.report().checks(verified.checks());
            if (sfAlias != null) {
                if (!verified.integrationLoggedIn()) {
                    ctx.report().warn("sf was not logged in as the integration user: jwt.login did not pass");
                    return;
                }
                var org = ctx.org();
                var km = dev.warden.runner.keys.OrgKeys.fromEnvironment()
                        .load(org.orgId())
                        .orElseThrow();
                String sfHomeTarget = org.sfTarget();
                ctx.progress()
                        .accept("logging sf in as the integration user (alias " + sfAlias + ", next to " + sfHomeTarget
                                + ")");
                new dev.warden.runner.salesforce.sfcli.SfOrgs(org.sf())
                        .loginJwt(
                                b.usernameFor(org.orgId()),
                                km.privateKeyFile(),
                                km.consumerKey(),
                                org.session().instanceUrl(),
                                sfAlias);
                ctx.report().put("sfAlias", sfAlias + " = " + b.usernameFor(org.orgId()));
            }
        }
    }

    @Command(
            name = "up",
            header = "Deploy, provision, verify and smoke-test in one go.",
            description =
                    "deploy + provision + verify + smoke (the quarantine flow end to end as the integration user), one report."
                            + " A second run on the same org changes nothing and says so.",
            footer = {
                "%nEXAMPLES",
                "  On the embedded local org:%n    warden up",
                "  On a sandbox, as JSON:%n    warden up --target-org my-sandbox --json"
            })
    public static final class Up extends WithNamespace {
        @Option(
                names = {"-l", "--test-level"},
                paramLabel = "LEVEL",
                order = 3,
                description = "Test level for the deploy (default: sf's).")
        String testLevel;

        @Option(
                names = "--dry-run",
                order = 4,
                description =
                        "Validate the deploy (unless the real run would skip it) and print the plan; change nothing.")
        boolean dryRun;

        @Option(names = "--skip-deploy", order = 5, description = "Assume the package is already deployed.")
        boolean skipDeploy;

        @Option(names = "--skip-smoke", order = 6, description = "Do not run the quarantine smoke test after verify.")
        boolean skipSmoke;

        @Option(
                names = "--force-deploy",
                order = 7,
                description =
                        "Deploy even when force-app is unchanged since the last deploy to this org and the package is there.")
        boolean forceDeploy;

        @Option(
                names = "--allow-production",
                order = 8,
                description =
                        "Run the smoke test on a production org too (it writes an EICAR test file and a test card number, then deletes them).")
        boolean allowProduction;

        @Option(
                names = "--package",
                paramLabel = "04t|ALIAS",
                order = 9,
                description =
                        "Install this package version (a 04t id or a version alias of sfdx-project.json) for admins only"
                                + " instead of deploying force-app; nothing is installed when the org has that version.")
        String packageVersion;

        @Option(
                names = {"-k", "--installation-key"},
                paramLabel = "KEY",
                order = 10,
                description = "Installation key of the --package version (never printed).")
        String installationKey;

        /**
         * The pipeline, top to bottom: deploy → plan → apply → verify → smoke; each stage returns its value and the
         * report takes it as it comes (so a failure later still shows what was done), rendered once at the end.
         */
        @Override
        protected void run(Context ctx) throws Exception {
            checkTestLevel(testLevel);
            WardenNamespace given = namespaceOption();
            if (installationKey != null && packageVersion == null) {
                throw new BadInputException("--installation-key goes with --package");
            }
            String versionId = packageVersion == null
                    ? null
                    : ProjectPackages.read(BaseCommand.projectDir()).versionId(packageVersion);
            Blueprint b = loadBlueprint(ctx);
            boolean smoke = !skipSmoke && !dryRun;
            if (smoke) {
                refuseProduction(
                        ctx,
                        allowProduction,
                        "the smoke test's data (an EICAR test file and a test card number; pass --skip-smoke to"
                                + " leave it out)");
            }
            Report report = ctx.report();
            Flows flows = ctx.flows();

            Deployed deployed = null;
            Namespace ns;
            if (versionId != null) {
                PackageInstall.Installed installed =
                        PackageInstall.ensure(ctx.org(), versionId, installationKey, dryRun, ctx.progress());
                ns = given != null
                        ? given.namespace()
                        : Namespace.of(
                                installed.pkg() == null ? null : installed.pkg().namespace());
                report.put("package", packageSummary(versionId, installed, ns));
            } else if (given != null) {
                ns = reportNamespace(ctx, given);
            } else if (skipDeploy) {
                ns = namespace(ctx); // the package is already there: the org says in which namespace
            } else {
                ns = Namespace.NONE; // this run deploys force-app's source, unnamespaced
            }
            b = b.inNamespace(ns);
            if (!skipDeploy && versionId == null) {
                deployed = report(
                        report,
                        flows.deploy(b, new DeployOptions(testLevel, dryRun, !forceDeploy && testLevel == null)));
                if (!deployed.ok()) {
                    return;
                }
            }
            Planned planned = flows.plan(b, report(report, flows.observe(b)), false);
            report.plan(planned.plan(), dryRun);
            if (dryRun) {
                return;
            }
            Applied applied = report(report, flows.apply(b, planned));
            Verified verified = flows.verify(b, applied.after(), deployed);
            report.checks(verified.checks());
            if (!smoke) {
                return;
            }
            if (!verified.integrationLoggedIn()) {
                report.warn("smoke test not run: it needs the integration user's JWT login (jwt.login did not pass)");
                return;
            }
            QuarantineConnections connections = new QuarantineConnections(ctx.org());
            ctx.progress().accept("stage smoke" + (ns.none() ? "" : " (namespace " + ns + ")"));
            SmokeReport smoked = Smoke.run(
                    NamespacedQuarantineApi.wrap(connections.admin(), ns),
                    NamespacedQuarantineApi.wrap(connections.on(verified.integration()), ns),
                    Duration.ofSeconds(60),
                    ctx.progress());
            SmokeCommand.report(ctx, smoked);
            for (UpStage stage : ServiceLoader.load(UpStage.class)) { // third-party stages only
                ctx.progress().accept("stage " + stage.id());
                stage.run(ctx, b);
            }
        }
    }

    static Map<String, Object> packageSummary(String versionId, PackageInstall.Installed installed, Namespace ns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subscriberPackageVersionId", versionId);
        m.put("securityType", "AdminsOnly");
        if (installed.pkg() != null) {
            m.put("package", installed.pkg().packageName());
            m.put("version", installed.pkg().versionNumber());
            m.put("versionName", installed.pkg().versionName());
        }
        m.put("namespace", ns.none() ? null : ns.prefix());
        m.put("installedNow", installed.installedNow());
        if (installed.requestId() != null) {
            m.put("installRequestId", installed.requestId());
        }
        return m;
    }

    static Deployed report(Report report, Deployed d) {
        report.deploy(d.outcome(), d.result().name(), d.reason());
        return d;
    }

    static Observation report(Report report, Observation o) {
        o.warnings().stream().filter(w -> !report.warnings().contains(w)).forEach(report::warn);
        return o;
    }

    static Applied report(Report report, Applied a) {
        report(report, a.after());
        report.applied(a.result().stepsDone(), a.result().notes());
        return a;
    }

    /**
     * Third-party stages {@code up} runs after its built-in smoke stage, registered through META-INF/services (the
     * built-in stages are the lines of {@link Up#run}).
     */
    public interface UpStage {
        String id();

        /** Adds a {@link dev.warden.runner.report.Report.Section} to {@code ctx.report()}; throws to fail the run. */
        void run(BaseCommand.Context ctx, Blueprint blueprint) throws Exception;
    }

    static List<Object> builtIn() {
        return List.of(
                new Up(),
                new Deploy(),
                new Provision(),
                new PlanCommand(),
                new Verify(),
                new SmokeCommand(),
                new ScanCommand(),
                new Doctor(),
                new LocalOrgCommand(),
                new AuditCommand(),
                new ScratchCommand(),
                new PackageCommand());
    }
}
