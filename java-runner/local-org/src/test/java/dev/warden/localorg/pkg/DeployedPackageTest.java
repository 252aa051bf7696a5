package dev.warden.localorg.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.localorg.apex.ApexRest;
import dev.warden.localorg.apex.OrgApex;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * force-app converted by the real sf CLI and deployed by the local org's deploy engine, then exercised through its
 * own Apex run by the local org's Apex runtime: the triggers capture, the REST resources answer.
 */
class DeployedPackageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static byte[] zip;

    @BeforeAll
    static void convertForceApp() throws Exception {
        Path root = Path.of(System.getProperty("warden.root", "../.."))
                .toAbsolutePath()
                .normalize();
        Path out = Files.createTempDirectory("warden-mdapi");
        Path home = Files.createTempDirectory("warden-sf-home");
        ProcessBuilder pb = new ProcessBuilder(
                        root.resolve("scripts/lib/sf").toString(),
                        "project",
                        "convert",
                        "source",
                        "--source-dir",
                        "force-app",
                        "--output-dir",
                        out.resolve("pkg").toString(),
                        "--json")
                .directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES) && p.exitValue() == 0, "sf project convert source failed: " + log);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path pkg = out.resolve("pkg");
        try (Stream<Path> walk = Files.walk(pkg)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(pkg.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        zip = MdapiPackage.zip(files);
    }

    record Deployed(Org org, String admin) {
        Response apexRest(String method, String path, String body) {
            return ApexRest.call(org, admin, method, path, null, "127.0.0.1", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** force-app deployed to a fresh org; the admin holds none of the package's permission sets. */
    static Deployed deployOnly() {
        Org org = Org.seeded("admin@warden.local", Clock.systemUTC());
        OrgApex.of(org);
        DeployOutcome outcome = DeployEngine.deploy(org, org.adminUserId(), zip, DeployEngine.Options.defaults());
        assertTrue(outcome.success(), "deploy failed: " + outcome.errorMessage() + " " + outcome.failures());
        return new Deployed(org, org.adminUserId());
    }

    static Deployed deploy() {
        Org org = deployOnly().org();
        // The admin uploads, submits verdicts and restores. It must not hold Warden_Integration: that set carries
        // Warden_Bypass_Capture (the scanner's own writes are never captured), so the admin's uploads would be skipped.
        String verdicts = org.metadata()
                .deployPermissionSet(
                        org.adminUserId(),
                        new PermissionSetContent(
                                "Test_Submit_Verdicts",
                                "Test Submit Verdicts",
                                null,
                                null,
                                false,
                                Set.of(),
                                List.of(),
                                Set.of("Warden_Submit_Verdicts"),
                                Set.of()));
        assign(org, org.adminUserId(), verdicts);
        assign(
                org,
                org.adminUserId(),
                org.db().findOne("PermissionSet", "Name", "Warden_Admin").id());
        return new Deployed(org, org.adminUserId());
    }

    static void assign(Org org, String userId, String permissionSetId) {
        org.db()
                .insert(
                        Caller.system(org.adminUserId()),
                        "PermissionSetAssignment",
                        Map.of("AssigneeId", userId, "PermissionSetId", permissionSetId));
    }

    @Test
    void holdersOfTheIntegrationPermissionSetAreNotCaptured() {
        Deployed d = deploy();
        assign(
                d.org(),
                d.admin(),
                d.org()
                        .db()
                        .findOne("PermissionSet", "Name", "Warden_Integration")
                        .id());
        String cv = d.org()
                .db()
                .insert(
                        Caller.api(d.admin()),
                        "ContentVersion",
                        new LinkedHashMap<>(Map.of(
                                "Title",
                                "q3",
                                "PathOnClient",
                                "q3.txt",
                                "VersionData",
                                "x".getBytes(StandardCharsets.UTF_8))));
        assertEquals(
                0, d.org().db().findBy("Scan_Request__c", "Target_Id__c", cv).size());
    }

    @Test
    void theDeployedPackageCapturesAnUploadQuarantinesItAndRestoresTheSameBytes() throws Exception {
        Deployed d = deploy();
        byte[] original = "quarterly report\n".getBytes(StandardCharsets.UTF_8);
        String cv = d.org()
                .db()
                .insert(
                        Caller.api(d.admin()),
                        "ContentVersion",
                        new LinkedHashMap<>(Map.of("Title", "q3", "PathOnClient", "q3.txt", "VersionData", original)));
        List<Record> requests = d.org().db().findBy("Scan_Request__c", "Target_Id__c", cv);
        assertEquals(1, requests.size(), "the deployed ContentVersion policy captures the upload");
        assertEquals(
                1,
                d.org().db().publishedEvents().stream()
                        .filter(e -> e.objectName().equals("Scan_Event__e"))
                        .count());
        String request = requests.get(0).id();

        String body = "{\"verdicts\":[{\"requestId\":\"" + request
                + "\",\"verdict\":\"QUARANTINE\",\"detector\":\"dlp.card\"," + "\"reason\":\"test\",\"sha256\":\""
                + "c".repeat(64) + "\"}]}";
        Response v = d.apexRest("POST", "/warden/v1/verdicts", body);
        JsonNode result = JSON.readTree(v.body()).path("results").path(0);
        assertEquals("APPLIED", result.path("status").asText(), new String(v.body(), StandardCharsets.UTF_8));
        String item = result.path("quarantineItemId").asText();
        String doc = d.org().db().live(cv).getString("ContentDocumentId");
        String tombstone = new String(latest(d.org(), doc), StandardCharsets.UTF_8);
        assertTrue(
                tombstone.startsWith("Warden quarantined this file (dlp.card: test). Quarantine item " + item),
                tombstone);

        Response r = d.apexRest("POST", "/warden/v1/quarantine/" + item + "/restore", "");
        assertEquals(200, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        assertArrayEquals(original, latest(d.org(), doc));
        assertEquals(
                1, d.org().db().findBy("Scan_Request__c", "Target_Id__c", cv).size());
    }

    @Test
    void deployedTextsAreTheOnesTheEndpointsAnswerWith() throws Exception {
        Deployed d = deploy();
        String ghost = d.org().schema().get("Scan_Request__c").keyPrefix() + "000000000999AAA";
        Response v = d.apexRest(
                "POST",
                "/warden/v1/verdicts",
                "{\"verdicts\":[{\"requestId\":\"" + ghost + "\",\"verdict\":\"CLEAN\"}]}");
        assertEquals(
                "Scan request " + ghost + " not found.",
                JSON.readTree(v.body()).path("results").path(0).path("error").asText());
    }

    static byte[] latest(Org org, String documentId) throws IOException {
        for (Record v : org.db().findBy("ContentVersion", "ContentDocumentId", documentId)) {
            if (v.is("IsLatest")) {
                return (byte[]) v.get("VersionData");
            }
        }
        throw new AssertionError("no latest version");
    }
}
