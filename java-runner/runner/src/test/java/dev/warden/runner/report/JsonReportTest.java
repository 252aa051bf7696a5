package dev.warden.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {
    @Test
    void aFailedStageNamesItsErrorInTheEnvelopeNotABareRunFailed() throws Exception {
        Report r = new Report("scan");
        r.section(new Report.Section(
                "scan",
                "Scan",
                false,
                List.of("3 candidate(s)", "error: Verdict call failed: HTTP 503 SERVER_UNAVAILABLE: busy"),
                Map.of(),
                List.of()));
        JsonNode env = new ObjectMapper().readTree(JsonReport.render(r));
        assertEquals(1, env.path("status").asInt());
        assertEquals(
                "Scan: error: Verdict call failed: HTTP 503 SERVER_UNAVAILABLE: busy",
                env.path("message").asText());
        assertTrue(!env.path("message").asText().equals("the run failed"));
        assertTrue(
                env.path("result").isMissingNode()
                        && env.path("data").path("sections").isArray(),
                "details under data: " + env);
    }

    @Test
    void theDeployOutcomeIsAFieldNotProse() throws Exception {
        Report r = new Report("up");
        r.deploy(
                dev.warden.runner.salesforce.sfcli.SfDeploy.unchanged("ignored"),
                "Skipped",
                "force-app unchanged since the last deploy to this org");
        JsonNode env = new ObjectMapper().readTree(JsonReport.render(r));
        assertEquals(0, env.path("status").asInt());
        JsonNode deploy = env.path("result").path("deploy");
        assertEquals("Skipped", deploy.path("outcome").asText());
        assertEquals("Skipped", deploy.path("status").asText());
        assertEquals(
                "force-app unchanged since the last deploy to this org",
                deploy.path("skippedBecause").asText());
        assertEquals(
                "\nDeploy: skipped (force-app unchanged since the last deploy to this org)\n",
                TextReport.render(r)
                        .replace("\nResult: OK\n", "")
                        .lines()
                        .filter(l -> l.startsWith("Deploy"))
                        .map(l -> "\n" + l + "\n")
                        .findFirst()
                        .orElse(""));
    }

    @Test
    void findingsKeepTheirResultAndNameTheFailingChecks() throws Exception {
        Report r = new Report("verify");
        r.checks(List.of(dev.warden.runner.verify.Check.fail(
                "perms.missing", "t", dev.warden.runner.verify.Check.Severity.HIGH, "missing: X", "fix", null)));
        JsonNode env = new ObjectMapper().readTree(JsonReport.render(r));
        assertEquals(3, env.path("status").asInt());
        assertEquals("VerificationFindings", env.path("name").asText());
        assertEquals(
                "perms.missing",
                env.path("result").path("checks").get(0).path("id").asText());
    }
}
