package dev.warden.runner.cli;

import dev.warden.runner.salesforce.RetryPolicy;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

/** {@code warden}: the entry point. Usage errors exit 2 with one line; everything else is in {@link BaseCommand}. */
@Command(name = "warden", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        header = "Deploy, provision and verify the Warden package and its least-privilege integration identity.",
        description = "Warden turns the 20-40 manual Setup steps security vendors hand to admins into one repeatable, verifiable"
                + " command, with less privilege than those vendors ask for. Without --target-org, commands run against the"
                + " embedded local org (started in process, stopped at exit).",
        footer = {"%nEXIT CODES", "  0 success, 1 failure, 2 bad input or usage, 3 verification found problems, 68 partial success",
                "%nEXAMPLES", "  warden up", "  warden plan --target-org my-sandbox", "  warden verify --target-org prod --json --junit verify.xml"})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
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
            ex.getCommandLine().getErr().println("warden: " + ex.getMessage().lines().findFirst().orElse("bad usage")
                    + " (see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, command, parsed) -> {
            command.getErr().println("warden: " + ex.getMessage());
            return 1;
        });
        styleLikeSf(cl);
        return cl;
    }

    /** Help reads like sf's: USAGE, FLAGS, DESCRIPTION, EXAMPLES. */
    private static void styleLikeSf(CommandLine cl) {
        UsageMessageSpec u = cl.getCommandSpec().usageMessage();
        u.synopsisHeading("%nUSAGE%n  ").optionListHeading("%nFLAGS%n").descriptionHeading("%nDESCRIPTION%n")
                .commandListHeading("%nCOMMANDS%n").parameterListHeading("%nARGUMENTS%n");
        cl.getSubcommands().values().forEach(Main::styleLikeSf);
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
