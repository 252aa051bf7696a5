package dev.warden.localorg.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model wired into the real local-org store and rules (content versions, links, effective access): what the
 * package does once its metadata is deployed, and that it does nothing before.
 */
class PackageOnLocalOrgTest {
    static final ObjectMapper JSON = new ObjectMapper();
    Org org;
    WardenPackageModel model;
    String admin;

    static FieldDef text(String name) {
        return FieldDef.of(name, FieldType.STRING).build();
    }

    static FieldDef of(String name, FieldType type) {
        return FieldDef.of(name, type).build();
    }

    @BeforeEach
    void seed() {
        org = Org.seeded("admin@warden.local", Clock.systemUTC());
        admin = org.adminUserId();
        model = WardenPackageModel.install(org);
    }

    /** What deploying force-app gives the org (objects, texts, triggers, classes, policies, permission set). */
    void deployPackage(String triggerStatus) {
        var schema = org.schema();
        schema.define(ObjectDefinition.custom("Scan_Request__c", "Scan Request", List.of(text("Target_Id__c"), text("Target_Type__c"),
                text("Content_Version_Id__c"), text("Change__c"), text("Status__c"), of("Attempts__c", FieldType.DOUBLE),
                text("Verdict__c"), text("Claimed_By__c"), of("Claimed_At__c", FieldType.DATETIME), text("Error__c"),
                of("Last_Attempt_At__c", FieldType.DATETIME), text("Detector__c"), text("Reason__c"), text("Sha256__c"),
                of("Verdict_At__c", FieldType.DATETIME), text("Verdict_By__c"))).withAutoNumber("SR-{000000}"));
        schema.define(ObjectDefinition.custom("Quarantine_Item__c", "Quarantine Item", List.of(text("Target_Id__c"),
                text("Target_Type__c"), text("Status__c"), text("Reason__c"), text("Detector__c"), text("Sha256__c"),
                text("Original_Name__c"), text("Scan_Request__c"), of("Quarantined_At__c", FieldType.DATETIME),
                of("Restored_At__c", FieldType.DATETIME), text("Quarantined_By__c"), text("Restored_By__c"),
                of("Deleted_At__c", FieldType.DATETIME), text("Deleted_By__c"), text("Quarantined_Copy_Id__c"),
                text("Tombstone_Version_Id__c"), text("Restored_Version_Id__c"), text("Original_Document_Id__c"),
                text("Original_Content_Type__c"))).withAutoNumber("QI-{000000}"));
        schema.define(ObjectDefinition.custom("Scan_Event__e", "Scan Event", List.of(text("Scan_Request_Id__c"),
                text("Target_Id__c"), text("Target_Type__c"), text("Change__c"))));
        schema.define(ObjectDefinition.custom("Protection_Policy__mdt", "Protection Policy", List.of(text("Object_Name__c"),
                of("Enabled__c", FieldType.BOOLEAN), text("Action__c"), text("Fields__c"))));
        schema.define(ObjectDefinition.custom("Warden_Settings__c", "Warden Settings", List.of(of("Capture_Disabled__c",
                FieldType.BOOLEAN), of("Max_Attempts__c", FieldType.DOUBLE))).withKind(ObjectKind.CUSTOM_SETTING));
        var md = org.metadata();
        String actor = admin;
        md.deployStaticResource(actor, "WardenScenarios", "application/json", ScenarioTexts.bytes(), "Private", null);
        for (Map.Entry<String, String> t : CaptureModel.TRIGGERS.entrySet()) {
            md.deployApexTrigger(actor, t.getValue(), t.getKey(), "trigger " + t.getValue() + " on " + t.getKey()
                    + " (after insert, after update) { WardenCaptureHandler.handle(); }", 62.0, "Active".equals(triggerStatus),
                    Set.of("after insert", "after update"));
        }
        md.deployApexClass(actor, WardenPackageModel.VERDICT_CLASS, "global class WardenVerdictResource {}", 62.0, true);
        md.deployApexClass(actor, WardenPackageModel.RESTORE_CLASS, "global class WardenRestoreResource {}", 62.0, true);
        md.deployCustomPermission(actor, "Warden_Submit_Verdicts", "Submit verdicts", null);
        md.deployCustomPermission(actor, "Warden_Bypass_Capture", "Bypass capture", null);
        for (String object : CaptureModel.objects()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("DeveloperName", object);
            p.put("MasterLabel", object);
            p.put("Object_Name__c", object);
            p.put("Enabled__c", true);
            p.put("Action__c", "Queue_And_Publish");
            p.put("Fields__c", ScenarioReplayTest.POLICY_FIELDS.get(object));
            org.db().insert(Caller.system(admin), "Protection_Policy__mdt", p);
        }
    }

