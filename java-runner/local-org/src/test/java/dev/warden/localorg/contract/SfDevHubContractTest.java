package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.devhub.DevHubExtension;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.TestKeys;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local org as a Dev Hub for the real sf CLI: scratch orgs created from the project's
 * config/project-scratch-def.json (settings deployed into the new org), authenticated by sf's auth-code exchange or
 * JWT, listed, resumed, deleted, and refused once expired — each org its own id, users and data on its own port.
 */
class SfDevHubContractTest {
    static LocalOrgServer hub;
    static SfCli sf;
    static Path definition;

    @BeforeAll
    static void loginToTheHub() throws Exception {
        hub = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        definition = SfCli.repoRoot().resolve("config/project-scratch-def.json");
        sf.loginAsAdmin(hub, "hub");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void scratchOrgIsCreatedFromTheProjectDefinitionUsedAndDeleted() throws Exception {
        int hubBefore = OrgRequests.count(hub.instanceUrl(), hub.adminAccessToken());
        long started = System.nanoTime();
        SfCli.Result created = sf.run(
                "org",
                "create",
                "scratch",
                "-f",
                definition.toString(),
                "-v",
                "hub",
                "-a",
                "scr",
                "--wait",
                "10",
                "--json");
        long createMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        JsonNode result = created.json().get("result");
        String username = result.get("username").asText();
        assertTrue(username.matches("test-[a-z0-9]{12}@example\\.com"), username);
        LocalOrgServer scratch = DevHubExtension.hostedBy(hub).stream()
                .filter(o -> o.adminUsername().equals(username))
                .findFirst()
                .orElseThrow();
        int hubCalls = OrgRequests.count(hub.instanceUrl(), hub.adminAccessToken()) - hubBefore;
        int scratchCalls = OrgRequests.count(scratch.instanceUrl(), scratch.adminAccessToken());
        System.out.println("[devhub] sf org create scratch: " + hubCalls + " hub requests, " + scratchCalls
                + " scratch-org requests");
        assertEquals("Active", result.get("scratchOrgInfo").get("Status").asText());
        assertFalse(result.get("scratchOrgInfo").has("AuthCode"), "sf drops the one-time code from its output");
        assertTrue(
                result.get("warnings") == null
                        || result.get("warnings").isEmpty()
                        || !result.get("warnings").toString().contains("settings"),
                result.toString());

        // Its own org: another id, the signup user as admin, Organization says scratch.
        JsonNode org = sf.run(
                        "data",
                        "query",
                        "-o",
                        "scr",
                        "--json",
                        "--query",
                        "SELECT Id, Name, IsSandbox, TrialExpirationDate, OrganizationType FROM Organization")
                .json()
                .get("result")
                .get("records")
                .get(0);
        assertNotEquals(hub.orgId(), org.get("Id").asText());
        assertEquals("Warden Scratch Org", org.get("Name").asText());
        assertTrue(org.get("IsSandbox").asBoolean());
        assertFalse(org.get("TrialExpirationDate").isNull());
        assertEquals("Developer Edition", org.get("OrganizationType").asText());
        JsonNode display =
                sf.run("org", "display", "-o", "scr", "--json").json().get("result");
        // For a scratch org sf reads the status from the hub's ScratchOrgInfo.
        assertEquals("Active", display.path("status").asText(), display.toString());
        assertEquals(username, display.get("username").asText());
        assertEquals(hub.adminUsername(), display.get("createdBy").asText());
        // The definition's settings were deployed into the scratch org, not the hub.
        Map<String, Object> security = scratchOrg(username).metadata().settings("Security");
        assertEquals(false, security.get("lockSessionsToIp"), security.toString());
        assertTrue(hub.org().metadata().settings("LightningExperience").isEmpty());
        // Data written to the scratch org stays there.
        assertEquals(
                0,
                sf.run("data", "create", "record", "-o", "scr", "-s", "Account", "-v", "Name=OnlyInScratch", "--json")
                        .exit());
        assertTrue(hub.org().db().findBy("Account", "Name", "OnlyInScratch").isEmpty());

        JsonNode list = sf.run("org", "list", "--json").json().get("result");
        JsonNode listed = find(list.get("scratchOrgs"), "username", username);
        assertTrue(listed != null, list.toString());
        assertEquals("Active", listed.get("status").asText());
        assertEquals("scr", listed.get("alias").asText());
        assertTrue(find(list.get("devHubs"), "username", hub.adminUsername()) != null, list.toString());

        int hubBeforeDelete = OrgRequests.count(hub.instanceUrl(), hub.adminAccessToken());
        SfCli.Result deleted = sf.run("org", "delete", "scratch", "-o", "scr", "--no-prompt", "--json");
        assertEquals(0, deleted.exit(), deleted.stdout() + deleted.stderr());
        System.out.println("[devhub] sf org delete scratch: "
                + (OrgRequests.count(hub.instanceUrl(), hub.adminAccessToken()) - hubBeforeDelete) + " hub requests");
        Record info = hub.org().db().findOne("ScratchOrgInfo", "SignupUsername", username);
        assertEquals("Deleted", info.get("Status"));
        assertTrue(hub.org()
                .db()
                .findBy("ActiveScratchOrg", "SignupUsername", username)
                .isEmpty());
        assertTrue(
                find(admin("GET", "/_local/devhub/orgs", null).get("orgs"), "username", username) == null,
                "the hub no longer hosts the deleted org");
        assertTrue(DevHubExtension.hostedBy(hub).stream()
                .noneMatch(o -> o.adminUsername().equals(username)));
        SfCli.Result gone = sf.run("org", "display", "-o", "scr", "--json");
        assertNotEquals(0, gone.exit());
        System.out.println("[devhub] sf org create scratch (access-token hub, settings): " + createMs + " ms");
    }

    @Test
    void asyncCreateIsResumedAndAnExpiredOrgIsRefusedInSalesforcesWords() throws Exception {
        SfCli.Result async = sf.run(
                "org", "create", "scratch", "--edition", "developer", "-v", "hub", "-a", "later", "--async", "--json");
        assertEquals(0, async.exit(), async.stdout() + async.stderr());
        String jobId =
                async.json().get("result").get("scratchOrgInfo").get("Id").asText();
        assertTrue(jobId.startsWith("2SR"), jobId);
        SfCli.Result resumed = sf.run("org", "resume", "scratch", "--job-id", jobId, "--json");
        assertEquals(0, resumed.exit(), resumed.stdout() + resumed.stderr());
        String username = resumed.json().get("result").get("username").asText();
        assertEquals(0, sf.run("org", "display", "-o", "later", "--json").exit());

        admin("POST", "/_local/devhub/expire", "{\"username\":\"" + username + "\"}");
        SfCli.Result refused = sf.run("data", "query", "-o", "later", "--json", "--query", "SELECT Id FROM User");
        assertNotEquals(0, refused.exit());
        assertTrue(
                refused.stdout()
                        .contains("does not appear to exist. Likely cause is that the org was deleted by"
                                + " another user or has expired."),
                refused.stdout());
        JsonNode all = sf.run("org", "list", "--all", "--json").json().get("result");
        JsonNode listed = find(all.get("scratchOrgs"), "username", username);
        assertTrue(listed != null && listed.get("isExpired").asBoolean(), all.toString());
        // The hub no longer lists it as active: sf reports that and drops the local auth.
        SfCli.Result deleted = sf.run("org", "delete", "scratch", "-o", "later", "--no-prompt", "--json");
        assertEquals(1, deleted.exit(), deleted.stdout() + deleted.stderr());
        assertEquals("ScratchOrgNotFoundError", deleted.json().get("name").asText());
        assertEquals(
                "Attempting to delete an expired or deleted org",
                deleted.json().get("message").asText());
        assertEquals(
                "Deleted",
                hub.org()
                        .db()
                        .findOne("ScratchOrgInfo", "SignupUsername", username)
                        .get("Status"));
    }

    @Test
    void badDefinitionsGetThePlatformsErrors() throws Exception {
        Path bogus = Files.writeString(
                Files.createTempFile(sf.home(), "bogus", ".json"), "{\"orgName\":\"Bad\",\"edition\":\"Bogus\"}");
        SfCli.Result edition = sf.run("org", "create", "scratch", "-f", bogus.toString(), "-v", "hub", "--json");
        assertEquals(1, edition.exit(), edition.stdout());
        assertTrue(
                edition.stdout().contains("Edition: bad value for restricted picklist field: Bogus"), edition.stdout());

        Path namespaced = Files.writeString(
                Files.createTempFile(sf.home(), "ns", ".json"),
                "{\"orgName\":\"Ns\",\"edition\":\"Developer\",\"namespace\":\"wdn\"}");
        SfCli.Result ns = sf.run("org", "create", "scratch", "-f", namespaced.toString(), "-v", "hub", "--json");
        assertEquals(1, ns.exit(), ns.stdout());
        assertTrue(ns.stdout().contains("Specify a namespace that"), ns.stdout());

        SfCli.Result notAHub =
                sf.run("org", "create", "scratch", "--edition", "developer", "-v", "nosuchhub", "--json");
        assertNotEquals(0, notAHub.exit());
    }

    @Test
    void aJwtHubsScratchOrgTrustsTheHubsAppForTheNewAdmin() throws Exception {
        Org org = hub.org();
        TestKeys keys = new TestKeys();
        SfCli jwtSf = new SfCli();
        String consumerKey = "3MVG9devhub.jwt";
        org.metadata().putEca(org.adminUserId(), "Hub_Jwt", "Hub Jwt", null, null, null);
        org.metadata()
                .setGlobalOAuth(
                        org.adminUserId(),
                        "Hub_Jwt",
                        new ExternalClientApp.GlobalOAuth(consumerKey, null, keys.certificatePem, null, Map.of()));
        org.metadata()
                .setOAuthPolicies(
                        org.adminUserId(),
                        "Hub_Jwt",
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of(),
                                List.of("System Administrator"),
                                "Enforce",
                                "Infinite",
                                null,
                                null));
        org.metadata().setInstalled(org.adminUserId(), "Hub_Jwt", true);
        Path key = Files.createTempFile(jwtSf.home(), "server", ".key");
        Files.writeString(key, keys.privateKeyPem);
        SfCli.Result login = jwtSf.run(
                "org",
                "login",
                "jwt",
                "--username",
                hub.adminUsername(),
                "--jwt-key-file",
                key.toString(),
                "--client-id",
                consumerKey,
                "--instance-url",
                hub.instanceUrl(),
                "--alias",
                "jwthub",
                "--json");
        assertEquals(0, login.exit(), login.stdout() + login.stderr());

        SfCli.Result created = jwtSf.run(
                "org",
                "create",
                "scratch",
                "--edition",
                "developer",
                "-v",
                "jwthub",
                "-a",
                "jscr",
                "--wait",
                "5",
                "--json");
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        assertEquals(
                consumerKey,
                created.json()
                        .get("result")
                        .get("scratchOrgInfo")
                        .get("ConnectedAppConsumerKey")
                        .asText());
        assertEquals(
                0,
                jwtSf.run("data", "query", "-o", "jscr", "--json", "--query", "SELECT Id FROM Organization")
                        .exit());
        assertEquals(
                0,
                jwtSf.run("org", "delete", "scratch", "-o", "jscr", "--no-prompt", "--json")
                        .exit());
    }

    /** The in-process org behind a scratch username, to check server-side state. */
    private static Org scratchOrg(String username) {
        return DevHubExtension.hostedBy(hub).stream()
                .filter(o -> o.adminUsername().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hosted org " + username))
                .org();
    }

    private static JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.instanceUrl() + path))
                .header("Authorization", "Bearer " + hub.adminAccessToken())
                .header("Content-Type", "application/json");
        b = body == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        return r.body().isEmpty() ? null : dev.warden.localorg.server.Json.MAPPER.readTree(r.body());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }
}
