package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.misc.ApexLogs;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real sf CLI against the standard objects, Bulk API 2.0, SOSL and the misc endpoints (sobject describe, child
 * subqueries, data import/upsert/export/delete bulk, data search, record counts, generate password, org open
 * --url-only, apex list/get log).
 */
class StdObjectsSfCliTest {
    static final String V = "/services/data/v62.0";
    static LocalOrgServer server;
    static SfCli sf;
    static OrgClient api;

    @BeforeAll
    static void login() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        sf = new SfCli();
        sf.loginAsAdmin(server, "local");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String create(String object, Map<String, Object> fields) {
        OrgClient.Answer a = api.post(V + "/sobjects/" + object, fields);
        assertEquals(201, a.status(), a.body());
        return a.json().get("id").asText();
    }

    static JsonNode ok(SfCli.Result r) {
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        return r.json().get("result");
    }

    @Test
    void sobjectDescribeAccount() {
        JsonNode d = ok(sf.run("sobject", "describe", "--sobject", "Account", "-o", "local", "--json"));
        assertEquals("Account", d.get("name").asText());
        List<String> children = new ArrayList<>();
        d.get("childRelationships")
                .forEach(c -> children.add(c.get("relationshipName").asText()));
        assertTrue(children.contains("Contacts") && children.contains("Opportunities"), children.toString());
    }

    @Test
    void dataQueryWithAChildSubquery() {
        String acme = create("Account", Map.of("Name", "Sf Subquery Co"));
        create("Contact", Map.of("LastName", "Curie", "AccountId", acme));
        JsonNode r = ok(sf.run(
                "data",
                "query",
                "-o",
                "local",
                "--json",
                "--query",
                "SELECT Id, Name, (SELECT LastName FROM Contacts) FROM Account WHERE Id = '" + acme + "'"));
        assertEquals(
                "Curie",
                r.get("records")
                        .get(0)
                        .get("Contacts")
                        .get("records")
                        .get(0)
                        .get("LastName")
                        .asText());
    }

