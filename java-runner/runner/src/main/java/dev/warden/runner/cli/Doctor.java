package dev.warden.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.sfcli.SfCliException;
import dev.warden.runner.verify.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** Is everything in place: Java, sf and its Node, the org's edition and API access, session and content settings, API budget. */
@Command(
        name = "doctor",
        header = "Check the toolchain and the org before a run.",
        description =
                "Java, sf CLI and Node versions; org edition and API access; whether sessions are locked to the IP they came"
                        + " from; Content Deliveries; the daily API budget.",
        footer = {"%nEXAMPLES", "  warden doctor", "  warden doctor --target-org my-sandbox --json"})
public final class Doctor extends BaseCommand {

    @Override
    protected void run(Context ctx) {
        List<Check> checks = new ArrayList<>();
        int javaMajor = Runtime.version().feature();
        checks.add(
                javaMajor >= 17
                        ? Check.pass("doctor.java", "Java 17 or newer", "Java " + Runtime.version())
                        : Check.fail(
                                "doctor.java",
                                "Java 17 or newer",
                                Check.Severity.HIGH,
                                "Java " + Runtime.version(),
                                "install Java 17",
                                null));
        String sfBinary = dev.warden.runner.salesforce.sfcli.SfCli.binaryFromEnvironment();
        try {
            JsonNode v = new dev.warden.runner.salesforce.sfcli.SfCli(
                            sfBinary, java.util.Map.of(), projectDir(), ctx.counter(), ctx.progress())
                    .runJson("sf version", Duration.ofSeconds(60), List.of("version"));
            checks.add(
                    Check.pass("doctor.sf", "sf CLI runs", v.path("cliVersion").asText() + " (" + sfBinary + ")"));
            String node = v.path("nodeVersion").asText("");
            int nodeMajor = parseMajor(node.replace("node-v", ""));
            checks.add(
                    nodeMajor >= 22
                            ? Check.pass("doctor.node", "Node 22 or newer for sf", node)
                            : Check.fail(
                                    "doctor.node",
                                    "Node 22 or newer for sf",
                                    Check.Severity.HIGH,
                                    node,
                                    "sf crashes on Node 20; use scripts/warden (pinned Node 22) or install Node 22",
                                    null));
        } catch (SfCliException e) {
            checks.add(Check.fail(
                    "doctor.sf",
                    "sf CLI runs",
                    Check.Severity.HIGH,
                    e.getMessage(),
                    "run scripts/setup, or set WARDEN_SF",
                    null));
        }
        var org = ctx.org();
        try {
            JsonNode o = org.rest().query("SELECT Name, OrganizationType, IsSandbox FROM Organization").stream()
                    .findFirst()
                    .orElse(null);
            String edition = o == null ? "unknown" : o.path("OrganizationType").asText("unknown");
            checks.add(Check.pass(
                    "doctor.api-access",
                    "REST API reachable",
                    "query as " + org.session().username() + " succeeded"));
            boolean restEdition = !edition.toLowerCase().contains("professional")
                    && !edition.toLowerCase().contains("group");
            checks.add(
                    restEdition
                            ? Check.pass(
                                    "doctor.org-edition",
                                    "Edition includes the API",
                                    edition + (o != null && o.path("IsSandbox").asBoolean() ? " (sandbox)" : ""))
                            : Check.fail(
                                    "doctor.org-edition",
                                    "Edition includes the API",
                                    Check.Severity.HIGH,
                                    edition,
                                    "Professional/Group editions need the API add-on (the Salesforce Integration license needs Enterprise+)",
                                    null));
        } catch (SalesforceException e) {
            checks.add(Check.fail(
                    "doctor.api-access",
                    "REST API reachable",
                    Check.Severity.HIGH,
                    e.getMessage(),
                    "check the user's API Enabled permission",
                    null));
        }
        try {
            var network = org.metadata().network(null);
            checks.add(
                    network.lockSessionsToIp()
                            ? Check.warn(
                                    "doctor.session-ip-lock",
                                    "Sessions not locked to their origin IP",
                                    "Lock sessions to the IP address from which they originated is ON",
                                    "fine for Warden (JWT logins start new sessions); some vendor scanners need it off")
                            : Check.pass(
                                    "doctor.session-ip-lock",
                                    "Sessions not locked to their origin IP",
                                    "lockSessionsToIp = false"));
            Boolean deliveries = org.metadata().contentDeliveriesEnabled();
            checks.add(
                    deliveries == null
                            ? Check.skip(
                                    "doctor.content-deliveries",
                                    "Content Deliveries setting",
                                    "ContentSettings not readable")
                            : Check.pass(
                                    "doctor.content-deliveries",
                                    "Content Deliveries setting",
                                    "enableContentDistribution = " + deliveries
                                            + (deliveries
                                                    ? " (public file links possible: Warden's scanner watches them)"
                                                    : "")));
        } catch (SalesforceException e) {
            checks.add(Check.skip(
                    "doctor.session-ip-lock",
                    "Sessions not locked to their origin IP",
                    "Metadata API: " + e.getMessage()));
            checks.add(Check.skip(
                    "doctor.content-deliveries", "Content Deliveries setting", "Metadata API: " + e.getMessage()));
        }
        try {
            OrgModel.ApiUsage u = org.records().apiUsage();
            long limit = u.max() - u.max() * apiReserve / 100;
            String ev = u.used() + " of " + u.max() + " daily API requests used; reserve " + apiReserve + "%";
            checks.add(
                    u.used() < limit
                            ? Check.pass("api.budget", "Daily API budget above the reserve", ev)
                            : Check.fail(
                                    "api.budget",
                                    "Daily API budget above the reserve",
                                    Check.Severity.MEDIUM,
                                    ev,
                                    "wait for the 24-hour window to roll",
                                    null));
        } catch (SalesforceException e) {
            checks.add(Check.skip("api.budget", "Daily API budget above the reserve", e.getMessage()));
        }
        ctx.report().checks(checks);
    }

    private static int parseMajor(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
