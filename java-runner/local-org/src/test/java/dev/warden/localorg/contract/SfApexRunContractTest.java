package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real sf CLI's {@code sf apex run} (SOAP executeAnonymous) against the local org's Apex runtime. */
class SfApexRunContractTest {
    private static final String ALIAS = "apex-run-contract";
    private static LocalOrgServer server;
    private static SfCli sf;

    @BeforeAll
    static void login() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        sf.loginAsAdmin(server, ALIAS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode run(String code) throws Exception {
        Path file = Files.createTempFile(sf.home(), "anon", ".apex");
        Files.writeString(file, code);
        return sf.run("apex", "run", "--file", file.toString(), "--target-org", ALIAS, "--json")
                .json();
    }

    @Test
    void systemDebugOfOnePlusOnePrintsTwoInTheLog() throws Exception {
        JsonNode r = run("System.debug(1 + 1);\n");
        assertEquals(0, r.path("status").asInt(), r.toString());
        assertTrue(r.path("result").path("success").asBoolean(), r.toString());
        assertTrue(r.path("result").path("logs").asText().contains("|USER_DEBUG|[1]|DEBUG|2"), r.toString());
    }

    @Test
    void theRunsDebugLogIsListedAndReadBackBySfApexListLogAndGetLog() throws Exception {
        JsonNode ran = run("System.debug('kept in the log ' + (40 + 2));\n");
        assertTrue(ran.path("result").path("success").asBoolean(), ran.toString());
        JsonNode list =
                sf.run("apex", "list", "log", "--target-org", ALIAS, "--json").json();
        assertEquals(0, list.path("status").asInt(), list.toString());
        // Other tests of this class run Apex too: look for this run's log among the listed ones.
        boolean found = false;
        for (JsonNode log : list.path("result")) {
            assertTrue(log.path("Id").asText().startsWith("07L"), log.toString());
            JsonNode got = sf.run(
                            "apex", "get", "log", "--log-id", log.path("Id").asText(), "--target-org", ALIAS, "--json")
                    .json();
            if (got.toString().contains("|USER_DEBUG|[1]|DEBUG|kept in the log 42")) {
                assertEquals("Success", log.path("Status").asText(), log.toString());
                found = true;
            }
        }
        assertTrue(found, list.toString());
    }

    @Test
    void aCompileProblemIsReportedWithItsLineAndColumn() throws Exception {
        JsonNode r = run("Integer a = 1;\nSystem.debug(nope);\n");
        // sf exits 1 (executeCompileFailure) and puts the result under "data"
        assertEquals("executeCompileFailure", r.path("name").asText(), r.toString());
        JsonNode result = r.path("data");
        assertFalse(result.path("compiled").asBoolean(true), r.toString());
        assertEquals(
                "Variable does not exist: nope", result.path("compileProblem").asText(), r.toString());
        assertEquals(2, result.path("line").asInt(), r.toString());
    }

    @Test
    void anUncaughtExceptionIsReportedWithItsMessageAndStack() throws Exception {
        JsonNode r = run("System.debug('before');\nAssert.areEqual(1, 2, 'not equal');\n");
        assertEquals("executeRuntimeFailure", r.path("name").asText(), r.toString());
        JsonNode result = r.path("data");
        assertTrue(result.path("logs").asText().contains("|USER_DEBUG|[1]|DEBUG|before"), r.toString());
        assertTrue(result.path("compiled").asBoolean(), r.toString());
        assertFalse(result.path("success").asBoolean(true), r.toString());
        assertTrue(
                result.path("exceptionMessage").asText().startsWith("System.AssertException: Assertion Failed"),
                r.toString());
        assertTrue(result.path("exceptionStackTrace").asText().contains("line 2"), r.toString());
    }
}
