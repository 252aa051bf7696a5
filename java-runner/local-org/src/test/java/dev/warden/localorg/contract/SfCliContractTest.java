package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.TestKeys;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real sf CLI against the local org: one access-token login shared by the class (each sf call costs ~2 s). */
class SfCliContractTest {
    static LocalOrgServer server;
    static SfCli sf;

    @BeforeAll
    static void loginWithAccessToken() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        SfCli.Result login = sf.loginAsAdmin(server, "local");
        assertEquals(
                server.adminUsername(),
                login.json().get("result").get("username").asText());
        assertTrue(!login.stdout().contains(server.adminAccessToken()), "sf must not echo the token");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void orgDisplayReportsConnected() {
        JsonNode r = sf.run("org", "display", "-o", "local", "--json").json().get("result");
        assertEquals("Connected", r.get("connectedStatus").asText());
        assertEquals(server.orgId(), r.get("id").asText());
    }

    @Test
    void dataQueryFollowsRelationshipPaths() {
        SfCli.Result q = sf.run(
                "data",
                "query",
                "-o",
                "local",
                "--json",
                "--query",
                "SELECT Id, Username, Profile.Name, Profile.UserLicense.Name FROM User");
        assertEquals(0, q.exit(), q.stdout() + q.stderr());
        JsonNode admin = q.json().get("result").get("records").get(0);
        assertEquals("System Administrator", admin.get("Profile").get("Name").asText());
        assertEquals(
                "Salesforce",
                admin.get("Profile").get("UserLicense").get("Name").asText());
    }

    @Test
    void assignPermsetSucceedsOnceThenReportsTheDuplicate() {
        Org org = server.org();
        org.metadata()
                .deployPermissionSet(
                        org.adminUserId(),
                        new PermissionSetContent(
                                "Warden_Admin",
                                "Warden Admin",
                                null,
                                null,
                                false,
                                Set.of("ApiEnabled"),
                                List.of(),
                                Set.of(),
                                Set.of()));
        SfCli.Result first = sf.run("org", "assign", "permset", "--name", "Warden_Admin", "-o", "local", "--json");
        assertEquals(0, first.exit(), first.stdout());
        SfCli.Result again = sf.run("org", "assign", "permset", "--name", "Warden_Admin", "-o", "local", "--json");
        assertEquals(1, again.exit());
        assertEquals(
                "Duplicate PermissionSetAssignment. Assignment already exists.",
                again.json().get("result").get("failures").get(0).get("message").asText());
    }

    @Test
    void dataCreateUpdateAndDeleteARecord() {
        Org org = server.org();
        org.schema()
                .define(ObjectDefinition.custom(
                        "Widget__c",
                        "Widget",
                        List.of(FieldDef.of("Size__c", FieldType.DOUBLE).build())));
        SfCli.Result created = sf.run(
                "data", "create", "record", "-s", "Widget__c", "-v", "Name=W1 Size__c=3", "-o", "local", "--json");
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        String id = created.json().get("result").get("id").asText();
        assertEquals(3.0, org.db().retrieve(id).get("Size__c"));
        SfCli.Result updated = sf.run(
                "data", "update", "record", "-s", "Widget__c", "-i", id, "-v", "Size__c=4", "-o", "local", "--json");
        assertEquals(0, updated.exit(), updated.stdout() + updated.stderr());
        assertEquals(4.0, org.db().retrieve(id).get("Size__c"));
        SfCli.Result deleted = sf.run("data", "delete", "record", "-s", "Widget__c", "-i", id, "-o", "local", "--json");
        assertEquals(0, deleted.exit(), deleted.stdout() + deleted.stderr());
        assertNull(org.db().live(id));
    }

    @Test
    void orgListLimitsShowsTheDailyApiBudget() {
        JsonNode limits =
                sf.run("org", "list", "limits", "-o", "local", "--json").json().get("result");
        boolean found = false;
        for (JsonNode l : limits) {
            found |= l.get("name").asText().equals("DailyApiRequests")
                    && l.get("max").asInt() == 15000;
        }
        assertTrue(found, limits.toString());
    }

    @Test
    void jwtLoginWorksForAPreAuthorizedUserAndExplainsTheRefusalOtherwise() throws Exception {
        Org org = server.org();
        TestKeys keys = new TestKeys();
        // Its own sf home: JWT logins of the admin username rewrite that username's auth and aliases.
        SfCli jwtSf = new SfCli();
        String consumerKey = "3MVG9contract.jwt";
        org.metadata().putEca(org.adminUserId(), "Cli_Jwt", "Cli Jwt", null, null, null);
        org.metadata()
                .setGlobalOAuth(
                        org.adminUserId(),
                        "Cli_Jwt",
                        new ExternalClientApp.GlobalOAuth(consumerKey, null, keys.certificatePem, null, Map.of()));
        org.metadata()
                .setOAuthPolicies(
                        org.adminUserId(),
                        "Cli_Jwt",
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of(),
                                List.of("System Administrator"),
                                "Enforce",
                                "Infinite",
                                null,
                                null));
        org.metadata().setInstalled(org.adminUserId(), "Cli_Jwt", true);
        Path key = Files.createTempFile(jwtSf.home(), "server", ".key");
        Files.writeString(key, keys.privateKeyPem);
        SfCli.Result login = jwtSf.run(
                "org",
                "login",
                "jwt",
                "--username",
                server.adminUsername(),
                "--jwt-key-file",
                key.toString(),
                "--client-id",
                consumerKey,
                "--instance-url",
                server.instanceUrl(),
                "--json");
        // No --alias: sf moves an alias to the newest login of a username, which would take "local" away.
        assertEquals(0, login.exit(), login.stdout() + login.stderr());
        assertTrue(org.db().rows("LoginHistory", false).stream()
                .anyMatch(r -> "Success".equals(r.get("Status"))
                        && server.org().adminUserId().equals(r.get("UserId"))));

        // A refused login makes sf drop that username's stored auth, so refuse a second user, not the admin.
        Map<String, Object> user = new java.util.LinkedHashMap<>();
        user.put("Username", "refused@warden.test");
        user.put("LastName", "Refused");
        user.put("Email", "refused@warden.test");
        user.put("Alias", "refused");
        user.put("TimeZoneSidKey", "GMT");
        user.put("LocaleSidKey", "en_US");
        user.put("EmailEncodingKey", "UTF-8");
        user.put("LanguageLocaleKey", "en_US");
        user.put("ProfileId", org.ids().standardUserProfileId());
        org.db().insert(org.admin(), "User", user);
        SfCli.Result refused = jwtSf.run(
                "org",
                "login",
                "jwt",
                "--username",
                "refused@warden.test",
                "--jwt-key-file",
                key.toString(),
                "--client-id",
                consumerKey,
                "--instance-url",
                server.instanceUrl(),
                "--json");
        assertTrue(refused.exit() != 0);
        assertTrue(
                (refused.stdout() + refused.stderr()).contains("user hasn't approved this consumer"), refused.stdout());
        Record last = org.db().rows("LoginHistory", false).stream()
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(String.valueOf(last.get("Status")).contains("user hasn't approved this consumer"));
    }
}
