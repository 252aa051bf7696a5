package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real sf CLI's {@code sf apex run test} and {@code sf apex get test} against the local org with the package's
 * force-app deployed: the package's own Apex tests run in the local org's Apex runtime (async runs through
 * runTestsAsynchronous, the Tooling test objects and the coverage objects; sync runs through runTestsSynchronous).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SfApexTestContractTest {
    private static final String ALIAS = "apex-test-contract";
    private static final Pattern TEST_METHOD = Pattern.compile(
            "@IsTest(?:\\([^)]*\\))?\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:static|public|private|global)\\s+)+void\\s+"
                    + "(\\w+)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static LocalOrgServer server;
    private static SfCli sf;
    private static Path project;
    private static String asyncRunId;

    @BeforeAll
    static void deployForceApp() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        sf.loginAsAdmin(server, ALIAS);
        project = sf.project();
        sf.copyIntoProject(SfCli.repoRoot().resolve("force-app"), "force-app");
        sf.write("sfdx-project.json", SfCli.FORCE_APP_PROJECT);
        // The deploy itself runs every local test inside its transaction and reports them as the Metadata API does.
        SfCli.Result deployed = sf.run(
                "project",
                "deploy",
                "start",
                "--source-dir",
                "force-app",
                "--target-org",
                ALIAS,
                "--test-level",
                "RunLocalTests",
                "--wait",
                "10",
                "--json");
        assertEquals(0, deployed.exit(), deployed.stdout() + deployed.stderr());
        JsonNode tests = deployed.json().path("result").path("details").path("runTestResult");
        assertEquals(50, tests.path("numTestsRun").asInt(), tests.toString());
        assertEquals(0, tests.path("numFailures").asInt(), tests.toString());
        assertEquals(50, tests.path("successes").size(), tests.toString());
        assertTrue(tests.path("codeCoverage").size() > 0, tests.toString());
        assertEquals(0, tests.path("codeCoverageWarnings").size(), "org-wide coverage is above 75%: " + tests);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void runLocalTestsRunsEveryPackageTestMethodAndReportsClassAndOrgWideCoverage() throws Exception {
        SfCli.Result r = sf.run(
                "apex",
                "run",
                "test",
                "--test-level",
                "RunLocalTests",
                "--code-coverage",
                "--result-format",
                "json",
                "--wait",
                "10",
                "--target-org",
                ALIAS);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        JsonNode result = r.json().path("result");
        JsonNode summary = result.path("summary");
        assertEquals("Passed", summary.path("outcome").asText(), summary.toString());
        asyncRunId = summary.path("testRunId").asText();
        assertTrue(asyncRunId.startsWith("707"), summary.toString());

        Set<String> ran = new TreeSet<>();
        for (JsonNode t : result.path("tests")) {
            assertEquals("Pass", t.path("Outcome").asText(), t.toString());
            ran.add(t.path("ApexClass").path("Name").asText() + "."
                    + t.path("MethodName").asText());
        }
        Set<String> declared = packageTestMethods();
        assertEquals(50, declared.size(), "the package declares 50 @IsTest methods: " + declared);
        assertEquals(declared, ran);

        Set<String> coveredClasses = new TreeSet<>();
        for (JsonNode c : result.path("coverage").path("coverage")) {
            assertTrue(c.path("totalLines").asInt() > 0, c.toString());
            coveredClasses.add(c.path("name").asText());
        }
        assertTrue(
                coveredClasses.containsAll(Set.of(
                        "WardenCapture",
                        "WardenQuarantineWriter",
                        "WardenVerdictService",
                        "WardenContentVersionCapture")),
                coveredClasses.toString());
        assertTrue(coveredClasses.stream().noneMatch(n -> n.endsWith("Test")), "test classes are not counted");
        int orgWide = Integer.parseInt(summary.path("orgWideCoverage").asText().replace("%", ""));
        assertTrue(orgWide >= 85, "org-wide coverage " + orgWide + "% (goal: at least 85%)");
    }

    @Test
    @Order(2)
    void junitFormatReportsEveryMethodOfTheNamedClassAsATestcase() {
        SfCli.Result r = sf.run(
                "apex",
                "run",
                "test",
                "--class-names",
                "WardenTextsTest",
                "--result-format",
                "junit",
                "--wait",
                "10",
                "--target-org",
                ALIAS);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("<testsuite name=\"force.apex\""), r.stdout());
        assertTrue(r.stdout().contains("tests=\"5\" failures=\"0\""), r.stdout());
        assertEquals(5, count(r.stdout(), "<testcase name="), r.stdout());
    }

    @Test
    @Order(3)
    void getTestReadsAFinishedRunBackWithItsCoverage() {
        SfCli.Result r = sf.run(
                "apex", "get", "test", "--test-run-id", asyncRunId, "--code-coverage", "--target-org", ALIAS, "--json");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        JsonNode result = r.json().path("result");
        assertEquals(asyncRunId, result.path("summary").path("testRunId").asText());
        assertEquals(
                50,
                result.path("summary").path("testsRan").asInt(),
                result.path("summary").toString());
        assertTrue(result.path("coverage").path("coverage").size() > 0, result.toString());
    }

    @Test
    @Order(4)
    void synchronousRunOfOneMethodWithTapOutput() {
        SfCli.Result r = sf.run(
                "apex",
                "run",
                "test",
                "--synchronous",
                "--tests",
                "WardenTextsTest.formatFillsEveryKnownPlaceholderInOnePass",
                "--code-coverage",
                "--result-format",
                "tap",
                "--target-org",
                ALIAS);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("1..1"), r.stdout());
        assertTrue(r.stdout().contains("ok 1 WardenTextsTest.formatFillsEveryKnownPlaceholderInOnePass"), r.stdout());
    }

    @Test
    @Order(5)
    void aBrokenAssertionInACopyOfATestClassFailsThatTestWithTheAssertionsMessageAndLine() throws Exception {
        Path classes = project.resolve("force-app/main/default/classes/broken");
        Files.createDirectories(classes);
        String original =
                Files.readString(project.resolve("force-app/main/default/classes/shared/WardenTextsTest.cls"));
        String broken = original.replace("private class WardenTextsTest", "private class WardenTextsBrokenTest")
                .replace(
                        "Assert.areEqual('eicar: contains {detector} (eicar)', text,",
                        "Assert.areEqual('eicar: broken', text,");
        assertTrue(!broken.equals(original) && broken.contains("WardenTextsBrokenTest"), "the copy was changed");
        Files.writeString(classes.resolve("WardenTextsBrokenTest.cls"), broken);
        Files.copy(
                project.resolve("force-app/main/default/classes/shared/WardenTextsTest.cls-meta.xml"),
                classes.resolve("WardenTextsBrokenTest.cls-meta.xml"));
        int line = lineOf(broken, "'eicar: broken'");
        String brokenDir = "force-app/main/default/classes/broken";

        // A deploy that runs the broken test fails, prints the failure, and leaves the class out of the org.
        SfCli.Result refused = sf.run(
                "project",
                "deploy",
                "start",
                "--source-dir",
                brokenDir,
                "--target-org",
                ALIAS,
                "--test-level",
                "RunSpecifiedTests",
                "--tests",
                "WardenTextsBrokenTest",
                "--wait",
                "10");
        assertEquals(1, refused.exit(), refused.stdout() + refused.stderr());
        assertTrue(refused.stdout().contains("Test Failures [1]"), refused.stdout());
        assertTrue(
                refused.stdout().contains("WardenTextsBrokenTest.formatFillsEveryKnownPlaceholderInOnePass"),
                refused.stdout());
        assertTrue(
                refused.stdout()
                        .contains(
                                "Class.WardenTextsBrokenTest.formatFillsEveryKnownPlaceholderInOnePass: line " + line),
                refused.stdout());
        SfCli.Result absent = sf.run(
                "data",
                "query",
                "--use-tooling-api",
                "--query",
                "SELECT Id FROM ApexClass WHERE Name = 'WardenTextsBrokenTest'",
                "--target-org",
                ALIAS,
                "--json");
        assertEquals(0, absent.json().path("result").path("totalSize").asInt(), absent.stdout());

        SfCli.Result deployed = sf.run(
                "project",
                "deploy",
                "start",
                "--source-dir",
                brokenDir,
                "--target-org",
                ALIAS,
                "--wait",
                "10",
                "--json");
        assertEquals(0, deployed.exit(), deployed.stdout() + deployed.stderr());

        SfCli.Result r = sf.run(
                "apex",
                "run",
                "test",
                "--class-names",
                "WardenTextsBrokenTest",
                "--result-format",
                "json",
                "--wait",
                "10",
                "--target-org",
                ALIAS);
        JsonNode result = r.json().path("result");
        assertEquals("Failed", result.path("summary").path("outcome").asText(), r.stdout());
        assertEquals(1, result.path("summary").path("failing").asInt(), r.stdout());
        assertEquals(4, result.path("summary").path("passing").asInt(), r.stdout());
        for (JsonNode t : result.path("tests")) {
            if (t.path("MethodName").asText().equals("formatFillsEveryKnownPlaceholderInOnePass")) {
                assertEquals("Fail", t.path("Outcome").asText(), t.toString());
                assertTrue(
                        t.path("Message").asText().startsWith("System.AssertException: Assertion Failed"),
                        t.toString());
                assertTrue(t.path("Message").asText().contains("values are never re-expanded"), t.toString());
                assertTrue(
                        t.path("StackTrace")
                                .asText()
                                .contains("Class.WardenTextsBrokenTest.formatFillsEveryKnownPlaceholderInOnePass: line "
                                        + line),
                        t.toString());
            } else {
                assertEquals("Pass", t.path("Outcome").asText(), t.toString());
            }
        }
    }

    @Test
    @Order(6)
    void aDeployedTestSuiteRunsItsClassesAndAnUnknownSuiteIsAnError() throws Exception {
        Path suites = Files.createDirectories(project.resolve("force-app/main/default/testSuites"));
        Files.writeString(suites.resolve("WardenTexts.testSuite-meta.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <ApexTestSuite xmlns="http://soap.sforce.com/2006/04/metadata">
                    <testClassName>WardenTextsTest</testClassName>
                </ApexTestSuite>
                """);
        SfCli.Result deployed = sf.run(
                "project",
                "deploy",
                "start",
                "--source-dir",
                "force-app/main/default/testSuites",
                "--target-org",
                ALIAS,
                "--wait",
                "10",
                "--json");
        assertEquals(0, deployed.exit(), deployed.stdout() + deployed.stderr());
        SfCli.Result r = sf.run(
                "apex",
                "run",
                "test",
                "--suite-names",
                "WardenTexts",
                "--result-format",
                "json",
                "--wait",
                "10",
                "--target-org",
                ALIAS);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertEquals(5, r.json().path("result").path("summary").path("testsRan").asInt(), r.stdout());
        SfCli.Result unknown =
                sf.run("apex", "run", "test", "--suite-names", "NoSuchSuite", "--wait", "10", "--target-org", ALIAS);
        String said = unknown.stdout() + unknown.stderr();
        assertTrue(unknown.exit() != 0 && said.contains("No test suite found: NoSuchSuite"), said);
    }

    /** The (class, method) pairs of every {@code @IsTest} method in force-app, read from the source. */
    private static Set<String> packageTestMethods() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SfCli.repoRoot().resolve("force-app"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cls")).toList()) {
                String name = f.getFileName().toString().replace(".cls", "");
                Matcher m = TEST_METHOD.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(name + "." + m.group(1));
                }
            }
        }
        return out;
    }

    private static int lineOf(String text, String needle) {
        String before = text.substring(0, text.indexOf(needle));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
