package dev.warden.localorg.pkg;

import static dev.warden.localorg.pkg.ScenarioReplayTest.JSON;
import static dev.warden.localorg.pkg.ScenarioReplayTest.SCANNER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Error texts get exactly the placeholder values the Apex passes (WardenVerdictPlan.values plus the extras of each
 * error; WardenRestoreService.Response.values): a placeholder the Apex does not fill stays as written, and one it
 * fills with null becomes empty. Proven with a resource whose texts name placeholders the shipped texts do not use.
 */
class PackageErrorTextsTest {
    private static ScenarioReplayTest.World worldWith(String key, String template) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(ScenarioReplayTest.fixtureBytes());
        ((ObjectNode) doc.path("texts").path("errors")).put(key, template);
        return new ScenarioReplayTest.World(doc.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String firstError(ScenarioReplayTest.World w, String requestId, String verdict) throws Exception {
        JsonNode body = JSON.readTree(w.verdicts(SCANNER, List.<String[]>of(new String[] {requestId, verdict})).body());
        return body.path("results").path(0).path("error").asText();
    }

    @Test
    void requestNotFoundFillsOnlyTheRequestAndTheVerdict() throws Exception {
        ScenarioReplayTest.World w = worldWith("requestNotFound", "{verdict} {requestId} [{status}] [{targetId}] [{reason}]");
        String missing = w.org.newId("Scan_Request__c");

        assertEquals("CLEAN " + missing + " [{status}] [{targetId}] [{reason}]", firstError(w, missing, "CLEAN"));
    }

    @Test
    void aDecisionErrorFillsTheStatusEvenWhenThereIsNoPreviousVerdict() throws Exception {
        ScenarioReplayTest.World w = worldWith("deleteWithoutQuarantine", "{requestId} [{status}] [{targetId}]");
        String requestId = w.requestFor(w.createTarget("FeedItem", true));

        assertEquals(requestId + " [] [{targetId}]", firstError(w, requestId, "DELETE"));
    }

    @Test
    void targetNotFoundFillsTheTargetButNotTheStatus() throws Exception {
        ScenarioReplayTest.World w = worldWith("targetNotFound", "{targetId} {requestId} [{status}]");
        String target = w.createTarget("Attachment", true);
        String requestId = w.requestFor(target);
        w.org.delete(ScenarioReplayTest.ADMIN, target);

        assertEquals(target + " " + requestId + " [{status}]", firstError(w, requestId, "QUARANTINE"));
    }

    @Test
    void restoreErrorsAfterTheItemIsFoundCarryItsStatus() throws Exception {
        ScenarioReplayTest.World w = worldWith("targetNotFound", "{targetId} {requestId} [{status}] [{verdict}]");
        String target = w.createTarget("FeedItem", true);
        String requestId = w.requestFor(target);
        w.verdict(SCANNER, requestId, "QUARANTINE");
        String itemId = (String) w.itemOf(requestId).get("Id");
        w.org.delete(ScenarioReplayTest.ADMIN, target);

        ApexRestAnswer answer = w.restore(itemId);

        assertEquals(410, answer.status());
        assertEquals(target + " " + requestId + " [Quarantined] [{verdict}]", JSON.readTree(answer.body()).path("error").asText());
    }
}
