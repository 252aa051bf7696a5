package dev.warden.localorg.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous Apex test runs over the wire, as sf reads them: the run id, the Tooling test objects moving to
 * Completed, one result per method with the runtime's message, coverage per test method, aggregated and org-wide, and
 * the Bayeux endpoint that tells a subscriber the run changed. (The whole sf flow: contract.SfApexTestContractTest.)
 */
class ApexTestRunsTest {
    static final String V = "/services/data/v67.0";
    // line numbers matter: 3 (if), 4 (return 0, never run by the tests), 6 (return n + n)
    static final String CALC = """
            public class Calc {
                public static Integer twice(Integer n) {
                    if (n == null) {
                        return 0;
                    }
                    return n + n;
                }
            }
            """;
    static final String CALC_TEST = """
            @IsTest
            private class CalcTest {
                @IsTest
                static void twiceDoubles() {
                    Assert.areEqual(4, Calc.twice(2), 'two twice');
                }

                @IsTest
                static void aWrongExpectationFails() {
                    Assert.areEqual(5, Calc.twice(2), 'five?');
                }
            }
            """;
    static LocalOrgServer server;
    static OrgClient api;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        String admin = server.org().adminUserId();
        server.org().metadata().deployApexClass(admin, "Calc", CALC, 62.0, true);
        server.org().metadata().deployApexClass(admin, "CalcTest", CALC_TEST, 62.0, true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode records(String soql) {
        OrgClient.Answer a = api.get(V + "/tooling/query?q=" + OrgClient.q(soql));
        assertEquals(200, a.status(), a.body());
        return a.json().path("records");
    }

    @Test
    void anAsyncRunAnswersItsJobIdThenRecordsResultsAndCoverageAsTheToolingObjects() throws Exception {
        OrgClient.Answer posted = api.post(
                V + "/tooling/runTestsAsynchronous", Map.of("tests", List.of(Map.of("className", "CalcTest"))));
        assertEquals(200, posted.status(), posted.body());
        String jobId = posted.json().asText();
        assertTrue(jobId.startsWith("707") && jobId.length() == 18, posted.body());

        JsonNode run = null;
        for (int i = 0; i < 300; i++) {
            run = records("SELECT AsyncApexJobId, Status, ClassesCompleted, ClassesEnqueued, MethodsEnqueued,"
                            + " MethodsCompleted, MethodsFailed, StartTime, EndTime, TestTime, TestSetupTime, UserId"
                            + " FROM ApexTestRunResult WHERE AsyncApexJobId = '" + jobId + "'")
                    .get(0);
            if (run.path("Status").asText().equals("Completed")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("Completed", run.path("Status").asText(), run.toString());
        assertEquals(1, run.path("ClassesEnqueued").asInt());
        assertEquals(1, run.path("ClassesCompleted").asInt());
        assertEquals(2, run.path("MethodsEnqueued").asInt());
        assertEquals(1, run.path("MethodsFailed").asInt());
        assertEquals(server.org().adminUserId(), run.path("UserId").asText());
        assertEquals(
                "Completed",
                records("SELECT Status FROM AsyncApexJob WHERE Id = '" + jobId + "'")
                        .get(0)
                        .path("Status")
                        .asText());

        JsonNode items = records("SELECT Id, Status, ApexClassId, TestRunResultId FROM ApexTestQueueItem"
                + " WHERE ParentJobId = '" + jobId + "'");
        assertEquals(1, items.size());
        assertEquals("Completed", items.get(0).path("Status").asText());

        JsonNode results = records("SELECT MethodName, Outcome, Message, StackTrace, ApexClass.Name FROM ApexTestResult"
                + " WHERE QueueItemId = '" + items.get(0).path("Id").asText() + "' ORDER BY MethodName");
        assertEquals(2, results.size(), results.toString());
        JsonNode failed = results.get(0);
        assertEquals("aWrongExpectationFails", failed.path("MethodName").asText());
        assertEquals("Fail", failed.path("Outcome").asText());
        assertEquals("CalcTest", failed.path("ApexClass").path("Name").asText());
        assertTrue(failed.path("Message").asText().contains("Expected: 5, Actual: 4"), failed.toString());
        assertTrue(
                failed.path("StackTrace").asText().contains("Class.CalcTest.aWrongExpectationFails: line 10"),
                failed.toString());
        assertEquals(
                "Pass", results.get(1).path("Outcome").asText(), results.get(1).toString());

        String testClassId =
                server.org().db().findOne("ApexClass", "Name", "CalcTest").id();
        JsonNode perTest = records("SELECT ApexTestClassId, ApexClassOrTrigger.Id, ApexClassOrTrigger.Name,"
                + " TestMethodName, NumLinesCovered, NumLinesUncovered, Coverage FROM ApexCodeCoverage"
                + " WHERE ApexTestClassId IN ('" + testClassId + "')");
        assertEquals(2, perTest.size(), "one row per test method for the one class they cover: " + perTest);
        for (JsonNode row : perTest) {
            assertEquals("Calc", row.path("ApexClassOrTrigger").path("Name").asText());
            assertEquals(List.of(3, 6), ints(row.path("Coverage").path("coveredLines")), row.toString());
            assertEquals(List.of(4), ints(row.path("Coverage").path("uncoveredLines")), row.toString());
            assertEquals(2, row.path("NumLinesCovered").asInt());
            assertEquals(1, row.path("NumLinesUncovered").asInt());
        }
        JsonNode aggregate = records("SELECT ApexClassOrTrigger.Name, NumLinesCovered, NumLinesUncovered, Coverage"
                + " FROM ApexCodeCoverageAggregate");
        assertEquals(1, aggregate.size(), "test classes are not counted: " + aggregate);
        assertEquals(List.of(3, 6), ints(aggregate.get(0).path("Coverage").path("coveredLines")));
        assertEquals(
                67,
                records("SELECT PercentCovered FROM ApexOrgWideCoverage")
                        .get(0)
                        .path("PercentCovered")
                        .asInt(),
                "2 of Calc's 3 executable lines");
    }

    @Test
    void theStreamingEndpointHandshakesSubscribesAndRefusesAnUnknownClient() {
        String cometd = "/cometd/67.0";
        JsonNode hs = api.post(
                        cometd,
                        List.of(Map.of(
                                "channel",
                                "/meta/handshake",
                                "version",
                                "1.0",
                                "supportedConnectionTypes",
                                List.of("long-polling"),
                                "id",
                                "1")))
                .json()
                .get(0);
        assertTrue(hs.path("successful").asBoolean(), hs.toString());
        String clientId = hs.path("clientId").asText();
        JsonNode sub = api.post(
                        cometd,
                        List.of(Map.of(
                                "channel",
                                "/meta/subscribe",
                                "clientId",
                                clientId,
                                "subscription",
                                "/systemTopic/TestResult",
                                "id",
                                "2")))
                .json()
                .get(0);
        assertTrue(sub.path("successful").asBoolean(), sub.toString());
        JsonNode other = api.post(
                        cometd,
                        List.of(Map.of(
                                "channel",
                                "/meta/subscribe",
                                "clientId",
                                clientId,
                                "subscription",
                                "/topic/Nope",
                                "id",
                                "3")))
                .json()
                .get(0);
        assertEquals(false, other.path("successful").asBoolean(), other.toString());
        JsonNode unknown = api.post(
                        cometd,
                        List.of(Map.of(
                                "channel",
                                "/meta/connect",
                                "clientId",
                                "nobody",
                                "connectionType",
                                "long-polling",
                                "id",
                                "4")))
                .json()
                .get(0);
        assertEquals("403::Unknown client", unknown.path("error").asText(), unknown.toString());
        assertEquals("handshake", unknown.path("advice").path("reconnect").asText());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
