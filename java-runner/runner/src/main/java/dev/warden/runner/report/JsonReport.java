package dev.warden.runner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.warden.runner.plan.Step;
import dev.warden.runner.verify.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sf-style envelope. Success, findings (exit 3) and partial success (exit 68): {@code {"status","result","warnings"}}
 * (exit 3 also names the failing checks). An error (exit 1 or 2) is sf's error shape instead, with no half
 * {@code result}: {@code name}, {@code message}, {@code exitCode}, {@code code}, {@code context}, {@code commandName},
 * {@code actions}, {@code warnings}, {@code status}, and what the run did before it failed under {@code data} (as sf puts
 * an error's details). UNCONFIRMED: that sf's {@code code} is the exit code as a string when the error has no code of its
 * own (what sf-plugins-core's SfCommandError did when this was written).
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(Report r) {
        try {
            return JSON.writeValueAsString(envelope(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the envelope straight to {@code out}: a large report (an org-wide audit) never sits in memory as one string. */
    public static void write(Report r, java.io.Writer out) throws java.io.IOException {
        JSON.writer()
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, envelope(r));
    }

    private static Map<String, Object> envelope(Report r) {
        Map<String, Object> env = new LinkedHashMap<>();
        int exit = r.exitCode();
        if (exit == 1 || exit == 2) {
            String name = r.failureName() != null ? r.failureName() : "Failed";
            env.put("name", name);
            env.put("message", r.failureName() != null ? r.failureMessage() : failureOf(r));
            env.put("exitCode", exit);
            env.put("code", String.valueOf(exit));
            String commandName = commandName(r.command());
            env.put("context", commandName);
            env.put("commandName", commandName);
            env.put("actions", r.failureActions().isEmpty() ? defaultActions(name, r.command()) : r.failureActions());
            env.put("warnings", r.warnings());
            env.put("status", exit);
            env.put("data", result(r));
            return env;
        }
        env.put("status", exit);
        env.put("result", result(r));
        env.put("warnings", r.warnings());
        if (r.failureName() != null) {
            env.put("name", r.failureName());
            env.put("message", r.failureMessage());
        } else if (exit == 3) {
            env.put("name", "VerificationFindings");
            env.put(
                    "message",
                    r.allChecks().stream().filter(Check::failed).map(Check::id).toList() + " failed");
        }
        return env;
    }

    /** sf names commands in UpperCamelCase ({@code ProjectDeployStart}); {@code local-org serve} is {@code LocalOrgServe}. */
    static String commandName(String command) {
        StringBuilder out = new StringBuilder();
        for (String part : command.split("[ -]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static List<String> defaultActions(String name, String command) {
        return switch (name) {
            case "BadInput" -> List.of("Fix the value named in the message; see: warden " + command + " --help");
            case "ApiReserveReached" ->
                List.of("Wait for the org's 24-hour API window to free requests, or lower --api-reserve deliberately.");
            case "ProvisionFailedRestoreIncomplete" ->
                List.of("Run warden provision --resume: it continues from the journal's snapshot.");
            case "SfCliFailed" -> List.of("Run the sf command shown in the message yourself to see sf's full output.");
            default -> List.of();
        };
    }

    /** What failed, in the words of the failing part (deploy, or a stage such as smoke): never a bare "the run failed". */
    static String failureOf(Report r) {
        if (r.deploy() != null && !r.deploy().success()) {
            var d = r.deploy();
            return "deploy failed: "
                    + (d.errorName() != null
                            ? d.errorName() + ": " + d.errorMessage()
                            : d.failures().size() + " component failure(s), status " + d.status());
        }
        List<String> parts = new ArrayList<>();
        for (Report.Section s : r.sections()) {
            if (!s.ok() && s.checks().isEmpty()) {
                List<String> errors =
                        s.lines().stream().filter(l -> l.startsWith("error: ")).toList();
                parts.add(s.title() + ": " + String.join("; ", errors.isEmpty() ? s.lines() : errors));
            }
        }
        return parts.isEmpty() ? "the run failed" : String.join(" | ", parts);
    }

    static Map<String, Object> result(Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", r.command());
        if (r.org() != null) {
            out.put("org", r.org());
        }
        if (r.deploy() != null) {
            // sf's outcome fields, plus the outcome as one word (Succeeded, Validated, Skipped, Failed) and why it was
            // skipped.
            Map<String, Object> deploy = new LinkedHashMap<>(JSON.convertValue(
                    r.deploy(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}));
            deploy.put(
                    "outcome",
                    r.deployResult() == null ? (r.deploy().success() ? "Succeeded" : "Failed") : r.deployResult());
            if (r.deployReason() != null) {
                deploy.put("skippedBecause", r.deployReason());
            }
            out.put("deploy", deploy);
        }
        if (r.plan() != null) {
            Map<String, Object> plan = new LinkedHashMap<>();
            plan.put("username", r.plan().username());
            plan.put("dryRun", r.dryRun());
            plan.put("writes", r.plan().writes());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (Step s : r.plan().steps()) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("id", s.kind().id());
                step.put("summary", s.summary());
                step.put("reason", s.reason());
                step.put("seedStep", s.seedStep());
                step.put("targets", s.targets());
                step.put("writes", s.writes());
                steps.add(step);
            }
            plan.put("steps", steps);
            plan.put("notes", r.plan().notes());
            out.put("plan", plan);
        }
        if (r.stepsDone() != null) {
            out.put("apply", Map.of("stepsDone", r.stepsDone(), "notes", r.applyNotes()));
        }
        if (r.checks() != null) {
            out.put("checks", r.checks());
        }
        if (!r.sections().isEmpty()) {
            out.put("sections", r.sections());
        }
        out.putAll(r.extraOrdered());
        if (r.figures() != null) {
            out.put("figures", r.figures());
        }
        return out;
    }
}
