package dev.warden.runner.cli;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.BlueprintException;
import dev.warden.runner.blueprint.BlueprintLoader;
import dev.warden.runner.connect.BadTargetException;
import dev.warden.runner.connect.OrgConnection;
import dev.warden.runner.flow.Flows;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.plan.PlanException;
import dev.warden.runner.provision.ProvisionFailedException;
import dev.warden.runner.report.JUnitReport;
import dev.warden.runner.report.JsonReport;
import dev.warden.runner.report.Report;
import dev.warden.runner.report.TextReport;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.sfcli.SfCli;
import dev.warden.runner.salesforce.sfcli.SfCliException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The base of every command (jreleaser-style): common flags, one report, and the single place where exceptions
 * become exit codes. Bad input is exit 2 with one line, never a stack trace ({@code WARDEN_DEBUG=1} shows them).
 * Subclasses implement {@link #run(Context)}; commands from other packages extend it to share all of this.
 */
@Command(sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true)
public abstract class BaseCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(
            names = {"-o", "--target-org"},
            paramLabel = "ORG",
            order = 1,
            description = "Org alias or username known to sf, or 'local' (default) for the embedded local org.")
    protected String targetOrg;

    @Option(
            names = "--json",
            order = 90,
            description =
                    "Print one JSON envelope on stdout ({\"status\",\"result\",\"warnings\"}); logs stay on stderr.")
    protected boolean json;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            order = 91,
            description = "Also write the checks as JUnit XML to FILE.")
    protected Path junit;

    @Option(
            names = "--api-reserve",
            paramLabel = "PERCENT",
            order = 92,
            defaultValue = "10",
            description =
                    "Stop before using the last PERCENT of the org's daily API requests (default: ${DEFAULT-VALUE}).")
    protected int apiReserve;

    @Option(
            names = "--records-api",
            paramLabel = "API",
            order = 93,
            defaultValue = "rest",
            description = "API for records (users, assignments): rest (default) or soap (Partner API).")
    protected String recordsApi;

    /** What a command runs with: the org (opened on first use), the report, progress, flows. */
    public final class Context implements AutoCloseable {
        private final Report report;
        private final Progress progress;
        private final CallCounter counter = new CallCounter();
        private final ApiBudget budget;
        private OrgConnection org;

        Context(Report report, Progress progress) {
            this.report = report;
            this.progress = progress;
            this.budget = new ApiBudget(apiReserve);
        }

        public Report report() {
            return report;
        }

        public Progress progress() {
            return progress;
        }

        public CallCounter counter() {
            return counter;
        }

        /** sf as the user has it (their sf home; tests give a private one), its calls counted with the run's. */
        public SfCli userSf() {
            return new SfCli(SfCli.binaryFromEnvironment(), sfEnvironment(), projectDir(), counter, progress);
        }

        /**
         * The Dev Hub sf commands run against: for {@code local}, the embedded org through its private sf home (a
         * scratch org created on it is authorized there too); otherwise the user's sf and the alias as given (null:
         * sf's own target-dev-hub).
         */
        public DevHub devHub(String alias) {
            if (OrgConnection.LOCAL.equals(alias)) {
                OrgConnection embedded = org();
                return new DevHub(embedded.sfTarget(), embedded.sf());
            }
            return new DevHub(alias, userSf());
        }

        public OrgConnection org() {
            if (org == null) {
                SfCli sf = userSf();
                org = OrgConnection.open(targetOrg, sf, counter, budget, progress)
                        .usePartnerApiForRecords("soap".equals(recordsApi));
                report.org(new Report.OrgSummary(
                        org.target(),
                        org.session().instanceUrl(),
                        org.orgId(),
                        org.session().username(),
                        org.embedded()));
            }
            return org;
        }

        private final java.util.List<OrgConnection> earlier = new java.util.ArrayList<>();

        /**
         * Makes {@code target}, resolved through {@code sf} (e.g. a scratch org just created under the hub's sf home),
         * the org of the rest of the run; the org opened before stays open until the run ends (an embedded hub hosts
         * its scratch orgs).
         */
        public OrgConnection switchTo(String target, SfCli sf) {
            if (org != null) {
                earlier.add(org);
            }
            org = OrgConnection.open(target, sf, counter, budget, progress)
                    .usePartnerApiForRecords("soap".equals(recordsApi));
            report.org(new Report.OrgSummary(
                    org.target(),
                    org.session().instanceUrl(),
                    org.orgId(),
                    org.session().username(),
                    org.embedded()));
            return org;
        }

        public Flows flows() {
            return new Flows(org(), projectDir(), OrgKeys.fromEnvironment(), progress);
        }

        public Blueprint blueprint(String location) {
            return new BlueprintLoader().load(location);
        }

        @Override
        public void close() {
            if (org != null) {
                org.close();
            }
            for (int i = earlier.size() - 1; i >= 0; i--) {
                earlier.get(i).close();
            }
        }
    }

    /**
     * A Dev Hub and the sf that reaches it.
     *
     * @param target the hub's alias or username for sf's {@code --target-dev-hub}, or null for sf's default
     */
    public record DevHub(String target, SfCli sf) {}

    /**
     * Refuses, before any write, to put synthetic test data ({@code writes}) into a production org unless
     * {@code --allow-production} was given: exit 2 naming the flag.
     */
    protected static void refuseProduction(Context ctx, boolean allowProduction, String writes) {
        if (allowProduction || ctx.org().embedded()) {
            return;
        }
        var kind = dev.warden.runner.salesforce.OrgKind.read(ctx.org().rest()::query);
        if (kind.production()) {
            throw new BadInputException("org '" + ctx.org().target() + "' ("
                    + ctx.org().orgId() + ") is " + kind.describe() + ": this would write " + writes
                    + " into it; use a sandbox or scratch org, or pass --allow-production to write them anyway");
        }
        ctx.progress().accept("org " + ctx.org().orgId() + " is " + kind.describe() + ": test data allowed");
    }

    /** Runs the command, filling the report; throw to fail. */
    protected abstract void run(Context ctx) throws Exception;

    protected String reportName() {
        return spec.qualifiedName(" ").replaceFirst("^warden ", "");
    }

    /**
     * Tests give sf a private home with the system property {@code warden.sf.home}; users' sf uses their own. A private
     * home keeps sf's key in its own {@code key.json} (the generic keychain): the OS keychain is shared by every home,
     * and the runner reads a private home's auth files the same way on every machine, with or without secret-tool.
     */
    static Map<String, String> sfEnvironment() {
        String home = System.getProperty("warden.sf.home");
        return home == null ? Map.of() : Map.of("HOME", home, "SF_USE_GENERIC_UNIX_KEYCHAIN", "true");
    }

    public static Path projectDir() {
        String dir = System.getProperty("warden.project.dir", System.getenv("WARDEN_PROJECT_DIR"));
        return Path.of(dir == null || dir.isBlank() ? "." : dir)
                .toAbsolutePath()
                .normalize();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Report report = new Report(reportName());
        long start = System.nanoTime();
        if (!"rest".equals(recordsApi) && !"soap".equals(recordsApi)) {
            return finish(
                    report.fail("BadInput", "--records-api must be rest or soap, not '" + recordsApi + "'", 2),
                    out,
                    err,
                    start,
                    null);
        }
        if (apiReserve < 0 || apiReserve > 99) {
            return finish(
                    report.fail("BadInput", "--api-reserve must be between 0 and 99, not " + apiReserve, 2),
                    out,
                    err,
                    start,
                    null);
        }
        if (targetOrg != null && targetOrg.isBlank()) {
            // An empty alias (an unset shell variable) must not quietly mean the embedded org.
            return finish(
                    report.fail(
                            "BadInput",
                            "--target-org is empty: give an sf alias or username, or 'local' for the embedded org",
                            2),
                    out,
                    err,
                    start,
                    null);
        }
        String junitProblem = junit == null ? null : unwritable(junit);
        if (junitProblem != null) {
            Path file = junit;
            junit = null;
            return finish(report.fail("BadInput", "--junit " + file + ": " + junitProblem, 2), out, err, start, null);
        }
        Context ctx = new Context(report, new Progress(err, false));
        try (ctx) {
            run(ctx);
        } catch (BlueprintException | PlanException | BadInputException | BadTargetException e) {
            report.fail("BadInput", e.getMessage(), 2);
        } catch (ApiBudget.ApiReserveReachedException e) {
            report.fail("ApiReserveReached", e.getMessage(), 1);
        } catch (ProvisionFailedException e) {
            report.fail(e.restoreFailed() ? "ProvisionFailedRestoreIncomplete" : "ProvisionFailed", e.getMessage(), 1);
        } catch (SfCliException e) {
            report.fail("SfCliFailed", e.getMessage(), 1);
        } catch (dev.warden.runner.quarantine.api.SalesforceApiException e) {
            report.fail("SalesforceError", e.describe(), 1);
        } catch (SalesforceException e) {
            report.fail("SalesforceError", e.getMessage(), 1);
        } catch (dev.warden.runner.salesforce.auth.JwtBearer.JwtLoginException e) {
            // A login that failed for good here is the run's failure (exit 1 naming Salesforce's error), not a finding.
            report.fail("SalesforceError", "JWT login: " + e.getMessage(), 1);
        } catch (Exception e) {
            if (System.getenv("WARDEN_DEBUG") != null) {
                e.printStackTrace(err);
            }
            report.fail(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), 1);
        }
        return finish(report, out, err, start, ctx);
    }

    /** Why the JUnit file could not be written at the end, checked before the run does anything; null when it can. */
    static String unwritable(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return "is a directory";
        }
        if (Files.exists(abs)) {
            return Files.isWritable(abs) ? null : "is not writable";
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return "its folder " + (dir == null ? abs.getParent() : dir) + " is not a directory";
        }
        return Files.isWritable(dir) ? null : "cannot be created: " + dir + " is not writable";
    }

    private int finish(Report report, PrintWriter out, PrintWriter err, long start, Context ctx) {
        if (ctx != null) {
            CallCounter c = ctx.counter();
            report.figures(new Report.Figures(
                    c.snapshot().getOrDefault("sf", 0L),
                    c.total("rest") + c.total("soap"),
                    c.writes(),
                    c.flowWrites(),
                    c.snapshot(),
                    (System.nanoTime() - start) / 1_000_000,
                    c.retries(),
                    c.roundTrips()));
        }
        int exit = report.exitCode();
        if (junit != null) {
            try {
                Path parent = junit.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(junit, JUnitReport.render(report));
            } catch (IOException e) {
                err.println("warden: cannot write " + junit + ": " + e.getMessage());
                if (exit == 0) {
                    exit = 1; // a CI job relying on the report must not pass without it
                }
            }
        }
        if (json) {
            try {
                JsonReport.write(report, out);
            } catch (IOException e) {
                err.println("warden: cannot write the JSON report: " + e.getMessage());
            }
            out.println();
        } else if (exit == 2 && report.failureMessage() != null) {
            err.println("warden: " + report.failureMessage());
        } else {
            out.print(TextReport.render(report));
        }
        out.flush();
        err.flush();
        return exit;
    }
}
