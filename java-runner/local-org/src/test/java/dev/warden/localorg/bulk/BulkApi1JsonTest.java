package dev.warden.localorg.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk API 1.0 JSON jobs over HTTP, as simple-salesforce drives them (contentType JSON, application/json requests,
 * X-SFDC-Session): job and batch info, per-row results and query results are JSON.
 */
class BulkApi1JsonTest {
    static final String A = "/services/async/62.0/job";
    static LocalOrgServer server;
    static OrgClient api;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static OrgClient.Answer call(String method, String path, String body) {
        return api.send(method, path, body, "application/json", "X-SFDC-Session", server.adminAccessToken());
    }

    static JsonNode job(String operation, String object, String extra) {
        OrgClient.Answer a = call(
                "POST",
                A,
                "{\"operation\":\"" + operation + "\",\"object\":\"" + object
                        + "\",\"concurrencyMode\":0,\"contentType\":\"JSON\"" + extra + "}");
        assertEquals(201, a.status(), a.body());
        assertEquals("Open", a.json().get("state").asText());
        assertEquals("JSON", a.json().get("contentType").asText());
        return a.json();
    }

    static JsonNode finishedBatch(String job, String body) {
        OrgClient.Answer a = call("POST", A + "/" + job + "/batch", body);
        assertEquals(201, a.status(), a.body());
        String id = a.json().get("id").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode b = call("GET", A + "/" + job + "/batch/" + id, null).json();
            if (!b.get("state").asText().equals("Queued")
                    && !b.get("state").asText().equals("InProgress")) {
                return b;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("batch did not finish");
    }

    @Test
    void jsonInsertAnswersOneResultPerRowWithTheRowsErrors() {
        String job = job("insert", "Account", "").get("id").asText();
        JsonNode b = finishedBatch(job, "[{\"Name\":\"Json A\",\"NumberOfEmployees\":12},{\"Name\":null}]");
        assertEquals("Completed", b.get("state").asText());
        assertEquals(2, b.get("numberRecordsProcessed").asInt());
        assertEquals(1, b.get("numberRecordsFailed").asInt());
        JsonNode results = call("GET", A + "/" + job + "/batch/" + b.get("id").asText() + "/result", null)
                .json();
        assertTrue(results.get(0).get("success").asBoolean()
                && results.get(0).get("created").asBoolean());
        assertTrue(results.get(0).get("id").asText().startsWith("001"));
        assertFalse(results.get(1).get("success").asBoolean());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                results.get(1).get("errors").get(0).get("statusCode").asText());
        assertEquals(
                12,
                server.org().db().retrieve(results.get(0).get("id").asText()).get("NumberOfEmployees"));
        JsonNode closed = call("POST", A + "/" + job, "{\"state\":\"Closed\"}").json();
        assertEquals("Closed", closed.get("state").asText());
    }

    @Test
    void jsonQueryAnswersResultIdsThenTheRowsAsJson() {
        finishedBatch(job("insert", "Account", "").get("id").asText(), "[{\"Name\":\"JsonQ 1\"}]");
        String job = job("query", "Account", "").get("id").asText();
        JsonNode b = finishedBatch(job, "SELECT Id, Name FROM Account WHERE Name LIKE 'JsonQ %'");
        String base = A + "/" + job + "/batch/" + b.get("id").asText() + "/result";
        JsonNode ids = call("GET", base, null).json();
        assertEquals(1, ids.size());
        JsonNode rows = call("GET", base + "/" + ids.get(0).asText(), null).json();
        assertEquals("JsonQ 1", rows.get(0).get("Name").asText());
        assertEquals("Account", rows.get(0).get("attributes").get("type").asText());
    }

    @Test
    void errorsOfJsonRequestsAreJson() {
        OrgClient.Answer a =
                call("POST", A, "{\"operation\":\"insert\",\"object\":\"NoSuch__c\",\"contentType\":\"JSON\"}");
        assertEquals(400, a.status(), a.body());
        assertEquals("InvalidJob", a.json().get("exceptionCode").asText());
    }
}
