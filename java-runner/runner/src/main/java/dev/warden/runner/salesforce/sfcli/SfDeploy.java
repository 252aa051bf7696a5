package dev.warden.runner.salesforce.sfcli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code sf project deploy start} of the package source, results as a typed outcome with a failure table. */
public final class SfDeploy {

    public record ComponentFailure(
            String type, String fullName, String fileName, int line, int column, String problem) {
        public String location() {
            return fileName + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        }
    }

    public record Outcome(
            boolean success,
            String status,
            String deployId,
            int componentsDeployed,
            int componentsTotal,
            List<ComponentFailure> failures,
            String errorName,
            String errorMessage) {}

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
        List<String> args = new ArrayList<>(List.of(
                "project",
                "deploy",
                "start",
                "--target-org",
                targetOrg,
                "--source-dir",
                sourceDir,
                "--wait",
                String.valueOf(Math.max(1, wait.toMinutes()))));
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
        Map<String, String> sources = sourceFiles(r.path("files"));
        if (f.isObject()) {
            failures.add(failure(f, sources));
        } else {
            f.forEach(n -> failures.add(failure(n, sources)));
        }
        int status = env.path("status").asInt(0);
        return new Outcome(
                status == 0 && r.path("success").asBoolean(true) && failures.isEmpty(),
                r.path("status").asText(status == 0 ? "Succeeded" : "Failed"),
                r.path("id").asText(null),
                r.path("numberComponentsDeployed").asInt(),
                r.path("numberComponentsTotal").asInt(),
                failures,
                status == 0 ? null : env.path("name").asText(null),
                status == 0 ? null : env.path("message").asText(null));
    }

    /**
     * The failure names the source file the user edits ({@code force-app/main/default/classes/X.cls}), not the
     * Metadata API path in the deployed zip ({@code classes/X.cls}): sf lists every component's source path under
     * {@code result.files}; the mdapi path stays only when sf did not list the component.
     */
    private static ComponentFailure failure(JsonNode n, Map<String, String> sources) {
        String type = n.path("componentType").asText();
        String fullName = n.path("fullName").asText();
        String file =
                sources.getOrDefault(type + ":" + fullName, n.path("fileName").asText());
        return new ComponentFailure(
                type,
                fullName,
                file,
                n.path("lineNumber").asInt(0),
                n.path("columnNumber").asInt(0),
                n.path("problem").asText());
    }

    /** {@code type:fullName} → source path relative to the project (the code file rather than its -meta.xml). */
    private Map<String, String> sourceFiles(JsonNode files) {
        Map<String, String> out = new HashMap<>();
        Path project = sf.workDir().toAbsolutePath().normalize();
        for (JsonNode file : files) {
            String path = file.path("filePath").asText("");
            if (path.isEmpty()) {
                continue;
            }
            Path p = Path.of(path);
            String shown = p.isAbsolute() && p.normalize().startsWith(project)
                    ? project.relativize(p.normalize()).toString()
                    : path;
            out.merge(
                    file.path("type").asText() + ":" + file.path("fullName").asText(),
                    shown,
                    (had, next) -> had.endsWith("-meta.xml") && !next.endsWith("-meta.xml") ? next : had);
        }
        return out;
    }
}
