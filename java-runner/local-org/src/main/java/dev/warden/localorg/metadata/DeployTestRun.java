package dev.warden.localorg.metadata;

import java.util.List;
import java.util.Map;

/**
 * The Apex tests a deploy ran ({@code testLevel} RunLocalTests, RunAllTestsInOrg or RunSpecifiedTests), as the
 * Metadata API's {@code RunTestsResult}: {@code numTestsRun}, {@code numFailures}, {@code totalTime},
 * {@code successes}, {@code failures}, {@code codeCoverage} and {@code codeCoverageWarnings}, in the JSON shape the
 * REST deployRequest answers (the SOAP answer is built from the same values).
 */
public record DeployTestRun(Map<String, Object> runTestResult) {
    public DeployTestRun {
        runTestResult = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(runTestResult));
    }

    public int numTestsRun() {
        return ((Number) runTestResult.get("numTestsRun")).intValue();
    }

    public int numFailures() {
        return ((Number) runTestResult.get("numFailures")).intValue();
    }

    public double totalTime() {
        return ((Number) runTestResult.get("totalTime")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rows(String key) {
        Object v = runTestResult.get(key);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }
}
