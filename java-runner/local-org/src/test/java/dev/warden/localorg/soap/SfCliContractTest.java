package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.contract.SfCli;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real sf CLI (scripts/lib/sf, private HOME) deploying to and retrieving from the local org: what sf sends and
 * needs back (sf-cli-wire.md). Each sf call costs ~2 s, so the suite is five calls.
 */
class SfCliContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS = "soap-contract";
    private static LocalOrgServer server;
    private static SfCli sf;
    private static Path project;

    @BeforeAll
    static void login() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        project = sf.project();
        // The package's own source is a second package directory, so the other tests' deploys of force-app stay small.
        sf.copyIntoProject(SfCli.repoRoot().resolve("force-app"), "warden");
        sf.write(
                "sfdx-project.json",
                "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true},{\"path\":\"warden\"}],"
                        + "\"sourceApiVersion\":\"62.0\"}");
        Files.createDirectories(project.resolve("force-app/main/default"));
        sf.loginAsAdmin(server, ALIAS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Result(int exit, String text, JsonNode json) {}

    private static Result sf(Map<String, String> env, String... args) {
        SfCli.Result r = sf.run(env, args);
        JsonNode json = null;
        int brace = r.stdout().indexOf('{');
        if (brace >= 0) {
            try {
                json = JSON.readTree(r.stdout().substring(brace));
            } catch (IOException e) {
                json = null;
            }
        }
        return new Result(r.exit(), r.stdout(), json);
    }

    private static void writeClass(String name, String body) throws IOException {
        Path dir = project.resolve("force-app/main/default/classes");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".cls"), body);
        Files.writeString(
                dir.resolve(name + ".cls-meta.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexClass"
                        + " xmlns=\"http://soap.sforce.com/2006/04/metadata\"><apiVersion>62.0</apiVersion><status>Active</status>"
                        + "</ApexClass>\n");
    }

    @Test
    void project_deploy_start_of_the_real_force_app_over_soap_succeeds_and_lands_in_the_org() throws Exception {
        Result r = sf(
                Map.of(),
                "project",
                "deploy",
                "start",
                "--source-dir",
                "warden",
                "--target-org",
                ALIAS,
                "--wait",
                "10",
                "--json");

        assertEquals(0, r.exit, r.text);
        assertTrue(r.json.path("result").path("success").asBoolean(), r.text);
        var org = server.org();
        assertNotNull(org.schema().get("Scan_Request__c"));
        assertNotNull(org.schema().get("Scan_Event__e"));
        Record trigger = org.db().findOne("ApexTrigger", "Name", "WardenContentVersionCapture");
        assertEquals("Active", trigger.get("Status"));
        assertEquals(
                List.of("Warden_Scanner_Access"),
                org.metadata().eca("Warden_Scanner").orElseThrow().policies().permissionSets());
        assertTrue(org.metadata().staticResourceText("WardenScenarios").length() > 0);
        assertEquals(4, org.db().rows("Protection_Policy__mdt", false).size());

        // The deployed, active capture trigger drives the package-behaviour model: an upload queues a scan request.
        org.db()
                .insert(
                        dev.warden.localorg.data.Caller.api(org.adminUserId()),
                        "ContentVersion",
                        Map.of(
                                "Title",
                                "a",
                                "PathOnClient",
                                "a.txt",
                                "VersionData",
                                "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, org.db().rows("Scan_Request__c", false).size());
    }

    @Test
    void a_rest_deploy_succeeds_and_a_syntax_error_fails_with_file_and_line_in_sfs_json() throws Exception {
        writeClass(
                "RestDeployed",
                "public with sharing class RestDeployed {\n    public static Integer one() { return 1; }\n}\n");
        Result rest = sf(
                Map.of("SF_ORG_METADATA_REST_DEPLOY", "true"),
                "project",
                "deploy",
                "start",
                "--source-dir",
                "force-app",
                "--target-org",
                ALIAS,
                "--wait",
                "10",
                "--json");
        assertEquals(0, rest.exit, rest.text);
        assertNotNull(server.org().db().findOne("ApexClass", "Name", "RestDeployed"));

        writeClass("Broken", "public with sharing class Broken {\n    public static Integer one() { return 1 }\n}\n");
        Result bad = sf(
                Map.of(),
                "project",
                "deploy",
                "start",
                "--source-dir",
                "force-app/main/default/classes/Broken.cls",
                "--target-org",
                ALIAS,
                "--wait",
                "10",
                "--json");
        assertEquals(1, bad.exit, bad.text);
        JsonNode file = null;
        for (JsonNode f : bad.json.path("result").path("files")) {
            if (f.path("filePath").asText().endsWith("Broken.cls")
                    && "Failed".equals(f.path("state").asText())) {
                file = f;
            }
        }
        assertNotNull(file, bad.text);
        assertEquals(2, file.path("lineNumber").asInt(), bad.text);
        assertTrue(file.path("error").asText().startsWith("Missing ';' at '}'"), bad.text);
        assertEquals(null, server.org().db().findOne("ApexClass", "Name", "Broken"));
    }

    @Test
    void project_retrieve_start_of_one_class_writes_it_into_the_project() throws Exception {
        server.org()
                .metadata()
                .deployApexClass(server.org().adminUserId(), "Fetched", "public class Fetched {}", 62.0, true);

        Result r = sf(
                Map.of(),
                "project",
                "retrieve",
                "start",
                "--metadata",
                "ApexClass:Fetched",
                "--target-org",
                ALIAS,
                "--json");

        assertEquals(0, r.exit, r.text);
        Path file = project.resolve("force-app/main/default/classes/Fetched.cls");
        assertEquals("public class Fetched {}", Files.readString(file));
    }
}
