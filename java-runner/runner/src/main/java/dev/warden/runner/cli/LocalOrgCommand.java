package dev.warden.runner.cli;

import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden local-org serve}: the embedded org in the foreground, for sf, WSC and tests to talk to. */
@Command(
        name = "local-org",
        mixinStandardHelpOptions = true,
        header = "Run the embedded local org.",
        subcommands = LocalOrgCommand.Serve.class,
        description =
                "An embedded Salesforce org on 127.0.0.1 that the sf CLI, WSC and the runner talk to over the real protocols.")
public final class LocalOrgCommand extends CommandGroup {

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            header = "Serve the local org in the foreground until Ctrl-C.",
            description =
                    "Prints one JSON line when ready: {\"instanceUrl\",\"adminUsername\",\"accessToken\",\"orgId\"} (the token is"
                            + " printed only here, for the caller to log sf in:"
                            + " SF_ACCESS_TOKEN=<token> sf org login access-token --instance-url <url> --no-prompt).",
            footer = {"%nEXAMPLES", "  warden local-org serve --port 8443 --https --state .warden/local-org.json"})
    public static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--port", paramLabel = "N", description = "TCP port on 127.0.0.1 (default: a free one).")
        int port;

        @Option(
                names = "--https",
                description = "Serve TLS with a self-signed certificate (needed by sf org login sfdx-url).")
        boolean https;

        @Option(
                names = "--admin-token",
                paramLabel = "T",
                description = "The admin's access token (default: generated).")
        String adminToken;

        @Option(
                names = "--state",
                paramLabel = "FILE",
                description = "Persist the org in FILE between runs (default: memory only).")
        Path state;

        @Option(
                names = "--production",
                description = "Present the org as a production org (not a sandbox, not a scratch or"
                        + " Developer Edition org), to test commands that refuse to write test data there.")
        boolean production;

        @Override
        public Integer call() throws InterruptedException {
            if (port < 0 || port > 65535) {
                spec.commandLine().getErr().println("warden: --port must be between 0 and 65535, not " + port);
                return 2;
            }
            LocalOrg org;
            try {
                org = LocalOrg.start(new LocalOrgOptions(port, https, adminToken, state, production));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("warden: " + e.getMessage());
                return 2;
            } catch (UnsupportedOperationException | IllegalStateException e) {
                spec.commandLine().getErr().println("warden: cannot start the local org: " + e.getMessage());
                return 1;
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                org.close();
                stop.countDown();
            }));
            spec.commandLine().getOut().println(org.readyLine());
            spec.commandLine().getOut().flush();
            stop.await();
            return 0;
        }
    }
}
