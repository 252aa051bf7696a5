package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.apex.exec.Program;
import dev.warden.apex.test.TestResult;
import dev.warden.apex.test.TestRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A copy of WardenTextsTest with one broken expectation fails with the assertion's message and line. */
class BrokenAssertionTest {
    @Test
    void aBrokenAssertionFailsWithItsMessageAndLine() {
        String source = ForceApp.sources().stream()
                .filter(s -> s.name().equals("WardenTextsTest"))
                .findFirst()
                .orElseThrow()
                .body()
                .replace("private class WardenTextsTest", "private class WardenTextsBrokenTest")
                .replace("'eicar: contains {detector} (eicar)'", "'eicar: contains eicar (eicar)'");
        Program p = Fixture.with(List.of(new ApexSource("WardenTextsBrokenTest", source, false)));
        List<TestResult> rs = new TestRunner(p, Fixture.host())
                .run("WardenTextsBrokenTest", List.of("formatFillsEveryKnownPlaceholderInOnePass"));
        assertEquals(1, rs.size());
        TestResult r = rs.get(0);
        assertEquals("Fail", r.outcome());
        assertEquals(
                "System.AssertException: Assertion Failed: Expected: eicar: contains eicar (eicar), "
                        + "Actual: eicar: contains {detector} (eicar): values are never re-expanded",
                r.message());
        assertEquals(
                "Class.WardenTextsBrokenTest.formatFillsEveryKnownPlaceholderInOnePass: line 9, column 9",
                r.stackTrace());
    }
}
