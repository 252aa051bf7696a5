package dev.warden.localorg.apex;

import dev.warden.apex.exec.Program;
import dev.warden.localorg.metadata.DeployTestRun;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the Apex tests a deploy asks for, inside the deploy's transaction (the deploy engine calls this on the test
 * thread that holds the store's lock, after every class compiled): RunLocalTests and RunAllTestsInOrg run every test
 * class of the org (it has no managed namespaces), RunSpecifiedTests the named classes or {@code Class.method}s.
 * Coverage warnings use Salesforce's words for the 75% org-wide rule (UNCONFIRMED in detail); the local org reports
 * them but does not fail a deploy on coverage, whatever the org kind (the platform fails production deploys).
 */
public final class ApexDeployTests {
    static final int REQUIRED_PERCENT = 75;

    private ApexDeployTests() {}

    /** Whether the level runs tests at all (NoTestRun and no level: none). */
    public static boolean runsTests(String testLevel) {
        return testLevel != null
                && switch (testLevel) {
                    case "RunLocalTests", "RunAllTestsInOrg", "RunSpecifiedTests", "RunRelevantTests" -> true;
                    default -> false;
                };
    }

    /**
     * @param deployedApex names of the classes and triggers the deploy holds: under RunSpecifiedTests each needs 75%
     *                     (Salesforce's rule for that level), under the other levels the org-wide average does
     */
    public static DeployTestRun run(Org org, String testLevel, List<String> runTests, List<String> deployedApex) {
        if (testLevel.equals("RunRelevantTests")) {
            throw new dev.warden.localorg.data.OrgException(
                    "FUNCTIONALITY_NOT_ENABLED",
                    "not supported by the local org's Apex runtime: testLevel RunRelevantTests");
        }
        Program program = OrgApex.of(org).program();
        List<ApexTests.Selection> selections =
                testLevel.equals("RunSpecifiedTests") ? specified(runTests) : ApexTests.localTests(program);
        ApexTests.Run run = ApexTests.run(org, selections);
        Map<String, Object> result = new LinkedHashMap<>(ApexTestApi.result(org, program, run, true));
        result.put(
                "codeCoverageWarnings",
                testLevel.equals("RunSpecifiedTests") ? perUnitWarnings(result, deployedApex) : warnings(result));
        return new DeployTestRun(result);
    }

    /** {@code runTests} entries: a class name, or {@code Class.method}; methods of one class are merged. */
    static List<ApexTests.Selection> specified(List<String> runTests) {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (String t : runTests) {
            int dot = t.indexOf('.');
            String cls = dot < 0 ? t.strip() : t.substring(0, dot).strip();
            if (dot < 0) {
                byClass.put(cls, null);
            } else if (!byClass.containsKey(cls) || byClass.get(cls) != null) {
                byClass.computeIfAbsent(cls, k -> new ArrayList<>())
                        .add(t.substring(dot + 1).strip());
            }
        }
        List<ApexTests.Selection> out = new ArrayList<>();
        byClass.forEach((c, methods) -> out.add(new ApexTests.Selection(c, methods)));
        return out;
    }

    /** Wording UNCONFIRMED ("Test coverage of selected Apex Class is N%, at least 75% test coverage is required"). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> perUnitWarnings(Map<String, Object> result, List<String> deployedApex) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) result.get("codeCoverage")) {
            if (deployedApex.stream().noneMatch(n -> n.equalsIgnoreCase((String) c.get("name")))) {
                continue;
            }
            long total = ((Number) c.get("numLocations")).longValue();
            long uncovered = ((Number) c.get("numLocationsNotCovered")).longValue();
            long percent = total == 0 ? 100 : Math.round(100.0 * (total - uncovered) / total);
            if (percent < REQUIRED_PERCENT) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("id", c.get("id"));
                w.put(
                        "message",
                        "Test coverage of selected Apex " + c.get("type") + " is " + percent + "%, at least "
                                + REQUIRED_PERCENT + "% test coverage is required");
                w.put("name", c.get("name"));
                w.put("namespace", null);
                out.add(w);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> warnings(Map<String, Object> result) {
        long total = 0;
        long uncovered = 0;
        for (Map<String, Object> c : (List<Map<String, Object>>) result.get("codeCoverage")) {
            total += ((Number) c.get("numLocations")).longValue();
            uncovered += ((Number) c.get("numLocationsNotCovered")).longValue();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        long percent = total == 0 ? 0 : Math.round(100.0 * (total - uncovered) / total);
        if (total > 0 && percent < REQUIRED_PERCENT) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("id", null);
            w.put(
                    "message",
                    "Average test coverage across all Apex Classes and Triggers is " + percent + "%, at least "
                            + REQUIRED_PERCENT + "% test coverage is required.");
            w.put("name", null);
            w.put("namespace", null);
            out.add(w);
        }
        return out;
    }
}
