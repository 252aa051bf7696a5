package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.devhub.sandbox.SandboxExtension;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.TestKeys;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local org as a production org for the real sf CLI's sandbox commands (devhub-packaging-wire.md 4, 5): a
 * Developer sandbox is a new org on its own port with its own id, holding production's metadata and setup records
 * but none of its data; it is authenticated through sandboxAuth, resumed, listed as a sandbox and deleted.
 */
class SfSandboxContractTest {
    static LocalOrgServer prod;
    static SfCli sf;

    @BeforeAll
    static void productionWithAWidgetObjectAndARecordOfIt() throws Exception {
        prod = LocalOrgServer.start(LocalOrgOptions.defaults().asProduction());
        Org org = prod.org();
        String ns = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "objects/Widget__c.object",
                ("<CustomObject " + ns + "><label>Widget</label><pluralLabel>Widgets</pluralLabel>"
                                + "<nameField><label>Name</label><type>Text</type></nameField>"
                                + "<fields><fullName>Size__c</fullName><label>Size</label><type>Number</type>"
                                + "<precision>5</precision><scale>0</scale></fields></CustomObject>")
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                "package.xml",
                MdapiPackage.packageXml(Map.of("CustomObject", List.of("Widget__c")), "62.0")
                        .getBytes(StandardCharsets.UTF_8));
        DeployOutcome deployed = DeployEngine.deploy(
                org, org.adminUserId(), MdapiPackage.zip(files), new DeployEngine.Options(false, true));
        assertTrue(deployed.success(), deployed.failures().toString());
        org.db().insert(org.system(), "Widget__c", Map.of("Name", "only-in-production"));

