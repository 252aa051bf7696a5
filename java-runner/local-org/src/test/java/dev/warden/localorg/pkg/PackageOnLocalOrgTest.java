package dev.warden.localorg.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.localorg.apex.ApexRest;
import dev.warden.localorg.apex.OrgApex;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * force-app's own Apex on the local org (deployed as sf converts it, run by the Apex runtime): what the package does
 * once deployed, and that nothing of it exists before.
 */
class PackageOnLocalOrgTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void convert() throws Exception {
        if (DeployedPackageTest.zip == null) {
            DeployedPackageTest.convertForceApp();
        }
    }

    static String upload(Org org, String userId, byte[] data) {
        return org.db()
                .insert(
                        Caller.api(userId),
                        "ContentVersion",
                        new LinkedHashMap<>(
                                Map.of("Title", "report", "PathOnClient", "report.txt", "VersionData", data)));
    }

    static List<Record> requests(Org org) {
        return org.schema().get("Scan_Request__c") == null
                ? List.of()
                : org.db().rows("Scan_Request__c", false);
    }

    @Test
    void withoutThePackageNothingIsCapturedAndTheEndpointsAreNotThere() {
        Org org = Org.seeded("admin@warden.local", Clock.systemUTC());
        OrgApex.of(org);
        upload(org, org.adminUserId(), "hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(requests(org).isEmpty());
        Response r =
                ApexRest.call(org, org.adminUserId(), "POST", "/warden/v1/verdicts", null, "127.0.0.1", new byte[0]);
        assertEquals(404, r.status());
    }

    @Test
    void anUploadQueuesOnePendingRequestAndPublishesOneEvent() {
        DeployedPackageTest.Deployed d = DeployedPackageTest.deploy();
        int eventsBefore = d.org().db().publishedEvents().size();
        String cv = upload(d.org(), d.admin(), "hello".getBytes(StandardCharsets.UTF_8));
        List<Record> rs = requests(d.org());
        assertEquals(1, rs.size());
        assertEquals(cv, rs.get(0).getString("Target_Id__c"));
        assertEquals("Pending", rs.get(0).getString("Status__c"));
        var events = d.org()
                .db()
                .publishedEvents()
                .subList(eventsBefore, d.org().db().publishedEvents().size());
        assertEquals(1, events.size());
        assertEquals("Scan_Event__e", events.get(0).objectName());
    }

    @Test
    void theOrgWideKillSwitchStopsCapture() {
        DeployedPackageTest.Deployed d = DeployedPackageTest.deploy();
        d.org()
                .db()
                .insert(
                        Caller.system(d.admin()),
                        "Warden_Settings__c",
                        Map.of("Name", "Org default", "SetupOwnerId", d.org().orgId(), "Capture_Disabled__c", true));
        upload(d.org(), d.admin(), "hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(requests(d.org()).isEmpty());
    }

    @Test
    void verdictsNeedTheCustomPermission() throws Exception {
        DeployedPackageTest.Deployed d = DeployedPackageTest.deployOnly();
        Response r = d.apexRest("POST", "/warden/v1/verdicts", "{\"verdicts\":[]}");
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(403, r.status(), answer.toString());
        assertEquals("missingPermission", answer.path("errorCode").asText(), answer.toString());
    }

    @Test
    void anUncaughtApexExceptionAnswers500ApexErrorAndRollsBack() throws Exception {
        DeployedPackageTest.Deployed d = DeployedPackageTest.deploy();
        // without its texts the package's REST resources throw (WardenTexts reads the static resource on first use)
        d.org().metadata().deleteNamed(d.admin(), "StaticResource", "WardenScenarios");
        int before = d.org().db().count("Scan_Request__c");
        String ghost = d.org().schema().get("Scan_Request__c").keyPrefix() + "000000000999AAA";
        Response r = d.apexRest(
                "POST",
                "/warden/v1/verdicts",
                "{\"verdicts\":[{\"requestId\":\"" + ghost + "\",\"verdict\":\"CLEAN\"}]}");
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(500, r.status(), answer.toString());
        assertEquals("APEX_ERROR", answer.path(0).path("errorCode").asText(), answer.toString());
        assertTrue(answer.path(0).path("message").asText().contains("\n\nClass."), answer.toString());
        assertEquals(before, d.org().db().count("Scan_Request__c"));
    }

    @Test
    void aVerbTheResourceDoesNotHandleIs405() throws Exception {
        DeployedPackageTest.Deployed d = DeployedPackageTest.deploy();
        Response r = d.apexRest("GET", "/warden/v1/verdicts", "");
        assertEquals(405, r.status());
        assertEquals(
                "HTTP Method 'GET' not allowed. Allowed are POST",
                JSON.readTree(r.body()).path(0).path("message").asText());
    }
}