    @Test
    void bulkImportExportUpsertAndDelete() throws Exception {
        Path dir = sf.project();
        Path in = Files.writeString(
                dir.resolve("accounts.csv"),
                "Name,Industry\nBulkSf One,Banking\nBulkSf Two,Energy\n" + "BulkSf Three,\n");
        JsonNode imported = ok(sf.run(
                "data",
                "import",
                "bulk",
                "--file",
                in.toString(),
                "--sobject",
                "Account",
                "--wait",
                "2",
                "-o",
                "local",
                "--json"));
        assertEquals(3, imported.get("processedRecords").asInt());

        Path out = dir.resolve("export.csv");
        JsonNode exported = ok(sf.run(
                "data",
                "export",
                "bulk",
                "--query",
                "SELECT Id, Name FROM Account WHERE Name LIKE 'BulkSf%' ORDER BY Name",
                "--output-file",
                out.toString(),
                "--result-format",
                "csv",
                "--wait",
                "2",
                "-o",
                "local",
                "--json"));
        assertEquals(3, exported.get("totalSize").asInt(), exported.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("\"Id\",\"Name\"", lines.get(0));
        String oneId = lines.get(1).split(",")[0].replace("\"", "");

        Path up = Files.writeString(dir.resolve("upsert.csv"), "Id,Name\n" + oneId + ",BulkSf Renamed\n,BulkSf Four\n");
        JsonNode upserted = ok(sf.run(
                "data",
                "upsert",
                "bulk",
                "--file",
                up.toString(),
                "--sobject",
                "Account",
                "--external-id",
                "Id",
                "--wait",
                "2",
                "-o",
                "local",
                "--json"));
        assertEquals(2, upserted.get("jobInfo").get("numberRecordsProcessed").asInt(), upserted.toString());
        assertEquals(2, upserted.get("records").get("successfulResults").size(), upserted.toString());
        assertEquals(
                "BulkSf Renamed",
                api.get(V + "/sobjects/Account/" + oneId).json().get("Name").asText());

        Path ids = Files.writeString(dir.resolve("delete.csv"), "Id\n" + oneId + "\n");
        ok(sf.run(
                "data",
                "delete",
                "bulk",
                "--file",
                ids.toString(),
                "--sobject",
                "Account",
                "--wait",
                "2",
                "-o",
                "local",
                "--json"));
        assertEquals(404, api.get(V + "/sobjects/Account/" + oneId).status());
    }

    @Test
    void dataSearchFindsRecordsWithSosl() {
        create("Account", Map.of("Name", "Quixotic Sprockets"));
        JsonNode r = ok(sf.run(
                "data", "search", "--query", "FIND {quixotic} RETURNING Account(Name)", "-o", "local", "--json"));
        assertEquals(
                "Quixotic Sprockets", r.get("searchRecords").get(0).get("Name").asText());
    }

    @Test
    void recordCounts() {
        create("Lead", Map.of("LastName", "Counted", "Company", "Count Co"));
        JsonNode r = ok(sf.run(
                "org",
                "list",
                "sobject",
                "record-counts",
                "--sobject",
                "Lead",
                "--sobject",
                "User",
                "-o",
                "local",
                "--json"));
        assertEquals(2, r.size(), r.toString());
        for (JsonNode c : r) {
            assertTrue(c.get("count").asInt() >= 1, r.toString());
        }
    }

    @Test
    void generatePasswordNeedsTheSetPasswordInApiSetting() {
        SfCli.Result refused = sf.run("org", "generate", "password", "-o", "local", "--json");
        assertEquals(1, refused.exit());
        assertTrue(
                refused.stdout().contains("enableSetPasswordInApi"),
                "sf's own advice for 'Cannot set password" + " for self'");
        server.org()
                .metadata()
                .putSettings(server.org().adminUserId(), "Security", Map.of("enableSetPasswordInApi", true));
        SfCli.Result done = sf.run("org", "generate", "password", "-o", "local", "--json");
        // The generated password is in stdout: never echo it in an assertion message.
        assertEquals(0, done.exit(), "sf org generate password failed: " + done.stderr());
        assertTrue(done.json().get("result").get("password").asText().length() >= 20);
        assertTrue(dev.warden.localorg.misc.UserPasswords.hasPassword(
                server.org(), server.org().adminUserId()));
    }

    @Test
    void orgOpenUrlOnlyGivesASingleUseFrontdoorLink() throws Exception {
        JsonNode r = ok(sf.run("org", "open", "--url-only", "-o", "local", "--json"));
        String url = r.get("url").asText();
        assertTrue(url.startsWith(server.instanceUrl() + "/secur/frontdoor.jsp?otp="), url);
        assertTrue(!url.contains(server.adminAccessToken()), "the access token never appears in the link");
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> first =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, first.statusCode());
        assertTrue(first.headers().firstValue("Location").orElseThrow().endsWith("/lightning/page/home"));
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> home = http.send(
                HttpRequest.newBuilder(URI.create(server.instanceUrl() + "/lightning/page/home"))
                        .header("Cookie", cookie)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains(server.adminUsername()), home.body());
        assertEquals(
                401,
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode(),
                "single use");
    }

    @Test
    void apexLogsListEmptyThenShowWhatThePlatformWrote() {
        JsonNode none = ok(sf.run("apex", "list", "log", "-o", "local", "--json"));
        assertEquals(0, none.size(), none.toString());
        ApexLogs.append(
                server.org(),
                server.org().adminUserId(),
                "/services/data/v62.0/tooling/executeAnonymous",
                "API",
                "Success",
                12,
                "62.0 APEX_CODE,DEBUG\nUSER_DEBUG|[1]|DEBUG|hello\n");
        // get log --number 1 runs the same ApexLog query as list log (with LIMIT 1), then reads the body.
        JsonNode got = ok(sf.run("apex", "get", "log", "--number", "1", "-o", "local", "--json"));
        assertTrue(got.get(0).get("log").asText().contains("USER_DEBUG|[1]|DEBUG|hello"), got.toString());
    }
}