    void grant(String permissionSet, Set<String> customPermissions) {
        String psId = org.metadata().deployPermissionSet(admin, new PermissionSetContent(permissionSet, permissionSet, null, null,
                false, Set.of(), List.of(), customPermissions, Set.of()));
        org.db().insert(Caller.system(admin), "PermissionSetAssignment", Map.of("AssigneeId", admin, "PermissionSetId", psId));
    }

    String upload(byte[] data) {
        return org.db().insert(Caller.api(admin), "ContentVersion", new LinkedHashMap<>(Map.of("Title", "report", "PathOnClient",
                "report.txt", "VersionData", data)));
    }

    List<Record> requests() {
        return org.schema().get("Scan_Request__c") == null ? List.of() : org.db().rows("Scan_Request__c", false);
    }

    JsonNode post(String path, String body) throws Exception {
        ApexRestAnswer a = model.apexRest("POST", path, admin, body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        JsonNode n = JSON.readTree(a.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("_status", a.status());
        return n;
    }

    byte[] latest(String documentId) {
        for (Record v : org.db().findBy("ContentVersion", "ContentDocumentId", documentId)) {
            if (v.is("IsLatest")) {
                return (byte[]) v.get("VersionData");
            }
        }
        throw new AssertionError("no latest version of " + documentId);
    }

    @Test
    void withoutThePackageNothingIsCapturedAndTheEndpointsAreNotThere() {
        upload("hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(requests().isEmpty());
        assertTrue(model.apexRest("POST", "/warden/v1/verdicts", admin, "{}".getBytes(StandardCharsets.UTF_8)).isEmpty());
    }

    @Test
    void inactiveTriggersCaptureNothing() {
        deployPackage("Inactive");
        upload("hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(requests().isEmpty());
    }

    @Test
    void anUploadQueuesOnePendingRequestAndPublishesOneEvent() {
        deployPackage("Active");
        int eventsBefore = org.db().publishedEvents().size();
        String cv = upload("hello".getBytes(StandardCharsets.UTF_8));
        List<Record> rs = requests();
        assertEquals(1, rs.size());
        assertEquals(cv, rs.get(0).getString("Target_Id__c"));
        assertEquals("Pending", rs.get(0).getString("Status__c"));
        assertEquals("Insert", rs.get(0).getString("Change__c"));
        var events = org.db().publishedEvents().subList(eventsBefore, org.db().publishedEvents().size());
        assertEquals(1, events.size());
        assertEquals("Scan_Event__e", events.get(0).objectName());
    }

    @Test
    void theOrgWideKillSwitchStopsCapture() {
        deployPackage("Active");
        org.db().insert(Caller.system(admin), "Warden_Settings__c", Map.of("Name", "Org default", "SetupOwnerId", org.orgId(), "Capture_Disabled__c", true));
        upload("hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(requests().isEmpty());
    }

    @Test
    void theBypassPermissionStopsCaptureForItsHolder() {
        deployPackage("Active");
        grant("Warden_Bypass", Set.of("Warden_Bypass_Capture"));
        upload("hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(requests().isEmpty());
    }

    @Test
    void anUpdateIsCapturedOnlyWhenAWatchedFieldChangedAndAWatchedFieldTheObjectLacksCountsAsChanged() {
        deployPackage("Active");
        Record policy = org.db().findBy("Protection_Policy__mdt", "Object_Name__c", "ContentVersion").get(0);
        org.db().update(Caller.system(admin), policy.id(), Map.of("Fields__c", "Title"));
        String cv = upload("hello".getBytes(StandardCharsets.UTF_8));
        org.db().update(Caller.api(admin), cv, Map.of("Description", "not watched"));
        assertEquals(1, requests().size(), "Description is not in Fields__c: the update is not queued");

        org.db().update(Caller.system(admin), policy.id(), Map.of("Fields__c", "Title,Titel__c"));
        org.db().update(Caller.api(admin), cv, Map.of("Description", "still not watched"));

        assertEquals(2, requests().size(), "Titel__c does not exist on ContentVersion: capture fails open, as WardenCapture");
        assertEquals("Update", requests().get(1).getString("Change__c"));
    }

    @Test
    void verdictsNeedTheCustomPermission() throws Exception {
        deployPackage("Active");
        upload("x".getBytes(StandardCharsets.UTF_8));
        JsonNode answer = post("/warden/v1/verdicts", "{\"verdicts\":[]}");
        assertEquals(403, answer.path("_status").asInt());
        assertEquals("missingPermission", answer.path("errorCode").asText());
    }

    @Test
    void quarantineThenRestoreGivesTheOriginalBytesBackAndQueuesNothingNew() throws Exception {
        deployPackage("Active");
        grant("Warden_Scanner_Test", Set.of("Warden_Submit_Verdicts"));
        byte[] original = new byte[256];
        for (int i = 0; i < original.length; i++) {
            original[i] = (byte) i;
        }
        String cv = upload(original);
        String doc = org.db().live(cv).getString("ContentDocumentId");
        String request = requests().get(0).id();
        JsonNode v = post("/warden/v1/verdicts", "{\"verdicts\":[{\"requestId\":\"" + request
                + "\",\"verdict\":\"QUARANTINE\",\"detector\":\"eicar\",\"reason\":\"test\",\"sha256\":\"" + "b".repeat(64) + "\"}]}");
        assertEquals("APPLIED", v.path("results").path(0).path("status").asText(), v.toString());
        String item = v.path("results").path(0).path("quarantineItemId").asText();
        assertTrue(new String(latest(doc), StandardCharsets.UTF_8).contains(item));
        assertFalse(java.util.Arrays.equals(original, latest(doc)));
        Record copy = org.db().live(org.db().live(item).getString("Quarantined_Copy_Id__c"));
        assertArrayEquals(original, (byte[]) copy.get("VersionData"));
        List<String> linked = new ArrayList<>();
        org.db().findBy("ContentDocumentLink", "ContentDocumentId", copy.getString("ContentDocumentId"))
                .forEach(l -> linked.add(l.getString("LinkedEntityId")));
        assertTrue(linked.stream().anyMatch(id -> id.startsWith(item.substring(0, 15))), "copy linked to the item: " + linked);
        assertEquals("Done", org.db().live(request).getString("Status__c"));

        JsonNode r = post("/warden/v1/quarantine/" + item + "/restore", "");
        assertEquals(200, r.path("_status").asInt(), r.toString());
        assertEquals("Restored", r.path("status").asText());
        assertArrayEquals(original, latest(doc));
        assertEquals(1, requests().size(), "Warden's own writes are not captured");
    }

    /** The texts the model reads: force-app's resource when present, else the documented format's example texts. */
    static final class ScenarioTexts {
        static byte[] bytes() {
            try {
                java.nio.file.Path p = ScenarioReplayTest.fixture();
                if (java.nio.file.Files.exists(p)) {
                    return java.nio.file.Files.readAllBytes(p);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            String doc = "{\"version\":1,\"texts\":{\"fileTombstoneTitle\":\"{title} (quarantined)\",\"fileTombstoneBody\":"
                    + "\"Warden quarantined this file ({detector}: {reason}). Quarantine item {itemId}.\",\"feedTombstoneBody\":"
                    + "\"Warden quarantined this post ({detector}: {reason}). Quarantine item {itemId}.\",\"attachmentTombstoneBody\":"
                    + "\"Warden quarantined this attachment ({detector}: {reason}). Quarantine item {itemId}.\",\"errors\":{"
                    + "\"missingPermission\":\"Submitting verdicts requires the custom permission Warden_Submit_Verdicts.\"}},"
                    + "\"capture\":[],\"verdicts\":[],\"restore\":[]}";
            return doc.getBytes(StandardCharsets.UTF_8);
        }
    }
}
