package dev.warden.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users meet it: help, and bad input as one line with exit 2. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndExitCodesLikeSf() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String s : new String[] {
            "USAGE", "COMMANDS", "up ", "provision", "verify", "doctor", "local-org", "EXIT CODES", "EXAMPLES"
        }) {
            assertTrue(r.out().contains(s), s + " missing in\n" + r.out());
        }
    }

    @Test
    void everyCommandHasHelpWithFlagsAndExamples() {
        for (String c : new String[] {"up", "deploy", "provision", "plan", "verify", "doctor"}) {
            Run r = run(c, "--help");
            assertEquals(0, r.exit(), c);
            assertTrue(
                    r.out().contains("FLAGS")
                            && r.out().contains("EXAMPLES")
                            && r.out().contains("--target-org"),
                    c + ":\n" + r.out());
        }
    }

    @Test
    void everyCommandsHelpListsItsEnvironmentAndExitCodes() {
        for (String c :
                new String[] {"up", "deploy", "provision", "plan", "verify", "smoke", "scan", "doctor", "audit"}) {
            String help = run(c, "--help").out();
            assertTrue(
                    help.contains("ENVIRONMENT")
                            && help.contains("WARDEN_SF")
                            && help.contains("WARDEN_LOCAL_ORG_STATE"),
                    c + ":\n" + help);
            assertTrue(
                    help.contains(
                            "  WARDEN_HOME              where key pairs live, keys/<orgId>/ (default: ~/.warden)\n"),
                    "each variable on one line, not broken inside a name: " + c + ":\n" + help);
            assertTrue(help.contains("EXIT CODES") && help.contains("  2   bad input"), c + ":\n" + help);
        }
        assertTrue(run("verify", "--help").out().contains("  3   checks found problems"));
        assertTrue(run("scan", "--help").out().contains("  68  partial success"));
        assertFalse(
                run("plan", "--help").out().contains("  3   checks found problems"), "plan never ends with findings");
    }

    @Test
    void overlongPrefixInTheBlueprintIsExit2WithOneLineNamingTheLine() throws Exception {
        Path bp = tmp.resolve("bad.yaml");
        Files.writeString(bp, """
                integrationUser: {username: a@b.co, email: a@b.co}
                final: {license: Salesforce Integration, profile: Minimum Access - API Only Integrations}
                network:
                  trustedRanges: [10.0.0.0/33]
                """);
        Run r = run("plan", "--blueprint", bp.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(
                "warden: " + bp + ":4: network.trustedRanges[0]: '10.0.0.0/33': prefix /33 is longer than 32 bits\n",
                r.err());
    }

    @Test
    void badInputWithJsonIsAnEnvelopeWithNameAndMessage() throws Exception {
        Path bp = tmp.resolve("bad.yaml");
        Files.writeString(
                bp,
                "integrationUser: {username: a@b.co, email: a@b.co}\nfinal: {license: L, profile: P}\nnetwork: {trustedRanges: ['10.0.0.9-10.0.0.1']}\n");
        Run r = run("provision", "--json", "--blueprint", bp.toString());
        assertEquals(2, r.exit());
        JsonNode env = new ObjectMapper().readTree(r.out());
        assertEquals(2, env.path("status").asInt());
        assertEquals("BadInput", env.path("name").asText());
        assertTrue(
                env.path("message").asText().endsWith("range 10.0.0.9-10.0.0.1 is reversed (start is after end)"),
                env.toString());
        assertTrue(env.path("warnings").isArray());
        // sf's error shape, so scripts that handle sf's errors handle warden's: and no half result.
        assertEquals(2, env.path("exitCode").asInt());
        assertEquals("2", env.path("code").asText());
        assertEquals("Provision", env.path("commandName").asText());
        assertEquals("Provision", env.path("context").asText());
        assertTrue(
                env.path("actions").isArray()
                        && env.path("actions").get(0).asText().contains("warden provision --help"),
                env.toString());
        assertTrue(env.path("result").isMissingNode(), "no result on an error: " + env);
    }

    @Test
    void unknownOptionIsExit2WithOneLine() {
        Run r = run("verify", "--frobnicate");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("warden: Unknown option: '--frobnicate'"), r.err());
    }

    @Test
    void apiReserveOutsideZeroTo99IsBadInput() {
        Run r = run("verify", "--api-reserve", "150");
        assertEquals(2, r.exit());
        assertEquals("warden: --api-reserve must be between 0 and 99, not 150\n", r.err());
    }

    @Test
    void anEmptyTargetOrgIsExit2NotTheEmbeddedOrg() {
        Run r = run("verify", "--target-org", "");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(
                "warden: --target-org is empty: give an sf alias or username, or 'local' for the embedded org\n",
                r.err());
    }

    @Test
    void aJunitFileThatCannotBeWrittenIsExit2BeforeAnything() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
        Run r = run("verify", "--junit", notADir.resolve("report.xml").toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(
                "warden: --junit " + notADir.resolve("report.xml") + ": its folder " + notADir
                        + " is not a directory\n",
                r.err());
        Run dir = run("verify", "--junit", tmp.toString(), "--json");
        assertEquals(2, dir.exit());
        assertTrue(dir.out().contains("is a directory"), dir.out());
        assertTrue(!dir.err().contains("starting the embedded local org"), "nothing started: " + dir.err());
    }

    @Test
    void anUnknownTestLevelIsExit2() {
        for (String command : new String[] {"deploy", "up"}) {
            Run r = run(command, "--test-level", "Bogus");
            assertEquals(2, r.exit(), command + ": " + r.out() + r.err());
            assertEquals(
                    "warden: --test-level must be one of NoTestRun, RunSpecifiedTests, RunLocalTests, RunAllTestsInOrg, not 'Bogus'\n",
                    r.err());
        }
    }

    @Test
    void unknownOrgAliasIsExit2NamingSfsError() throws Exception {
        Path root = Path.of(System.getProperty("warden.root", "../.."));
        Path sf = root.resolve("scripts/lib/sf");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.exists(root.resolve(".tools/node_modules/@salesforce/cli")), "pinned sf CLI not installed");
        Path home = Files.createDirectories(tmp.resolve("sf-home"));
        System.setProperty("warden.sf", sf.toString());
        System.setProperty("warden.sf.home", home.toString());
        try {
            Run r = run("verify", "--target-org", "no-such-org-alias");
            assertEquals(2, r.exit(), r.out() + r.err());
            String line = r.err()
                    .lines()
                    .filter(l -> l.startsWith("warden: "))
                    .findFirst()
                    .orElse("");
            assertTrue(line.startsWith("warden: unknown org 'no-such-org-alias': sf "), r.err());
            assertTrue(line.contains("NamedOrgNotFound") || line.contains("NoAuthInfo"), line);
            assertEquals("", r.out());
        } finally {
            System.clearProperty("warden.sf");
            System.clearProperty("warden.sf.home");
        }
    }
}
