package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.apex.test.Coverage;
import dev.warden.apex.test.TestResult;
import dev.warden.apex.test.TestRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every @IsTest class of force-app against the in-memory host and prints a table: passes per class and the
 * first failure (unsupported feature or assertion) of each, plus line coverage; all 50 methods must pass.
 */
class ForceAppSuiteTest {
    static final List<String> CLASSES = List.of(
            "WardenTextsTest",
            "WardenVerdictDecisionTest",
            "WardenCaptureTest",
            "WardenCapturePermissionTest",
            "WardenVerdictServiceTest",
            "WardenRestoreServiceTest",
            "WardenScenarioReplayTest");

    @Test
    void reportEveryTestClass() {
        TestRunner runner = new TestRunner(Fixture.program(), Fixture.host());
        StringBuilder table = new StringBuilder("\nclass | passed/run | first failure\n");
        int passed = 0;
        int total = 0;
        long started = System.nanoTime();
        for (String cls : CLASSES) {
            List<TestResult> rs = runner.run(cls, null);
            long ok = rs.stream().filter(TestResult::passed).count();
            passed += ok;
            total += rs.size();
            String first = rs.stream()
                    .filter(r -> !r.passed())
                    .findFirst()
                    .map(r -> r.methodName() + ": " + r.message() + " @ " + firstLine(r.stackTrace()))
                    .orElse("-");
            table.append(cls)
                    .append(" | ")
                    .append(ok)
                    .append('/')
                    .append(rs.size())
                    .append(" | ")
                    .append(first)
                    .append('\n');
        }
        table.append("total | ")
                .append(passed)
                .append('/')
                .append(total)
                .append(" in ")
                .append((System.nanoTime() - started) / 1_000_000)
                .append(" ms (a figure, not a timed assertion)\n");
        Coverage c = runner.coverage();
        int exec = 0;
        int cov = 0;
        table.append("\ncoverage (non-test classes and triggers):\n");
        for (Map.Entry<String, Double> e : c.percentages().entrySet()) {
            if (e.getKey().endsWith("Test") || e.getKey().equals("WardenTestData")) {
                continue;
            }
            exec += c.executable().get(e.getKey()).cardinality();
            cov += c.coveredLines(e.getKey()).cardinality();
            table.append(String.format("%s %.0f%%%n", e.getKey(), e.getValue()));
        }
        table.append(String.format("org-wide %d/%d = %.1f%%%n", cov, exec, exec == 0 ? 0 : 100.0 * cov / exec));
        System.out.println(table);
        assertEquals(50, total, table::toString);
        assertEquals(total, passed, table::toString);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n")[0];
    }
}
