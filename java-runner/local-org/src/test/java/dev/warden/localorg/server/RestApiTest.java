package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestApiTest {
    static LocalOrgServer server;
    static OrgClient api;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        assertEquals(200, api.post("/_local/reset", Map.of()).status());
        server.org()
                .schema()
                .define(ObjectDefinition.custom(
                        "Widget__c",
                        "Widget",
                        List.of(
                                FieldDef.of("Size__c", FieldType.DOUBLE).build(),
                                FieldDef.of("Color__c", FieldType.PICKLIST)
                                        .picklist(List.of("Red", "Blue"))
                                        .build())));
    }

    private static final String V = "/services/data/v67.0";

    @Test
    void versionsListEndsAt67() {
        JsonNode versions = api.get("/services/data").json();
        assertEquals("67.0", versions.get(versions.size() - 1).get("version").asText());
    }

    @Test
    void unknownRouteIsNotFoundInSalesforceShape() {
        OrgClient.Answer a = api.get(V + "/no/such/thing");
        assertEquals(404, a.status());
        assertEquals("NOT_FOUND", a.json().get(0).get("errorCode").asText());
        assertEquals(
                "The requested resource does not exist",
                a.json().get(0).get("message").asText());
    }

    @Test
    void everyResponseCarriesTheApiUsageHeaderAndPastTheLimitCallsAreRefused() {
        OrgClient.Answer first = api.get(V + "/limits");
        assertTrue(
                first.header("Sforce-Limit-Info").matches("api-usage=\\d+/15000"), first.header("Sforce-Limit-Info"));
        assertEquals(
                200, api.post("/_local/limits", Map.of("dailyApiRequests", 2)).status());
        api.get(V);
        OrgClient.Answer refused = api.get(V);
        assertEquals(403, refused.status());
        assertEquals(
                "REQUEST_LIMIT_EXCEEDED", refused.json().get(0).get("errorCode").asText());
        assertEquals("api-usage=2/2", refused.header("Sforce-Limit-Info"));
    }

    @Test
    void badTokenIsInvalidSessionId() {
        OrgClient.Answer a = api.as("00D000000000001!nope").get(V + "/sobjects");
        assertEquals(401, a.status());
        assertEquals("INVALID_SESSION_ID", a.json().get(0).get("errorCode").asText());
    }

    @Test
    void malformedJsonIsJsonParserErrorNotAServerError() {
        OrgClient.Answer a = api.postRaw(V + "/sobjects/Widget__c", "{\"Name\":", "application/json");
        assertEquals(400, a.status());
        assertEquals("JSON_PARSER_ERROR", a.json().get(0).get("errorCode").asText());
    }

    @Test
    void aBodyThatClaimsGzipButIsNotIsABadRequestNotAServerError() {
        OrgClient.Answer a =
                api.postRaw(V + "/sobjects/Widget__c", "plain", "application/json", "Content-Encoding", "gzip");
        assertEquals(400, a.status());
        assertEquals("JSON_PARSER_ERROR", a.json().get(0).get("errorCode").asText());
    }

    @Test
    void unknownSobjectIsNotFound() {
        assertEquals(404, api.post(V + "/sobjects/Nope__c", Map.of("Name", "x")).status());
    }

    @Test
    void createReadUpdateDeleteARecordWithStringValues() {
        OrgClient.Answer created = api.post(V + "/sobjects/Widget__c", Map.of("Name", "W1", "Size__c", "3"));
        assertEquals(201, created.status());
        String id = created.json().get("id").asText();
        assertTrue(id.startsWith("a00") && id.length() == 18, id);
        assertEquals(
                3.0,
                api.get(V + "/sobjects/Widget__c/" + id).json().get("Size__c").asDouble());
        assertEquals(
                204,
                api.patch(V + "/sobjects/Widget__c/" + id, Map.of("Color__c", "Red"))
                        .status());
        OrgClient.Answer bad = api.patch(V + "/sobjects/Widget__c/" + id, Map.of("Color__c", "Green"));
        assertEquals(
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                bad.json().get(0).get("errorCode").asText());
        assertEquals(204, api.delete(V + "/sobjects/Widget__c/" + id).status());
        assertEquals(404, api.get(V + "/sobjects/Widget__c/" + id).status());
        JsonNode all = api.get(V + "/queryAll?q=" + OrgClient.q("SELECT Id, IsDeleted FROM Widget__c"))
                .json();
        assertTrue(all.get("records").get(0).get("IsDeleted").asBoolean());
    }

    @Test
    void requiredFieldsMissingNamesTheFields() {
        JsonNode e =
                api.post(V + "/sobjects/Widget__c", Map.of("Size__c", 1)).json().get(0);
        assertEquals("REQUIRED_FIELD_MISSING", e.get("errorCode").asText());
        assertEquals("Name", e.get("fields").get(0).asText());
    }

    @Test
    void queryMorePagesThroughNextRecordsUrlInBatches() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            records.add(Map.of("attributes", Map.of("type", "Widget__c"), "Name", "W" + i));
            if (records.size() == 200 || i == 449) {
                assertEquals(
                        200,
                        api.post(V + "/composite/sobjects", Map.of("records", records))
                                .status());
                records = new ArrayList<>();
            }
        }
        JsonNode page = api.get(
                        V + "/query?q=" + OrgClient.q("SELECT Name FROM Widget__c"),
                        "Sforce-Query-Options",
                        "batchSize=200")
                .json();
        int seen = page.get("records").size();
        assertEquals(450, page.get("totalSize").asInt());
        while (!page.get("done").asBoolean()) {
            page = api.get(page.get("nextRecordsUrl").asText()).json();
            seen += page.get("records").size();
        }
        assertEquals(450, seen);
    }

    @Test
    void columnsTrueDescribesJoinColumnsForRelationshipPaths() {
        JsonNode cols = api.get(V + "/query?q=" + OrgClient.q("SELECT Id, Profile.UserLicense.Name FROM User")
                        + "&columns=true")
                .json();
        assertEquals("User", cols.get("entityName").asText());
        JsonNode profile = cols.get("columnMetadata").get(1);
        assertEquals("Profile", profile.get("columnName").asText());
        assertEquals(
                "UserLicense",
                profile.get("joinColumns").get(0).get("columnName").asText());
    }

    @Test
    void compositeResolvesReferencesAndAllOrNoneRollsBack() {
        Map<String, Object> body = Map.of(
                "allOrNone",
                true,
                "compositeRequest",
                List.of(
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                V + "/sobjects/Widget__c",
                                "referenceId",
                                "w",
                                "body",
                                Map.of("Name", "Parent")),
                        Map.of("method", "GET", "url", V + "/sobjects/Widget__c/@{w.id}", "referenceId", "read"),
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                V + "/sobjects/Widget__c",
                                "referenceId",
                                "bad",
                                "body",
                                Map.of("Size__c", 1))));
        JsonNode results = api.post(V + "/composite", body).json().get("compositeResponse");
        assertEquals(
                "PROCESSING_HALTED",
                results.get(0).get("body").get(0).get("errorCode").asText());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                results.get(2).get("body").get(0).get("errorCode").asText());
        assertEquals(
                0,
                api.get(V + "/query?q=" + OrgClient.q("SELECT COUNT() FROM Widget__c"))
                        .json()
                        .get("totalSize")
                        .asInt());

        Map<String, Object> ok = Map.of(
                "compositeRequest",
                List.of(
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                V + "/sobjects/Widget__c",
                                "referenceId",
                                "w",
                                "body",
                                Map.of("Name", "Parent")),
                        Map.of("method", "GET", "url", V + "/sobjects/Widget__c/@{w.id}", "referenceId", "read")));
        JsonNode okResults = api.post(V + "/composite", ok).json().get("compositeResponse");
        assertEquals(200, okResults.get(1).get("httpStatusCode").asInt());
        assertEquals("Parent", okResults.get(1).get("body").get("Name").asText());
    }

    @Test
    void compositeSobjectsAllOrNoneReportsRolledBackRecords() {
        Map<String, Object> body = Map.of(
                "allOrNone",
                true,
                "records",
                List.of(
                        Map.of("attributes", Map.of("type", "Widget__c"), "Name", "ok"),
                        Map.of("attributes", Map.of("type", "Widget__c"), "Size__c", 2)));
        JsonNode r = api.post(V + "/composite/sobjects", body).json();
        assertEquals(
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                r.get(0).get("errors").get(0).get("statusCode").asText());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                r.get(1).get("errors").get(0).get("statusCode").asText());
        assertFalse(r.get(0).get("success").asBoolean());
    }

    @Test
    void sourceMemberDescribeAnswersExactlyWhatSfRetrieveNeeds() {
        OrgClient.Answer a = api.get(V + "/tooling/sobjects/SourceMember/describe");
        assertEquals(404, a.status());
        assertTrue(a.body().contains("The requested resource does not exist"));
    }

    @Test
    void apexTestRunsNamingNoTestsAreRefusedNeverFaked() {
        // both paths run deployed tests (contract.SfApexTestContractTest); a run that names nothing is an error
        OrgClient.Answer a = api.post(V + "/tooling/runTestsAsynchronous", Map.of("tests", List.of()));
        assertEquals(400, a.status());
        assertEquals("INVALID_INPUT", a.json().get(0).get("errorCode").asText());
        assertEquals(
                400,
                api.post(V + "/tooling/runTestsSynchronous", Map.of("tests", List.of()))
                        .status(),
                "a run naming no tests is refused");
        OrgClient.Answer unknown = api.post(
                V + "/tooling/runTestsAsynchronous", Map.of("tests", List.of(Map.of("className", "NoSuchTest"))));
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get(0).get("message").asText().contains("NoSuchTest"), unknown.body());
    }

    @Test
    void sandboxProcessToolingQueryFindsNoSandboxesOfAFreshOrg() {
        // An org started on its own can create sandboxes (docs/local-org.md "Sandboxes"); the orgs it hosts answer
        // INVALID_TYPE (SfSandboxContractTest).
        OrgClient.Answer a = api.get(V + "/tooling/query?q=" + OrgClient.q("SELECT Id FROM SandboxProcess"));
        assertEquals(200, a.status(), a.body());
        assertEquals(0, a.json().get("totalSize").asInt());
    }

    @Test
    void contentVersionVersionDataIsServedAsABlobUrl() {
        String id = api.post(V + "/sobjects/ContentVersion", Map.of("PathOnClient", "a.txt", "VersionData", "aGVsbG8="))
                .json()
                .get("id")
                .asText();
        JsonNode cv = api.get(V + "/sobjects/ContentVersion/" + id).json();
        String url = cv.get("VersionData").asText();
        assertEquals(V + "/sobjects/ContentVersion/" + id + "/VersionData", url);
        assertEquals("hello", api.get(url).body());
        assertNotNull(cv.get("ContentDocumentId").asText());
    }

    @Test
    void userWithoutApiEnabledIsRefused() {
        String ps = server.org()
                .db()
                .findOne("PermissionSet", "ProfileId", server.org().ids().standardUserProfileId())
                .id();
        server.org().db().update(server.org().system(), ps, Map.of("PermissionsApiEnabled", false));
        String user = api.post(
                        V + "/sobjects/User",
                        Map.of(
                                "Username",
                                "noapi@t.test",
                                "LastName",
                                "N",
                                "Email",
                                "noapi@t.test",
                                "Alias",
                                "n",
                                "TimeZoneSidKey",
                                "GMT",
                                "LocaleSidKey",
                                "en_US",
                                "EmailEncodingKey",
                                "UTF-8",
                                "LanguageLocaleKey",
                                "en_US",
                                "ProfileId",
                                server.org().ids().standardUserProfileId()))
                .json()
                .get("id")
                .asText();
        String token =
                server.sessions().issue(server.orgId(), user, null, "127.0.0.1").token();
        OrgClient.Answer a = api.as(token).get(V + "/sobjects");
        assertEquals(403, a.status());
        assertEquals("API_CURRENTLY_DISABLED", a.json().get(0).get("errorCode").asText());
    }
}
