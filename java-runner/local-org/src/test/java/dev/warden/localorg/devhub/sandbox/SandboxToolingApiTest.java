package dev.warden.localorg.devhub.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Tooling calls behind sf's sandbox commands, as any client sends them (no sf: rules sf never lets through). */
class SandboxToolingApiTest {
    static final String T = "/services/data/v67.0/tooling";
    static LocalOrgServer prod;
    static OrgClient api;

    @BeforeAll
    static void start() {
        prod = LocalOrgServer.start(LocalOrgOptions.defaults().asProduction());
        api = new OrgClient(prod.instanceUrl(), prod.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        prod.close();
    }

    @Test
    void theProcessMovesOneStepPerQueryAndSandboxAuthWaitsForCompleted() {
        OrgClient.Answer created =
                api.post(T + "/sobjects/SandboxInfo", Map.of("SandboxName", "steps", "LicenseType", "Developer"));
        assertEquals(201, created.status(), created.body());
        String infoId = created.json().get("id").asText();
        assertTrue(infoId.startsWith("0GQ"), infoId);
        Map<String, String> auth = Map.of("sandboxName", "steps", "callbackUrl", "http://localhost:1717/OauthRedirect");

        OrgClient.Answer anonymous = api.as("not-a-token")
                .get(T + "/query?q="
                        + OrgClient.q("SELECT Id FROM SandboxProcess WHERE SandboxInfoId = '" + infoId + "'"));
        assertEquals(401, anonymous.status(), anonymous.body());

        JsonNode first = process(infoId);
        assertEquals("Processing", first.get("Status").asText());
        assertEquals(50, first.get("CopyProgress").asInt());
        assertTrue(first.get("EndDate").isNull());
        OrgClient.Answer early = api.post(T + "/sandboxAuth", auth);
        assertEquals(400, early.status(), early.body());
        assertEquals("INVALID_STATUS", early.json().get(0).get("errorCode").asText());

        JsonNode second = process(infoId);
        assertEquals("Completed", second.get("Status").asText());
        assertEquals(100, second.get("CopyProgress").asInt());
        assertTrue(second.get("EndDate").isTextual());
        LocalOrgServer sandbox = SandboxExtension.hostedBy(prod).get(0);
        assertEquals(
                sandbox.orgId().substring(0, 15),
                second.get("SandboxOrganization").asText());
        JsonNode granted = api.post(T + "/sandboxAuth", auth).json();
        assertEquals(
                prod.adminUsername() + ".steps", granted.get("authUserName").asText());
        assertEquals(sandbox.instanceUrl(), granted.get("loginUrl").asText());
        assertTrue(granted.get("authCode").asText().length() > 20);

        // The other shapes sf sends (wire reference 4, 5): delete without a stored SandboxInfoId, clone lookups.
        String org15 = sandbox.orgId().substring(0, 15);
        assertEquals(
                infoId,
                query(
                                "SELECT SandboxInfoId FROM SandboxProcess WHERE SandboxName ='steps' AND Status NOT IN ('D', 'E')")
                        .get(0)
                        .get("SandboxInfoId")
                        .asText());
        assertEquals(
                1,
                query("SELECT SandboxInfoId FROM SandboxProcess WHERE SandboxOrganization ='" + org15
                                + "' AND Status NOT IN ('D', 'E')")
                        .size());
        JsonNode info = query("SELECT Id,IsDeleted,CreatedDate,CreatedById,LastModifiedDate,LastModifiedById,"
                        + "SandboxName,LicenseType,TemplateId,HistoryDays,CopyChatter,AutoActivate,ApexClassId,"
                        + "Description,SourceId,ActivationUserGroupId,Features,PostCopyConfig FROM SandboxInfo"
                        + " WHERE SandboxName='steps' ORDER BY CreatedDate DESC")
                .get(0);
        assertEquals("DEVELOPER", info.get("LicenseType").asText());

        assertEquals(204, api.delete(T + "/sobjects/SandboxInfo/" + infoId).status());
        assertEquals(
                0,
                query("SELECT Id FROM SandboxProcess WHERE SandboxInfoId = '" + infoId + "'")
                        .size());
        assertEquals(404, api.delete(T + "/sobjects/SandboxInfo/" + infoId).status());
        assertTrue(SandboxExtension.hostedBy(prod).isEmpty());
    }

    @Test
    void requestsTheLocalOrgCannotHonourAreRefusedAndLeaveNothing() {
        assertRefused(Map.of("SandboxName", "lic", "LicenseType", "Bogus"), "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertRefused(Map.of("SandboxName", "full", "LicenseType", "FULL"), "FIELD_INTEGRITY_EXCEPTION");
        assertRefused(Map.of("SandboxName", "clone", "SourceId", "0GQ000000000001AAA"), "FIELD_INTEGRITY_EXCEPTION");
        assertRefused(Map.of("SandboxName", "post", "ApexClassId", "01p000000000001AAA"), "FIELD_INTEGRITY_EXCEPTION");
        assertRefused(Map.of("SandboxName", "eleven1char"), "FIELD_INTEGRITY_EXCEPTION");
        assertRefused(Map.of("LicenseType", "Developer"), "REQUIRED_FIELD_MISSING");
        assertEquals(0, query("SELECT Id FROM SandboxInfo").size());
        assertTrue(SandboxExtension.hostedBy(prod).isEmpty());
    }

    @Test
    void resettingProductionClosesItsSandboxes() {
        try (LocalOrgServer other =
                LocalOrgServer.start(LocalOrgOptions.defaults().asProduction())) {
            OrgClient client = new OrgClient(other.instanceUrl(), other.adminAccessToken());
            assertEquals(
                    201,
                    client.post(T + "/sobjects/SandboxInfo", Map.of("SandboxName", "gone"))
                            .status());
            LocalOrgServer sandbox = SandboxExtension.hostedBy(other).get(0);
            assertEquals(200, client.post("/_local/reset", Map.of()).status());
            assertTrue(SandboxExtension.hostedBy(other).isEmpty());
            assertEquals(0, other.org().db().rows("SandboxInfo", false).size());
            assertEquals(
                    -1,
                    new OrgClient(sandbox.instanceUrl(), sandbox.adminAccessToken())
                            .get("/services/data")
                            .status(),
                    "its port is closed");
        }
    }

    @Test
    void aDeveloperEditionOrgHasNoSandboxLicenses() {
        try (LocalOrgServer developerEdition = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            OrgClient.Answer a = new OrgClient(developerEdition.instanceUrl(), developerEdition.adminAccessToken())
                    .post(T + "/sobjects/SandboxInfo", Map.of("SandboxName", "dev"));
            assertEquals(400, a.status(), a.body());
            assertTrue(a.body().contains("--production"), a.body());
            assertTrue(SandboxExtension.hostedBy(developerEdition).isEmpty());
        }
    }

    private static void assertRefused(Map<String, String> body, String errorCode) {
        OrgClient.Answer a = api.post(T + "/sobjects/SandboxInfo", body);
        assertEquals(400, a.status(), a.body());
        assertEquals(errorCode, a.json().get(0).get("errorCode").asText(), a.body());
    }

    private static JsonNode process(String infoId) {
        JsonNode records = query("SELECT Id, Status, CopyProgress, EndDate, SandboxOrganization FROM SandboxProcess"
                + " WHERE SandboxInfoId = '" + infoId + "' ORDER BY CreatedDate DESC");
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }

    private static JsonNode query(String soql) {
        OrgClient.Answer a = api.get(T + "/query?q=" + OrgClient.q(soql));
        assertEquals(200, a.status(), a.body());
        return a.json().get("records");
    }
}
