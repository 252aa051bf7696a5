package dev.warden.localorg.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bulk API 2.0 over HTTP: the ingest and query job state machines, result CSVs, paging, errors. */
class BulkApi2Test {
    static final String V = "/services/data/v62.0";
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

    static String openJob(Map<String, Object> spec) {
        OrgClient.Answer a = api.post(V + "/jobs/ingest", spec);
        assertEquals(200, a.status(), a.body());
        assertEquals("Open", a.json().get("state").asText());
        return a.json().get("id").asText();
    }

    static void upload(String job, String csv) {
        OrgClient.Answer a = api.send("PUT", V + "/jobs/ingest/" + job + "/batches", csv, "text/csv");
        assertEquals(201, a.status(), a.body());
    }

    /** Polls the job (never a fixed sleep) until it has an outcome. */
    static JsonNode awaitOutcome(String kind, String job) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode info = api.get(V + "/jobs/" + kind + "/" + job).json();
            String state = info.get("state").asText();
            if (List.of("JobComplete", "Failed", "Aborted").contains(state)) {
                return info;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("job " + job + " did not finish");
    }

    static JsonNode close(String job) {
        OrgClient.Answer a = api.patch(V + "/jobs/ingest/" + job, Map.of("state", "UploadComplete"));
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    @Test
    void insertJobGoesFromOpenToJobCompleteWithSuccessAndFailureCsvs() {
        String job = openJob(Map.of("object", "Account", "operation", "insert", "lineEnding", "LF"));
        upload(job, "Name,Industry\nAcme Bulk,Banking\n\"Quoted, Inc.\",\n,Energy\n");
        assertEquals("UploadComplete", close(job).get("state").asText(), "the answer shows the state it set");
        JsonNode info = awaitOutcome("ingest", job);
        assertEquals("JobComplete", info.get("state").asText());
        assertEquals(3, info.get("numberRecordsProcessed").asInt());
        assertEquals(1, info.get("numberRecordsFailed").asInt());
        String ok = api.get(V + "/jobs/ingest/" + job + "/successfulResults").body();
        assertTrue(ok.startsWith("\"sf__Id\",\"sf__Created\",\"Name\",\"Industry\"\n"), ok);
        assertTrue(ok.contains("\"true\",\"Quoted, Inc.\",\"\""), ok);
        String failed = api.get(V + "/jobs/ingest/" + job + "/failedResults").body();
        assertTrue(failed.contains("REQUIRED_FIELD_MISSING"), failed);
        assertEquals(
                1,
                api.get(V + "/query?q=" + OrgClient.q("SELECT Id FROM Account WHERE Name = 'Quoted, Inc.'"))
                        .json()
                        .get("totalSize")
                        .asInt());
    }

    @Test
    void upsertByIdAndDeleteJobs() {
        String insert = openJob(Map.of("object", "Contact", "operation", "insert"));
        upload(insert, "LastName,Email\nUpsertMe,a@example.com\n");
        close(insert);
        awaitOutcome("ingest", insert);
        String id = api.get(V + "/jobs/ingest/" + insert + "/successfulResults")
                .body()
                .split("\n")[1]
                .split(",")[0]
                .replace("\"", "");
        String upsert = openJob(Map.of(
                "object", "Contact", "operation", "upsert", "externalIdFieldName", "Id", "columnDelimiter", "PIPE"));
        upload(upsert, "Id|LastName|Email\n" + id + "|Upserted|#N/A\n|NewOne|\n");
        close(upsert);
        assertEquals(
                0, awaitOutcome("ingest", upsert).get("numberRecordsFailed").asInt());
        JsonNode c = api.get(V + "/sobjects/Contact/" + id).json();
        assertEquals("Upserted", c.get("LastName").asText());
        assertTrue(c.get("Email").isNull(), "#N/A sets null");
        String del = openJob(Map.of("object", "Contact", "operation", "delete"));
        upload(del, "Id\n" + id + "\n");
        close(del);
        assertEquals(
                1, awaitOutcome("ingest", del).get("numberRecordsProcessed").asInt());
        assertEquals(404, api.get(V + "/sobjects/Contact/" + id).status());
    }

    @Test
    void anUnknownColumnFailsTheWholeJob() {
        String job = openJob(Map.of("object", "Account", "operation", "insert"));
        upload(job, "Name,NoSuchField__c\nx,y\n");
        close(job);
        JsonNode info = awaitOutcome("ingest", job);
        assertEquals("Failed", info.get("state").asText());
        assertEquals(
                "InvalidBatch : Field name not found : NoSuchField__c",
                info.get("errorMessage").asText());
    }

    @Test
    void stateMachineRefusesOutOfOrderCalls() {
        String job = openJob(Map.of("object", "Account", "operation", "insert"));
        assertEquals(
                409, api.get(V + "/jobs/ingest/" + job + "/successfulResults").status());
        upload(job, "Name\nx\n");
        assertEquals(
                409,
                api.send("PUT", V + "/jobs/ingest/" + job + "/batches", "Name\ny\n", "text/csv")
                        .status(),
                "one upload per job");
        assertEquals(
                "Aborted",
                api.patch(V + "/jobs/ingest/" + job, Map.of("state", "Aborted"))
                        .json()
                        .get("state")
                        .asText());
        assertEquals(
                409,
                api.patch(V + "/jobs/ingest/" + job, Map.of("state", "UploadComplete"))
                        .status());
        assertEquals(
                400,
                api.post(V + "/jobs/ingest", Map.of("object", "Nope__c", "operation", "insert"))
                        .status());
        assertEquals(
                400,
                api.post(V + "/jobs/ingest", Map.of("object", "Account", "operation", "merge"))
                        .status());
        assertEquals(
                400,
                api.post(V + "/jobs/ingest", Map.of("object", "Account", "operation", "upsert"))
                        .status(),
                "upsert needs externalIdFieldName");
        assertEquals(204, api.delete(V + "/jobs/ingest/" + job).status());
        assertEquals(404, api.get(V + "/jobs/ingest/" + job).status());
    }

    @Test
    void queryJobPagesItsCsvWithTheLocator() {
        String job = openJob(Map.of("object", "Lead", "operation", "insert"));
        StringBuilder csv = new StringBuilder("LastName,Company\n");
        for (int i = 0; i < 25; i++) {
            csv.append("Paged").append(i).append(",Co").append(i).append('\n');
        }
        upload(job, csv.toString());
        close(job);
        awaitOutcome("ingest", job);
        OrgClient.Answer created = api.post(
                V + "/jobs/query",
                Map.of(
                        "operation",
                        "query",
                        "query",
                        "SELECT Id, Name, Company, Owner.Name FROM Lead WHERE LastName LIKE 'Paged%' ORDER BY Company"));
        assertEquals(200, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals("JobComplete", awaitOutcome("query", id).get("state").asText());
        OrgClient.Answer first = api.get(V + "/jobs/query/" + id + "/results?maxRecords=10");
        assertEquals("10", first.header("Sforce-Locator"));
        assertEquals("10", first.header("Sforce-NumberOfRecords"));
        assertTrue(first.body().startsWith("\"Id\",\"Name\",\"Company\",\"Owner.Name\"\n"), first.body());
        assertTrue(first.body().contains("\"Local Admin\""), first.body());
        OrgClient.Answer last = api.get(V + "/jobs/query/" + id + "/results?maxRecords=10&locator=20");
        assertEquals("null", last.header("Sforce-Locator"));
        assertEquals(6, last.body().split("\n").length, "header + 5 rows");
    }

    @Test
    void aMalformedQueryIsRefusedAtCreation() {
        OrgClient.Answer a = api.post(V + "/jobs/query", Map.of("operation", "query", "query", "SELECT FROM"));
        assertEquals(400, a.status());
        assertTrue(a.body().contains("MALFORMED_QUERY"), a.body());
    }
}
