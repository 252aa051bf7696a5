package dev.warden.runner.salesforce.sfcli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code sf project deploy start} of the package source, results as a typed outcome with a failure table. */
public final class SfDeploy {

    public record ComponentFailure(String type, String fullName, String fileName, int line, int column, String problem) {
        public String location() {
            return fileName + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        }
    }

    public record Outcome(boolean success, String status, String deployId, int componentsDeployed, int componentsTotal,
                          List<ComponentFailure> failures, String errorName, String errorMessage) {}

    /**
     * The deploy was not run: the same source is already deployed and the org still has the package. The status is the
     * one word {@code Skipped}; why is the caller's ({@code flow.Deployed.reason}), never prose in a status field.
     */
    public static Outcome unchanged(String why) {
        return new Outcome(true, "Skipped", null, 0, 0, List.of(), null, null);
    }

    private final SfCli sf;

    public SfDeploy(SfCli sf) {
        this.sf = sf;
    }

    /** @param testLevel NoTestRun, RunSpecifiedTests, RunLocalTests, RunAllTestsInOrg; null leaves sf's default */
    public Outcome deploy(String targetOrg, String sourceDir, String testLevel, boolean dryRun, Duration wait) {
        List<String> args = new ArrayList<>(List.of("project", "deploy", "start", "--target-org", targetOrg, "--source-dir", sourceDir,
                "--wait", String.valueOf(Math.max(1, wait.toMinutes()))));
        if (testLevel != null) {
            args.add("--test-level");
            args.add(testLevel);
        }
        if (dryRun) {
            args.add("--dry-run");
        }
        JsonNode env = sf.runEnvelope("deploy " + sourceDir, wait.plusMinutes(2), args);
        JsonNode r = env.path("result");
        List<ComponentFailure> failures = new ArrayList<>();
        JsonNode f = r.path("details").path("componentFailures");
        if (f.isObject()) {
            failures.add(failure(f));
        } else {
            f.forEach(n -> failures.add(failure(n)));
        }
        int status = env.path("status").asInt(0);
        return new Outcome(status == 0 && r.path("success").asBoolean(true) && failures.isEmpty(), r.path("status").asText(status == 0 ? "Succeeded" : "Failed"),
                r.path("id").asText(null), r.path("numberComponentsDeployed").asInt(), r.path("numberComponentsTotal").asInt(), failures,
                status == 0 ? null : env.path("name").asText(null), status == 0 ? null : env.path("message").asText(null));
    }

    private static ComponentFailure failure(JsonNode n) {
        return new ComponentFailure(n.path("componentType").asText(), n.path("fullName").asText(), n.path("fileName").asText(),
                n.path("lineNumber").asInt(0), n.path("columnNumber").asInt(0), n.path("problem").asText());
    }
}