        sf = new SfCli();
        sf.loginAsAdmin(prod, "prod");
    }

    @AfterAll
    static void stop() {
        prod.close();
    }

    @Test
    void aDeveloperSandboxCopiesMetadataNotDataAndIsDeleted() throws Exception {
        int prodBefore = OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken());
        long started = System.nanoTime();
        SfCli.Result created = sf.run(
                "org",
                "create",
                "sandbox",
                "--name",
                "sbx1",
                "--license-type",
                "Developer",
                "-o",
                "prod",
                "--wait",
                "2",
                "--poll-interval",
                "15",
                "--alias",
                "sb",
                "--no-prompt",
                "--json");
        long createMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        JsonNode result = created.json().get("result");
        assertEquals("Completed", result.get("Status").asText(), result.toString());
        assertTrue(result.get("Id").asText().startsWith("0GR"), result.toString());
        assertTrue(result.get("SandboxInfoId").asText().startsWith("0GQ"), result.toString());
        String username = prod.adminUsername() + ".sbx1";
        LocalOrgServer sandbox = hosted(username);
        assertEquals(
                sandbox.orgId().substring(0, 15),
                result.get("SandboxOrganization").asText());
        int prodCalls = OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken()) - prodBefore;
        int sandboxCalls = OrgRequests.count(sandbox.instanceUrl(), sandbox.adminAccessToken());
        System.out.println("[sandbox] sf org create sandbox: " + prodCalls + " production requests, " + sandboxCalls
                + " sandbox requests, " + createMs + " ms");

        JsonNode display = sf.run("org", "display", "-o", "sb", "--json").json().get("result");
        assertEquals(username, display.get("username").asText(), display.toString());
        assertEquals(sandbox.orgId(), display.get("id").asText(), display.toString());
        JsonNode organization = query("sb", "SELECT Id, IsSandbox, TrialExpirationDate FROM Organization")
                .get(0);
        assertNotEquals(prod.orgId(), organization.get("Id").asText());
        assertTrue(organization.get("IsSandbox").asBoolean());
        assertTrue(organization.get("TrialExpirationDate").isNull());
        // Production's custom object is there (its metadata was copied), its record is not (data is not).
        assertEquals(0, query("sb", "SELECT Id, Size__c FROM Widget__c").size());
        assertEquals(1, query("prod", "SELECT Id FROM Widget__c").size());
        // Data written to the sandbox stays there.
        assertEquals(
                0,
                sf.run(
                                "data",
                                "create",
                                "record",
                                "-o",
                                "sb",
                                "-s",
                                "Widget__c",
                                "-v",
                                "Name=only-in-sandbox",
                                "--json")
                        .exit());
        assertTrue(
                prod.org().db().findBy("Widget__c", "Name", "only-in-sandbox").isEmpty());

        JsonNode list = sf.run("org", "list", "--json").json().get("result");
        JsonNode listed = find(list.get("sandboxes"), "username", username);
        assertNotNull(listed, list.toString());
        assertEquals("sb", listed.get("alias").asText());

        int beforeResume = OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken());
        SfCli.Result resumed = sf.run("org", "resume", "sandbox", "--name", "sbx1", "-o", "prod", "--json");
        assertEquals(0, resumed.exit(), resumed.stdout() + resumed.stderr());
        System.out.println("[sandbox] sf org resume sandbox --name (completed, authorized): "
                + (OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken()) - beforeResume)
                + " production requests");
        assertEquals("Completed", resumed.json().get("result").get("Status").asText());

        SfCli.Result duplicate =
                sf.run("org", "create", "sandbox", "--name", "SBX1", "-o", "prod", "--no-prompt", "--async", "--json");
        assertEquals(1, duplicate.exit(), duplicate.stdout());
        assertTrue(
                duplicate.json().get("message").asText().contains("A sandbox named SBX1 already exists"),
                duplicate.stdout());

        int prodBeforeDelete = OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken());
        started = System.nanoTime();
        SfCli.Result deleted = sf.run("org", "delete", "sandbox", "-o", "sb", "--no-prompt", "--json");
        long deleteMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, deleted.exit(), deleted.stdout() + deleted.stderr());
        System.out.println("[sandbox] sf org delete sandbox: "
                + (OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken()) - prodBeforeDelete)
                + " production requests, " + deleteMs + " ms");
        assertTrue(SandboxExtension.hostedBy(prod).stream()
                .noneMatch(o -> o.adminUsername().equals(username)));
        assertTrue(prod.org().db().rows("SandboxInfo", false).isEmpty());
        assertEquals(
                0,
                sf.run(
                                "data",
                                "query",
                                "-o",
                                "prod",
                                "--use-tooling-api",
                                "--json",
                                "--query",
                                "SELECT Id FROM SandboxProcess WHERE SandboxName = 'sbx1' AND Status != 'D'")
                        .json()
                        .get("result")
                        .get("totalSize")
                        .asInt());
        assertNotEquals(0, sf.run("org", "display", "-o", "sb", "--json").exit());
        assertThrows(
                IOException.class,
                () -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(sandbox.instanceUrl() + "/services/oauth2/token"))
                                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()),
                "the deleted sandbox answers no login");
    }

    @Test
    void anAsyncCreateExits68AndIsResumedToCompletion() throws Exception {
        int before = OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken());
        SfCli.Result async = sf.run(
                "org",
                "create",
                "sandbox",
                "--name",
                "later",
                "-o",
                "prod",
                "--async",
                "--alias",
                "lt",
                "--no-prompt",
                "--json");
        assertEquals(68, async.exit(), async.stdout() + async.stderr());
        JsonNode progress = async.json().get("result");
        assertEquals("Processing", progress.get("Status").asText(), progress.toString());
        String jobId = progress.get("Id").asText();
        assertTrue(jobId.startsWith("0GR"), jobId);
        assertNotEquals(0, sf.run("org", "display", "-o", "lt", "--json").exit(), "not authorized yet");

        int afterAsync = OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken());
        SfCli.Result resumed =
                sf.run("org", "resume", "sandbox", "--job-id", jobId, "-o", "prod", "--wait", "1", "--json");
        assertEquals(0, resumed.exit(), resumed.stdout() + resumed.stderr());
        System.out.println("[sandbox] sf org create sandbox --async: " + (afterAsync - before)
                + " production requests; sf org resume sandbox --job-id: "
                + (OrgRequests.count(prod.instanceUrl(), prod.adminAccessToken()) - afterAsync)
                + " production requests");
        assertEquals("Completed", resumed.json().get("result").get("Status").asText());
        assertEquals(
                prod.adminUsername() + ".later",
                sf.run("org", "display", "-o", "lt", "--json")
                        .json()
                        .get("result")
                        .get("username")
                        .asText());

        // A sandbox is no production org: it has no SandboxProcess and cannot create a sandbox itself.
        SfCli.Result processes = sf.run(
                "data", "query", "-o", "lt", "--use-tooling-api", "--json", "--query", "SELECT Id FROM SandboxProcess");
        assertEquals(1, processes.exit(), processes.stdout());
        assertTrue(processes.stdout().contains("INVALID_TYPE"), processes.stdout());
        SfCli.Result fromSandbox =
                sf.run("org", "create", "sandbox", "--name", "child", "-o", "lt", "--no-prompt", "--async", "--json");
        assertEquals(1, fromSandbox.exit(), fromSandbox.stdout());
        assertTrue(fromSandbox.stdout().contains("SandboxInfo"), fromSandbox.stdout());
        assertEquals(
                0,
                sf.run("org", "delete", "sandbox", "-o", "lt", "--no-prompt", "--json")
                        .exit());
    }

    @Test
    void badRequestsAreRefusedInClearWords() {
        SfCli.Result badChars =
                sf.run("org", "create", "sandbox", "--name", "bad-name", "-o", "prod", "--no-prompt", "--json");
        assertEquals(1, badChars.exit(), badChars.stdout());
        assertTrue(badChars.json().get("message").asText().contains("alphanumeric"), badChars.stdout());

        SfCli.Result tooLong =
                sf.run("org", "create", "sandbox", "--name", "elevenchars", "-o", "prod", "--no-prompt", "--json");
        assertNotEquals(0, tooLong.exit());
        assertTrue(tooLong.stdout().contains("10 or fewer characters"), tooLong.stdout());

        SfCli.Result partial = sf.run(
                "org",
                "create",
                "sandbox",
                "--name",
                "part",
                "--license-type",
                "Partial",
                "-o",
                "prod",
                "--no-prompt",
                "--json");
        assertEquals(1, partial.exit(), partial.stdout());
        assertTrue(partial.stdout().contains("not supported by the local org"), partial.stdout());
        assertTrue(prod.org().db().findBy("SandboxInfo", "SandboxName", "part").isEmpty(), "nothing half-written");
        assertFalse(SandboxExtension.hostedBy(prod).stream()
                .anyMatch(o -> o.adminUsername().endsWith(".part")));
    }

    @Test
    void aJwtProductionsSandboxTrustsTheCopiedAppForTheSandboxAdmin() throws Exception {
        Org org = prod.org();
        TestKeys keys = new TestKeys();
        SfCli jwtSf = new SfCli();
        String consumerKey = "3MVG9prod.jwt";
        org.metadata().putEca(org.adminUserId(), "Prod_Jwt", "Prod Jwt", null, null, null);
        org.metadata()
                .setGlobalOAuth(
                        org.adminUserId(),
                        "Prod_Jwt",
                        new ExternalClientApp.GlobalOAuth(consumerKey, null, keys.certificatePem, null, Map.of()));
        org.metadata()
                .setOAuthPolicies(
                        org.adminUserId(),
                        "Prod_Jwt",
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of(),
                                List.of("System Administrator"),
                                "Enforce",
                                "Infinite",
                                null,
                                null));
        org.metadata().setInstalled(org.adminUserId(), "Prod_Jwt", true);
        Path key = Files.createTempFile(jwtSf.home(), "server", ".key");
        Files.writeString(key, keys.privateKeyPem);
        SfCli.Result login = jwtSf.run(
                "org",
                "login",
                "jwt",
                "--username",
                prod.adminUsername(),
                "--jwt-key-file",
                key.toString(),
                "--client-id",
                consumerKey,
                "--instance-url",
                prod.instanceUrl(),
                "--alias",
                "jwtprod",
                "--json");
        assertEquals(0, login.exit(), login.stdout() + login.stderr());

        SfCli.Result created = jwtSf.run(
                "org",
                "create",
                "sandbox",
                "--name",
                "jwtsb",
                "-o",
                "jwtprod",
                "--wait",
                "2",
                "--alias",
                "jsb",
                "--no-prompt",
                "--json");
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        assertEquals(
                1,
                jwtSf.run("data", "query", "-o", "jsb", "--json", "--query", "SELECT Id FROM Organization")
                        .json()
                        .get("result")
                        .get("totalSize")
                        .asInt());
        assertEquals(
                0,
                jwtSf.run("org", "delete", "sandbox", "-o", "jsb", "--no-prompt", "--json")
                        .exit());
    }

    private static JsonNode query(String alias, String soql) {
        SfCli.Result r = sf.run("data", "query", "-o", alias, "--json", "--query", soql);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        return r.json().get("result").get("records");
    }

    private static LocalOrgServer hosted(String username) {
        return SandboxExtension.hostedBy(prod).stream()
                .filter(o -> o.adminUsername().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hosted sandbox " + username));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array == null ? List.<JsonNode>of() : (Iterable<JsonNode>) array::elements) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }
}
