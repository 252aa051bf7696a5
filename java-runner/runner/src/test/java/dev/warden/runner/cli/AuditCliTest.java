package dev.warden.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.audit.AuditRules;
import dev.warden.runner.audit.Baseline;
import dev.warden.runner.verify.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden audit} on the command line: help, bad input (checked before any org is opened), checks for JUnit. */
class AuditCliTest {
    @TempDir
    Path tmp;

    @Test
    void helpNamesTheFlagsEnvironmentAndExitCodes() {
        CliTest.Run r = CliTest.run("audit", "--help");
        assertEquals(0, r.exit());
        for (String s : new String[] {
            "--target-org",
            "--json",
            "--junit",
            "--html",
            "--markdown",
            "--baseline",
            "--rules",
            "ENVIRONMENT",
            "WARDEN_LOCAL_ORG_STATE",
            "EXIT CODES",
            "3 findings",
            "EXAMPLES"
        }) {
            assertTrue(r.out().contains(s), s + " missing in\n" + r.out());
        }
        assertTrue(CliTest.run("--help").out().contains("audit"), "listed among the commands");
    }

    @Test
    void aMissingRulesFileIsOneLineExit2() {
        CliTest.Run r = CliTest.run("audit", "--rules", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.exit());
        assertEquals("warden: " + tmp.resolve("nope.yaml") + ": rules file not found\n", r.err());
    }

    @Test
    void aRulesFileThatBreaksTheSchemaIsOneLineWithItsLine() throws Exception {
        Path rules = Files.writeString(tmp.resolve("r.yaml"), "allow:\n  users: admin@acme.test\n");
        CliTest.Run r = CliTest.run("audit", "--rules", rules.toString(), "--json");
        assertEquals(2, r.exit());
        assertTrue(
                r.out().contains("\"name\" : \"BadInput\"")
                        && r.out().contains(rules + ":2: allow.users: string found, array expected"),
                r.out());
    }

    @Test
    void aBaselineThatIsNoAuditReportIsExit2() throws Exception {
        Path other =
                Files.writeString(tmp.resolve("verify.json"), "{\"status\":0,\"result\":{\"command\":\"verify\"}}");
        CliTest.Run r = CliTest.run("audit", "--baseline", other.toString());
        assertEquals(2, r.exit());
        assertEquals("warden: " + other + ": not a warden audit --json report (no result.audit.findings)\n", r.err());
    }

    @Test
    void withABaselineOnlyNewFindingsFailAndQuietRulesPass() {
        var result = dev.warden.runner.audit.AuditEngineTestAccess.fixture(AuditRules.none());
        var known = result.findings().get(0);
        Baseline.Diff diff = Baseline.diff(
                Map.of(known.key(), new Baseline.Entry(known.key(), "HIGH", known.title(), known.evidence())),
                result.findings());
        List<Check> checks = AuditCommand.checks(result, diff);
        assertEquals(
                Check.Status.WARN,
                checks.stream()
                        .filter(c -> c.id().equals(known.key()))
                        .findFirst()
                        .orElseThrow()
                        .status());
        assertEquals(
                result.findings().size() - 1,
                checks.stream().filter(Check::failed).count());
        assertTrue(
                checks.stream()
                        .anyMatch(
                                c -> c.id().equals("integration.interactive-login") && c.status() == Check.Status.PASS),
                "a rule without findings is a passing case");
    }
}
