package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthAndAdminTest {
    static LocalOrgServer server;
    static OrgClient admin;
    static final TestKeys KEYS = new TestKeys();
    static final String KEY = "3MVG9warden.test.consumer";
    String integrationUser;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(new LocalOrgOptions(0, false, "00D000000000001!fixedAdminToken", null));
        admin = new OrgClient(server.instanceUrl(), server.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void seed() {
        assertEquals(200, admin.post("/_local/reset", Map.of()).status());
        Org org = server.org();
        String actor = org.adminUserId();
        org.metadata().putEca(actor, "Warden_Scanner", "Warden Scanner", "a@b.c", null, null);
        org.metadata()
                .setGlobalOAuth(
                        actor,
                        "Warden_Scanner",
                        new ExternalClientApp.GlobalOAuth(KEY, null, KEYS.certificatePem, null, Map.of()));
        org.metadata()
                .setOAuthSettings(
                        actor, "Warden_Scanner", new ExternalClientApp.OAuthSettings(List.of("Api", "RefreshToken")));
        org.metadata()
                .setOAuthPolicies(
                        actor,
                        "Warden_Scanner",
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of("Warden_Scanner_Access"),
                                List.of(),
                                "Enforce",
                                "Infinite",
                                null,
                                null));
        org.metadata().setInstalled(actor, "Warden_Scanner", true);
        org.metadata()
                .deployPermissionSet(
                        actor,
                        new PermissionSetContent(
                                "Warden_Scanner_Access",
                                "Warden Scanner Access",
                                null,
                                null,
                                false,
                                Set.of(),
                                List.of(),
                                Set.of(),
                                Set.of()));
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("Username", "scanner@warden.test");
        u.put("LastName", "Scanner");
        u.put("Email", "scanner@warden.test");
        u.put("Alias", "scan");
        u.put("TimeZoneSidKey", "GMT");
        u.put("LocaleSidKey", "en_US");
        u.put("EmailEncodingKey", "UTF-8");
        u.put("LanguageLocaleKey", "en_US");
        u.put("ProfileId", org.ids().integrationProfileId());
        integrationUser = org.db().insert(org.admin(), "User", u);
    }

    private void assign(String permissionSet) {
        String ps = server.org()
                .db()
                .findOne("PermissionSet", "Name", permissionSet)
                .id();
        server.org()
                .db()
                .insert(
                        server.org().admin(),
                        "PermissionSetAssignment",
                        Map.of("AssigneeId", integrationUser, "PermissionSetId", ps));
    }

    private OrgClient.Answer jwt(String assertion, String... headers) {
        String body =
                "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                        + "&assertion=" + assertion;
        return new OrgClient(server.instanceUrl(), null)
                .postRaw("/services/oauth2/token", body, "application/x-www-form-urlencoded", headers);
    }

    private String assertionFor(String user) {
        return KEYS.assertion(KEY, user, server.instanceUrl() + "/", true);
    }

    @Test
    void jwtBearerLogsInAPreAuthorizedUserWithExpInMillisecondsAndWritesLoginHistory() {
        assign("Warden_Scanner_Access");
        OrgClient.Answer a = jwt(assertionFor("scanner@warden.test"));
        assertEquals(200, a.status(), a.body());
        JsonNode token = a.json();
        assertEquals(server.instanceUrl(), token.get("instance_url").asText());
        assertEquals("api refresh_token", token.get("scope").asText());
        OrgClient scanner = admin.as(token.get("access_token").asText());
        assertEquals(200, scanner.get("/services/oauth2/userinfo").status());
        assertTrue(server.org().db().rows("LoginHistory", false).stream()
                .anyMatch(r -> integrationUser.equals(r.get("UserId")) && "Success".equals(r.get("Status"))));
    }

    @Test
    void userNotPreAuthorizedHasNotApprovedTheConsumer() {
        OrgClient.Answer a = jwt(assertionFor("scanner@warden.test"));
        assertEquals(400, a.status());
        assertEquals("invalid_grant", a.json().get("error").asText());
        assertEquals(
                "user hasn't approved this consumer",
                a.json().get("error_description").asText());
        assertTrue(server.org().db().rows("LoginHistory", false).stream()
                .anyMatch(r -> String.valueOf(r.get("Status")).startsWith("Failed: user hasn't approved")));
    }

    @Test
    void preAuthorizationThroughAPermissionSetCarryingTheApiIntegrationPslDoesNotCount() {
        Org org = server.org();
        org.metadata()
                .deployPermissionSet(
                        org.adminUserId(),
                        new PermissionSetContent(
                                "Licensed_Access",
                                "Licensed",
                                null,
                                "Salesforce API Integration",
                                false,
                                Set.of("ApiEnabled"),
                                List.of(),
                                Set.of(),
                                Set.of()));
        org.metadata()
                .setOAuthPolicies(
                        org.adminUserId(),
                        "Warden_Scanner",
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of("Licensed_Access"),
                                List.of(),
                                "Enforce",
                                "Infinite",
                                null,
                                null));
        org.db()
                .insert(
                        org.admin(),
                        "PermissionSetLicenseAssign",
                        Map.of(
                                "AssigneeId",
                                integrationUser,
                                "PermissionSetLicenseId",
                                org.ids().apiIntegrationPslId()));
        assign("Licensed_Access");
        assertEquals(
                "user hasn't approved this consumer",
                jwt(assertionFor("scanner@warden.test"))
                        .json()
                        .get("error_description")
                        .asText());
    }

    @Test
    void wrongAudienceUnknownClientAndExpiredAssertionAreRefusedInSalesforceWords() {
        assign("Warden_Scanner_Access");
        assertEquals(
                "audience is invalid",
                jwt(KEYS.assertion(KEY, "scanner@warden.test", "https://example.com", false))
                        .json()
                        .get("error_description")
                        .asText());
        assertEquals(
                "invalid_client_id",
                jwt(KEYS.assertion("unknown", "scanner@warden.test", "https://login.salesforce.com", false))
                        .json()
                        .get("error")
                        .asText());
        assertEquals(
                "expired authorization code",
                jwt(KEYS.expiredAssertion(KEY, "scanner@warden.test", "https://test.salesforce.com"))
                        .json()
                        .get("error_description")
                        .asText());
        TestKeys other = new TestKeys();
        assertEquals(
                "invalid_grant",
                jwt(other.assertion(KEY, "scanner@warden.test", "https://login.salesforce.com", false))
                        .json()
                        .get("error")
                        .asText());
    }

    @Test
    void uninstalledAppIsBlockedUnlessTheUserMayApproveUninstalledApps() {
        assign("Warden_Scanner_Access");
        assertEquals(
                200,
                admin.post("/_local/eca/Warden_Scanner/uninstall", Map.of()).status());
        JsonNode blocked = jwt(assertionFor("scanner@warden.test")).json();
        assertEquals("OAUTH_APP_BLOCKED", blocked.get("error").asText());
        assertEquals(
                "this app is blocked by admin", blocked.get("error_description").asText());
        server.org()
                .metadata()
                .setOAuthPolicies(
                        server.org().adminUserId(),
                        "Warden_Scanner",
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of(),
                                List.of("System Administrator"),
                                "Enforce",
                                "Infinite",
                                null,
                                null));
        assertEquals(200, jwt(assertionFor(server.adminUsername())).status());
    }

    @Test
    void profileLoginIpRangesRestrictTheCallerAddressUnlessTheAppRelaxesThemAndTrustedRangesNeverBlock() {
        assign("Warden_Scanner_Access");
        Org org = server.org();
        org.metadata()
                .setProfileLoginIpRanges(
                        org.adminUserId(),
                        "Minimum Access - API Only Integrations",
                        List.of(new IpRange("203.0.113.16", "203.0.113.31", "scanner")));
        JsonNode refused = jwt(assertionFor("scanner@warden.test"), LocalOrgServer.CLIENT_IP_HEADER, "198.51.100.7")
                .json();
        assertEquals(
                "IP restricted or invalid login hours",
                refused.get("error_description").asText());
        assertEquals(
                200,
                jwt(assertionFor("scanner@warden.test"), LocalOrgServer.CLIENT_IP_HEADER, "203.0.113.20")
                        .status());
        org.metadata()
                .setTrustedIpRanges(org.adminUserId(), List.of(new IpRange("192.0.2.0", "192.0.2.255", "office")));
        assertEquals(
                200,
                jwt(assertionFor("scanner@warden.test"), LocalOrgServer.CLIENT_IP_HEADER, "203.0.113.20")
                        .status(),
                "trusted ranges spare the identity challenge; they never block a token flow");
        assertTrue(org.metadata().isTrustedAddress("192.0.2.7"));
        org.metadata()
                .setOAuthPolicies(
                        org.adminUserId(),
                        "Warden_Scanner",
                        new ExternalClientApp.OAuthPolicies(
                                "AdminApprovedPreAuthorized",
                                List.of("Warden_Scanner_Access"),
                                List.of(),
                                "Bypass",
                                "Infinite",
                                null,
                                null));
        assertEquals(
                200,
                jwt(assertionFor("scanner@warden.test"), LocalOrgServer.CLIENT_IP_HEADER, "198.51.100.7")
                        .status(),
                "Bypass relaxes the profile's login IP ranges");
        assertTrue(org.db().rows("SetupAuditTrail", false).stream()
                .anyMatch(r -> "changedTrustedIpRanges".equals(r.get("Action"))));
    }

    @Test
    void refreshTokenGrantAndRevoke() {
        JsonNode minted = admin.post("/_local/refresh-token", Map.of("username", server.adminUsername()))
                .json();
        String refresh = minted.get("refreshToken").asText();
        assertTrue(minted.get("sfdxAuthUrl").asText().startsWith("force://PlatformCLI::"));
        OrgClient anon = new OrgClient(server.instanceUrl(), null);
        OrgClient.Answer a = anon.postRaw(
                "/services/oauth2/token",
                "grant_type=refresh_token&refresh_token=" + refresh + "&client_id=PlatformCLI",
                "application/x-www-form-urlencoded");
        assertEquals(200, a.status(), a.body());
        String access = a.json().get("access_token").asText();
        assertEquals(200, admin.as(access).get("/services/data/v67.0").status());
        assertEquals(
                200,
                anon.postRaw("/services/oauth2/revoke", "token=" + refresh, "application/x-www-form-urlencoded")
                        .status());
        assertEquals(401, admin.as(access).get("/services/data/v67.0").status());
    }

    @Test
    void resetReturnsToTheSeedAndKeepsTheAdminToken() {
        admin.post("/services/data/v67.0/sobjects/PermissionSet", Map.of("Name", "Temp", "Label", "Temp"));
        assertEquals(200, admin.post("/_local/reset", Map.of()).status());
        JsonNode r = admin.get(
                        "/services/data/v67.0/query?q=" + OrgClient.q("SELECT Id FROM PermissionSet WHERE Name='Temp'"))
                .json();
        assertEquals(0, r.get("totalSize").asInt());
    }

    @Test
    void adminEndpointsNeedTheAdminToken() {
        OrgClient.Answer a = new OrgClient(server.instanceUrl(), "00D000000000001!other").get("/_local/state");
        assertEquals(401, a.status());
        assertEquals(200, admin.get("/_local/health").status());
    }

    @Test
    void stateShowsRecordsMetadataWithoutSecretsAndPublishedPlatformEvents() {
        Org org = server.org();
        org.schema()
                .define(ObjectDefinition.custom(
                        "Scan_Event__e",
                        "Scan Event",
                        List.of(FieldDef.of("Record_Id__c", FieldType.STRING).build())));
        org.db().insert(Caller.api(org.adminUserId()), "Scan_Event__e", Map.of("Record_Id__c", "068x"));
        JsonNode state = admin.get("/_local/state?objects=User,PermissionSet").json();
        assertEquals(
                "Scan_Event__e", state.get("platformEvents").get(0).get("type").asText());
        assertEquals(
                "068x",
                state.get("platformEvents")
                        .get(0)
                        .get("fields")
                        .get("Record_Id__c")
                        .asText());
        assertTrue(state.get("records").has("User"));
        assertFalse(state.get("records").has("LoginHistory"));
        JsonNode eca = state.get("metadata").get("externalClientApps").get(0);
        assertTrue(eca.get("globalOAuth").get("hasCertificate").asBoolean());
        assertFalse(state.toString().contains("BEGIN CERTIFICATE"));
    }

    @Test
    void faultRulesInjectErrorsOnTheNthMatchForTimesThenStop() {
        List<Map<String, Object>> rules = List.of(Map.of(
                "match",
                Map.of("method", "POST", "path", "/services/data/*/sobjects/PermissionSetAssignment"),
                "nth",
                2,
                "times",
                1,
                "fault",
                Map.of("kind", "sfError", "status", 400, "errorCode", "UNABLE_TO_LOCK_ROW", "message", "busy")));
        assertEquals(200, admin.post("/_local/faults", rules).status());
        String ps = server.org()
                .db()
                .findOne("PermissionSet", "Name", "Warden_Scanner_Access")
                .id();
        String path = "/services/data/v67.0/sobjects/PermissionSetAssignment";
        assertEquals(
                201,
                admin.post(path, Map.of("AssigneeId", integrationUser, "PermissionSetId", ps))
                        .status());
        OrgClient.Answer faulted = admin.post(path, Map.of("AssigneeId", integrationUser, "PermissionSetId", ps));
        assertEquals(
                "UNABLE_TO_LOCK_ROW", faulted.json().get(0).get("errorCode").asText());
        assertEquals(
                "DUPLICATE_VALUE",
                admin.post(path, Map.of("AssigneeId", integrationUser, "PermissionSetId", ps))
                        .json()
                        .get(0)
                        .get("errorCode")
                        .asText());
        admin.post(
                "/_local/faults",
                Map.of("match", Map.of("path", "/services/data/v67.0"), "fault", Map.of("kind", "reset")));
        assertEquals(-1, admin.get("/services/data/v67.0").status());
        assertEquals(200, admin.delete("/_local/faults").status());
        assertEquals(200, admin.get("/services/data/v67.0").status());
        JsonNode log = admin.get("/_local/requests").json();
        assertTrue(log.get("counts").get("rest").asInt() >= 4);
        OrgClient.Answer badRule = admin.post("/_local/faults", Map.of("fault", Map.of("kind", "explode")));
        assertEquals(400, badRule.status());
    }
}
