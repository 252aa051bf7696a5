package dev.warden.localorg.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.apex.OrgApex;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.ComponentResult;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** force-app's Apex reached over the wire: REST/composite writes fire its triggers, Apex REST runs its resources. */
class ApexOverTheApisTest {
    static final String V = "/services/data/v67.0";
    static LocalOrgServer server;
    static OrgClient api;

    @BeforeAll
    static void start() throws Exception {
        if (DeployedPackageTest.zip == null) {
            DeployedPackageTest.convertForceApp();
        }
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        DeployOutcome outcome = DeployEngine.deploy(
                server.org(), server.org().adminUserId(), DeployedPackageTest.zip, DeployEngine.Options.defaults());
        assertTrue(outcome.success(), "deploy failed: " + outcome.failures());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twoHundredContentVersionsOverCompositeFireTheTriggerOnceAndCaptureTwoHundredRequests() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(Map.of(
                    "attributes",
                    Map.of("type", "ContentVersion"),
                    "Title",
                    "f" + i,
                    "PathOnClient",
                    "f" + i + ".txt",
                    "VersionData",
                    Base64.getEncoder().encodeToString(("file " + i).getBytes(StandardCharsets.UTF_8))));
        }
        int before = server.org().db().count("Scan_Request__c");
        long chunksBefore = OrgApex.of(server.org()).triggerChunksFired();
        OrgClient.Answer a = api.post(V + "/composite/sobjects", Map.of("allOrNone", true, "records", records));
        assertEquals(200, a.status(), a.body());
        for (JsonNode r : a.json()) {
            assertTrue(r.path("success").asBoolean(), r.toString());
        }
        assertEquals(
                1,
                OrgApex.of(server.org()).triggerChunksFired() - chunksBefore,
                "one after-insert chunk of 200 rows runs the ContentVersion trigger once");
        assertEquals(before + 200, server.org().db().count("Scan_Request__c"));
    }

    @Test
    void aSingleRestCreateIsCapturedByTheDeployedTrigger() {
        OrgClient.Answer a = api.post(
                V + "/sobjects/ContentVersion",
                Map.of(
                        "Title",
                        "one",
                        "PathOnClient",
                        "one.txt",
                        "VersionData",
                        Base64.getEncoder().encodeToString("one".getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, a.status(), a.body());
        String id = a.json().path("id").asText();
        List<Record> requests = server.org().db().findBy("Scan_Request__c", "Target_Id__c", id);
        assertEquals(1, requests.size());
    }

    @Test
    void apexRestAnswersFromTheDeployedResource() {
        OrgClient.Answer a = api.post("/services/apexrest/warden/v1/verdicts", Map.of("verdicts", List.of()));
        // the admin holds no Warden permission set here: the package's own refusal, from its own Apex
        assertEquals(403, a.status(), a.body());
        assertEquals("missingPermission", a.json().path("errorCode").asText(), a.body());
        assertEquals(404, api.post("/services/apexrest/nothing/here", Map.of()).status());
    }

    @Test
    void aClassThatDoesNotCompileFailsTheDeployWithLineAndColumn() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "package.xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
                                + "<types><members>Broken</members><name>ApexClass</name></types><version>62.0</version></Package>")
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                "classes/Broken.cls",
                "public class Broken {\n    public static Integer m() {\n        return y;\n    }\n}\n"
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                "classes/Broken.cls-meta.xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
                                + "<apiVersion>62.0</apiVersion><status>Active</status></ApexClass>")
                        .getBytes(StandardCharsets.UTF_8));
        DeployOutcome outcome = DeployEngine.deploy(
                server.org(), server.org().adminUserId(), MdapiPackage.zip(files), DeployEngine.Options.defaults());
        assertFalse(outcome.success());
        ComponentResult f = outcome.failures().get(0);
        assertEquals("Broken", f.fullName());
        assertEquals("Variable does not exist: y", f.problem());
        assertEquals(3, f.lineNumber());
        assertTrue(server.org().db().findBy("ApexClass", "Name", "Broken").isEmpty(), "rolled back");
    }

    @Test
    void runTestsSynchronousRunsThePackagesFiftyTestMethodsInIsolationAndReportsCoverage() {
        int requestsBefore = server.org().db().count("Scan_Request__c");
        OrgClient.Answer a = api.post(
                V + "/tooling/runTestsSynchronous", Map.of("testLevel", "RunLocalTests", "skipCodeCoverage", false));
        assertEquals(200, a.status(), a.body());
        JsonNode r = a.json();
        assertEquals(50, r.path("numTestsRun").asInt(), a.body());
        assertEquals(0, r.path("numFailures").asInt(), r.path("failures").toString());
        int locations = 0;
        int notCovered = 0;
        for (JsonNode c : r.path("codeCoverage")) {
            locations += c.path("numLocations").asInt();
            notCovered += c.path("numLocationsNotCovered").asInt();
        }
        assertTrue(
                locations > 0 && notCovered < locations, r.path("codeCoverage").toString());
        System.out.printf(
                "runTestsSynchronous RunLocalTests: %d methods, %d failures, %.1f%% of %d lines covered, %.0f ms%n",
                r.path("numTestsRun").asInt(),
                r.path("numFailures").asInt(),
                100.0 * (locations - notCovered) / locations,
                locations,
                r.path("totalTime").asDouble());
        assertEquals(requestsBefore, server.org().db().count("Scan_Request__c"), "every test's writes are rolled back");
    }
}
