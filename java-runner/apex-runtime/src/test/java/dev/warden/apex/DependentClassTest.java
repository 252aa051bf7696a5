package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.apex.exec.Program;
import dev.warden.apex.test.TestResult;
import dev.warden.apex.test.TestRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Classes the runtime could not wholly compile. A method using a construct the runtime does not support fails with its
 * name and line when it is called, and the rest of its class runs. A class stopped by a compile error cannot be called
 * into: Salesforce's "Dependent class is invalid", naming the class and the reason.
 */
class DependentClassTest {
    private static final String USES_PAGE = """
            public class UsesPage {
                public static Integer one() {
                    return 1;
                }
                public static void page() {
                    Test.setCurrentPage(null);
                }
            }
            """;

    private static final String BROKEN = """
            public class Broken {
                public static Integer bad() {
                    return undefinedVariable;
                }
                public static Integer one() {
                    return 1;
                }
            }
            """;

    private static final String CALLER_TEST = """
            @IsTest
            private class CallerTest {
                @IsTest
                static void callsTheSupportedMethod() {
                    Assert.areEqual(1, UsesPage.one());
                }
                @IsTest
                static void callsTheUnsupportedMethod() {
                    UsesPage.page();
                }
                @IsTest
                static void callsIntoTheBrokenClass() {
                    Broken.one();
                }
            }
            """;

    private static List<TestResult> run() {
        InMemoryHost host = new InMemoryHost();
        Program p = Program.compile(
                List.of(
                        new ApexSource("UsesPage", USES_PAGE, false),
                        new ApexSource("Broken", BROKEN, false),
                        new ApexSource("CallerTest", CALLER_TEST, false)),
                host);
        return new TestRunner(p, host).run("CallerTest", null);
    }

    @Test
    void theOtherMethodsOfAClassWithAnUnsupportedConstructRun() {
        TestResult r = run().get(0);
        assertEquals("Pass", r.outcome(), r.toString());
    }

    @Test
    void callingTheMethodWithTheUnsupportedConstructFailsWithItsNameAndLine() {
        TestResult r = run().get(1);
        assertEquals("Fail", r.outcome(), r.toString());
        assertTrue(
                r.message().startsWith("not supported by the local org's Apex runtime: Test.setCurrentPage"),
                r.message());
        assertTrue(r.message().contains("line 6"), r.message());
    }

    @Test
    void callingIntoAClassStoppedByACompileErrorNamesTheClassAndTheReason() {
        TestResult r = run().get(2);
        assertEquals("CompileFail", r.outcome(), r.toString());
        assertTrue(
                r.message()
                        .endsWith("Dependent class is invalid and needs recompilation:\n Class Broken : line 3, column"
                                + " 16: Variable does not exist: undefinedVariable"),
                r.message());
    }
}
