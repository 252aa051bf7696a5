package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.apex.test.TestResult;
import dev.warden.apex.test.TestRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package's own Apex tests WardenTextsTest and WardenVerdictDecisionTest run and pass in the runtime. */
class MilestoneTest {
    private static List<TestResult> run(String cls) {
        return new TestRunner(Fixture.program(), Fixture.host()).run(cls, null);
    }

    private static String failures(List<TestResult> rs) {
        StringBuilder b = new StringBuilder();
        for (TestResult r : rs) {
            if (!r.passed()) {
                b.append('\n')
                        .append(r.methodName())
                        .append(": ")
                        .append(r.message())
                        .append("\n  ")
                        .append(r.stackTrace());
            }
        }
        return b.toString();
    }

    @Test
    void wardenTextsTestPassesAllFiveMethods() {
        List<TestResult> rs = run("WardenTextsTest");
        assertEquals(5, rs.size());
        assertTrue(rs.stream().allMatch(TestResult::passed), () -> failures(rs));
    }

    @Test
    void wardenVerdictDecisionTestPassesAllEightMethods() {
        List<TestResult> rs = run("WardenVerdictDecisionTest");
        assertEquals(8, rs.size());
        assertTrue(rs.stream().allMatch(TestResult::passed), () -> failures(rs));
    }
}
