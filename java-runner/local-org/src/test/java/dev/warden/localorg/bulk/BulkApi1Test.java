package dev.warden.localorg.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bulk API 1.0 over HTTP: XML job control, CSV and XML batches, batch results, query results, XML errors. */
class BulkApi1Test {
    static final String A = "/services/async/62.0/job";
    static LocalOrgServer server;
    static OrgClient api;
    static String session;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), null);
        session = server.adminAccessToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static OrgClient.Answer call(String method, String path, String body, String contentType) {
        return api.send(method, path, body, contentType, "X-SFDC-Session", session);
    }

    static String job(String operation, String object, String contentType) {
        OrgClient.Answer a = call(
                "POST",
                A,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><jobInfo xmlns=\""
                        + "http://www.force.com/2009/06/asyncapi/dataload\"><operation>" + operation
                        + "</operation><object>"
                        + object + "</object><contentType>" + contentType + "</contentType></jobInfo>",
                "application/xml; charset=UTF-8");
        assertEquals(201, a.status(), a.body());
        assertEquals("Open", tag(a.body(), "state"));
        return tag(a.body(), "id");
    }

    static String batch(String job, String body, String contentType) {
        OrgClient.Answer a = call("POST", A + "/" + job + "/batch", body, contentType);
        assertEquals(201, a.status(), a.body());
        String id = tag(a.body(), "id");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            String state =
                    tag(call("GET", A + "/" + job + "/batch/" + id, null, null).body(), "state");
            if (!state.equals("Queued") && !state.equals("InProgress")) {
                return id;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("batch did not finish");
    }

    static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void csvInsertBatchesReportPerRowResultsAndTheJobCloses() {
        String job = job("insert", "Account", "CSV");
        String b = batch(job, "Name,Industry\nBulkOne A,Banking\n,Energy\n", "text/csv");
        assertEquals(
                "Completed",
                tag(call("GET", A + "/" + job + "/batch/" + b, null, null).body(), "state"));
        String result = call("GET", A + "/" + job + "/batch/" + b + "/result", null, null)
                .body();
        assertTrue(result.startsWith("\"Id\",\"Success\",\"Created\",\"Error\"\n\"001"), result);
        assertTrue(result.contains("\"false\",\"false\",\"REQUIRED_FIELD_MISSING"), result);
        OrgClient.Answer closed = call(
                "POST",
                A + "/" + job,
                "<jobInfo xmlns=\"http://www.force.com/2009/06/"
                        + "asyncapi/dataload\"><state>Closed</state></jobInfo>",
                "application/xml");
        assertEquals("Closed", tag(closed.body(), "state"));
        assertEquals("2", tag(closed.body(), "numberRecordsProcessed"));
        assertEquals("1", tag(closed.body(), "numberRecordsFailed"));
        OrgClient.Answer late = call("POST", A + "/" + job + "/batch", "Name\nx\n", "text/csv");
        assertEquals(400, late.status());
        assertEquals("InvalidJobState", tag(late.body(), "exceptionCode"));
    }

    @Test
    void xmlBatchesAndXmlResults() {
        String job = job("insert", "Contact", "XML");
        String b = batch(
                job,
                "<sObjects xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><sObject>"
                        + "<LastName>XmlBulk</LastName><FirstName>Ada</FirstName></sObject></sObjects>",
                "application/xml");
        String result = call("GET", A + "/" + job + "/batch/" + b + "/result", null, null)
                .body();
        assertEquals("true", tag(result, "success"), result);
        String id = tag(result, "id");
        OrgClient rest = new OrgClient(server.instanceUrl(), session);
        assertEquals(
                "Ada XmlBulk",
                rest.get("/services/data/v62.0/sobjects/Contact/" + id)
                        .json()
                        .get("Name")
                        .asText());
    }

    @Test
    void queryBatchesListOneCsvResult() {
        String job = job("query", "User", "CSV");
        String b = batch(job, "SELECT Id, Username FROM User", "text/csv");
        String list = call("GET", A + "/" + job + "/batch/" + b + "/result", null, null)
                .body();
        String resultId = tag(list, "result");
        String csv = call("GET", A + "/" + job + "/batch/" + b + "/result/" + resultId, null, null)
                .body();
        assertTrue(csv.startsWith("\"Id\",\"Username\"\n") && csv.contains(server.adminUsername()), csv);
    }

    @Test
    void errorsAreTheBulkApisXml() {
        OrgClient.Answer noSession = api.send("POST", A, "<jobInfo/>", "application/xml");
        assertEquals(400, noSession.status());
        assertEquals("InvalidSessionId", tag(noSession.body(), "exceptionCode"));
        // JSON jobs are served (BulkApi1JsonTest); binary attachment jobs are not.
        OrgClient.Answer zip = call(
                "POST",
                A,
                "<jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\">"
                        + "<operation>insert</operation><object>Account</object><contentType>ZIP_CSV</contentType>"
                        + "</jobInfo>",
                "application/xml");
        assertEquals("InvalidJob", tag(zip.body(), "exceptionCode"));
        String job = job("insert", "Account", "CSV");
        String b = batch(job, "Name,Nope__c\nx,y\n", "text/csv");
        String info = call("GET", A + "/" + job + "/batch/" + b, null, null).body();
        assertEquals("Failed", tag(info, "state"));
        assertEquals("InvalidBatch : Field name not found : Nope__c", tag(info, "stateMessage"));
    }
}
