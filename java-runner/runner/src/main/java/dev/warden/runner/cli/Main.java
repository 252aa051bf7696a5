package dev.warden.runner.cli;

import dev.warden.runner.salesforce.RetryPolicy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

/** {@code warden}: the entry point. Usage errors exit 2 with one line; everything else is in {@link BaseCommand}. */
@Command(
        name = "warden",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "Deploy, provision and verify the Warden package and its least-privilege integration identity.",
        description =
                "Warden turns the 20-40 manual Setup steps security vendors hand to admins into one repeatable, verifiable"
                        + " command, with less privilege than those vendors ask for. Without --target-org, commands run against the"
                        + " embedded local org (started in process, stopped at exit).",
        footer = {
            "%nEXIT CODES",
            "  0 success, 1 failure, 2 bad input or usage, 3 verification found problems, 68 partial success",
            "%nEXAMPLES",
            "  warden up",
            "  warden plan --target-org my-sandbox",
            "  warden verify --target-org prod --json --junit verify.xml"
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args));
    }

    /** The configured command line (tests set their own writers). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        RetryPolicy.ownTheRetries();
        CommandLine cl = new CommandLine(new Main());
        for (Object c : Commands.builtIn()) {
            cl.addSubcommand(c);
        }
        for (WardenExtension ext : ServiceLoader.load(WardenExtension.class)) {
            ext.commands().forEach(cl::addSubcommand);
        }
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine()
                    .getErr()
                    .println("warden: " + ex.getMessage().lines().findFirst().orElse("bad usage") + " (see: "
                            + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, command, parsed) -> {
            command.getErr().println("warden: " + ex.getMessage());
            return 1;
        });
        styleLikeSf(cl);
        return cl;
    }

    /** Help reads like sf's: USAGE, FLAGS, DESCRIPTION, EXAMPLES; each command's help ends with its environment and exit codes. */
    private static void styleLikeSf(CommandLine cl) {
        UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        // 120 columns: at picocli's default 80 the ENVIRONMENT lines broke inside names ("~/." / "warden").
        u.width(120);
        u.synopsisHeading("%nUSAGE%n  ")
                .optionListHeading("%nFLAGS%n")
                .descriptionHeading("%nDESCRIPTION%n")
                .commandListHeading("%nCOMMANDS%n")
                .parameterListHeading("%nARGUMENTS%n");
        if (cl.getCommand() instanceof BaseCommand) {
            List<String> footer = new ArrayList<>(List.of(u.footer()));
            footer.add("%nENVIRONMENT");
            ENVIRONMENT.forEach((name, what) -> footer.add(String.format("  %-24s %s", name, what)));
            footer.add("%nEXIT CODES");
            EXIT_CODES.forEach((code, what) -> {
                if (exitCodesOf(cl.getCommandName()).contains(code)) {
                    footer.add(String.format("  %-3d %s", code, what));
                }
            });
            u.footer(footer.toArray(String[]::new));
        }
        cl.getSubcommands().values().forEach(Main::styleLikeSf);
    }

    /** The environment every command reads (design.md; tests set the system properties of the same names instead). */
    static final Map<String, String> ENVIRONMENT = orderedMap(
            "WARDEN_SF", "the sf binary (default: sf on PATH; scripts/warden sets the pinned one)",
            "WARDEN_PROJECT_DIR", "the SFDX project (default: the current directory); .warden/ holds journals",
            "WARDEN_HOME", "where key pairs live, keys/<orgId>/ (default: ~/.warden)",
            "WARDEN_LOCAL_ORG_STATE", "file the embedded org persists to between runs (empty: a fresh org every run)",
            "WARDEN_RETRY_ATTEMPTS", "attempts per Salesforce call (default 6; 1 turns retries off)",
            "WARDEN_DEBUG", "set: print stack traces of unexpected errors on stderr",
            "WARDEN_LOCAL_ORG_FAULTS", "benchmarks only: fault rules (JSON) posted to the embedded org at start");

    static final Map<Integer, String> EXIT_CODES = new java.util.TreeMap<>(Map.of(
            0,
            "success",
            1,
            "failure (Salesforce's error named)",
            2,
            "bad input or usage (one line, nothing written)",
            3,
            "checks found problems (drift, excess privilege, a smoke step)",
            68,
            "partial success (some requests failed or the API reserve was reached; the rest resumes next run)"));

    /** Which exit codes a command can end with (picocli command name). */
    static java.util.Set<Integer> exitCodesOf(String command) {
        return switch (command) {
            case "up", "verify", "smoke", "audit" -> java.util.Set.of(0, 1, 2, 3);
            case "scan" -> java.util.Set.of(0, 1, 2, 68);
            case "scratch" -> java.util.Set.of(0, 1, 2, 3, 68); // 68: up passed, the scratch org was not deleted
            default -> java.util.Set.of(0, 1, 2);
        };
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"warden " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
