package dev.warden.localorg.pkg;

import static dev.warden.localorg.pkg.ScenarioReplayTest.JSON;
import static dev.warden.localorg.pkg.ScenarioReplayTest.SCANNER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule 3 of the quarantine flow (WardenVerdictService.execute, WardenRestoreService.restore): when Salesforce refuses
 * a content write, every content write of the call is rolled back, every QUARANTINE and DELETE of the call answers
 * {@code applyFailed} with Salesforce's words, and the request counts an attempt. The scenario fixture cannot express
 * a refused write (Apex has no seam to make the platform refuse one), so the Java model proves it here with a record
 * store that refuses writes to one object.
 */
class PackageRefusedWritesTest {
    private static final String REFUSAL = "Attachment records are locked while under review.";

    private ScenarioReplayTest.World w;

    @BeforeEach
    void world() throws Exception {
        w = new ScenarioReplayTest.World(ScenarioReplayTest.fixtureBytes());
    }

    private JsonNode call(List<String[]> verdicts) throws Exception {
        ApexRestAnswer answer = w.verdicts(SCANNER, verdicts);
        assertEquals(200, answer.status(), answer.body());
        return JSON.readTree(answer.body()).path("results");
    }

    private String applyFailed(String verdict, String requestId, String reason) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("verdict", verdict);
        values.put("requestId", requestId);
        values.put("reason", reason);
        return w.texts.error("applyFailed", values);
    }

    @Test
    void aRefusedTombstoneRollsBackEveryContentWriteOfTheCallAndFailsEveryQuarantineOfIt() throws Exception {
        String post = w.createTarget("FeedItem", true);
        String attachment = w.createTarget("Attachment", true);
        String file = w.createTarget("ContentVersion", true);
        byte[] postBefore = w.content("FeedItem", post);
        String postRequest = w.requestFor(post);
        String attachmentRequest = w.requestFor(attachment);
        String fileRequest = w.requestFor(file);
        w.org.refuseWritesOn.add("Attachment");

        JsonNode results = call(List.of(new String[] {postRequest, "QUARANTINE"}, new String[] {attachmentRequest, "QUARANTINE"},
                new String[] {fileRequest, "CLEAN"}));

        assertEquals("FAILED", results.path(0).path("status").asText());
        assertEquals(applyFailed("QUARANTINE", postRequest, REFUSAL), results.path(0).path("error").asText());
        assertEquals(applyFailed("QUARANTINE", attachmentRequest, REFUSAL), results.path(1).path("error").asText());
        assertNull(results.path(0).path("quarantineItemId").textValue(), "no item survives the rollback");
        assertEquals("APPLIED", results.path(2).path("status").asText(), "a CLEAN writes no content and still applies");
        assertArrayEquals(postBefore, w.content("FeedItem", post), "the post's tombstone was rolled back");
        assertEquals(0, w.org.all("Quarantine_Item__c").size(), "no quarantine item left behind");
        for (String requestId : List.of(postRequest, attachmentRequest)) {
            Map<String, Object> request = w.org.get(requestId);
            assertEquals("Pending", request.get("Status__c"), "kept for a retry");
            assertEquals(1.0, request.get("Attempts__c"));
            assertNull(request.get("Verdict__c"));
            assertEquals(applyFailed("QUARANTINE", requestId, REFUSAL), request.get("Error__c"));
        }
        assertEquals("Done", w.org.get(fileRequest).get("Status__c"));
    }

    @Test
    void aRequestFailsOnceItsAttemptsReachTheConfiguredBudget() throws Exception {
        String attachment = w.createTarget("Attachment", true);
        String requestId = w.requestFor(attachment);
        w.org.settingsByUser.put(SCANNER, Map.of("Max_Attempts__c", 2.0));
        w.org.refuseWritesOn.add("Attachment");

        call(List.<String[]>of(new String[] {requestId, "QUARANTINE"}));
        assertEquals("Pending", w.org.get(requestId).get("Status__c"), "one attempt of two");
        call(List.<String[]>of(new String[] {requestId, "QUARANTINE"}));

        assertEquals("Failed", w.org.get(requestId).get("Status__c"), "two attempts of two");
        assertEquals(2.0, w.org.get(requestId).get("Attempts__c"));
    }

    @Test
    void aDeleteInTheSameCallAsARefusedQuarantineIsRolledBackToo() throws Exception {
        String file = w.createTarget("ContentVersion", true);
        String fileRequest = w.requestFor(file);
        call(List.<String[]>of(new String[] {fileRequest, "QUARANTINE"}));
        Map<String, Object> item = w.itemOf(fileRequest);
        String copyId = (String) item.get("Quarantined_Copy_Id__c");
        String attachment = w.createTarget("Attachment", true);
        String attachmentRequest = w.requestFor(attachment);
        w.org.refuseWritesOn.add("Attachment");

        JsonNode results = call(List.of(new String[] {fileRequest, "DELETE"}, new String[] {attachmentRequest, "QUARANTINE"}));

        assertEquals(applyFailed("DELETE", fileRequest, REFUSAL), results.path(0).path("error").asText());
        assertEquals(item.get("Id"), results.path(0).path("quarantineItemId").asText(), "names the item as it was before the call");
        assertEquals("Quarantined", w.org.get((String) item.get("Id")).get("Status__c"));
        assertEquals(copyId, w.org.get(copyId) == null ? null : copyId, "the private copy was not deleted");
        assertEquals("QUARANTINE", w.org.get(fileRequest).get("Verdict__c"), "the request keeps its verdict");
        assertEquals(1.0, w.org.get(fileRequest).get("Attempts__c"));
    }

    @Test
    void aRefusedRestoreAnswers400AndLeavesTheItemQuarantined() throws Exception {
        String attachment = w.createTarget("Attachment", true);
        String requestId = w.requestFor(attachment);
        call(List.<String[]>of(new String[] {requestId, "QUARANTINE"}));
        String itemId = (String) w.itemOf(requestId).get("Id");
        byte[] tombstone = w.content("Attachment", attachment);
        w.org.refuseWritesOn.add("Attachment");

        ApexRestAnswer answer = w.restore(itemId);

        assertEquals(400, answer.status(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("Quarantined", body.path("status").asText());
        assertEquals(applyFailed("RESTORE", requestId, REFUSAL), body.path("error").asText());
        assertEquals("Quarantined", w.org.get(itemId).get("Status__c"));
        assertArrayEquals(tombstone, w.content("Attachment", attachment), "the tombstone stays");
        assertNull(w.org.get(itemId).get("Restored_At__c"));
    }

    @Test
    void aRefusedRequestUpdateAfterAQuarantineAnswersApplyFailedAndARetryIsIgnoredWithTheItem() throws Exception {
        String post = w.createTarget("FeedItem", true);
        String requestId = w.requestFor(post);
        w.org.editable.put(SCANNER, java.util.Set.of());

        JsonNode first = call(List.<String[]>of(new String[] {requestId, "QUARANTINE"}));

        assertEquals("FAILED", first.path(0).path("status").asText());
        assertNull(first.path(0).path("quarantineItemId").textValue(), "WardenVerdictPlan.refuse names the item as before the call");
        Map<String, Object> item = w.itemOf(requestId);
        assertEquals("Quarantined", item.get("Status__c"), "the content writes were not refused, so they stay");
        assertNull(w.org.get(requestId).get("Verdict__c"));
        w.org.editable.put(SCANNER, java.util.Set.of("Scan_Request__c"));

        JsonNode retry = call(List.<String[]>of(new String[] {requestId, "QUARANTINE"}));

        assertEquals("IGNORED", retry.path(0).path("status").asText(), "an item without a recorded verdict means QUARANTINE");
        assertEquals(item.get("Id"), retry.path(0).path("quarantineItemId").asText());
        assertEquals(1, w.org.findBy("Quarantine_Item__c", "Target_Id__c", post).size(), "never quarantined twice");
    }
}
