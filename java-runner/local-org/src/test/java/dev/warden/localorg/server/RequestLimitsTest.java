package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.query.QueryLimits;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Salesforce's request and query limits: a hostile request is answered at once, never ties the org up. */
class RequestLimitsTest {
    static LocalOrgServer server;
    static OrgClient api;
    static final String V = "/services/data/v65.0";

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        QueryLimits.timeLimit(null);
        server.close();
    }

    @Test
    void aGzipBombIsRefusedWithoutInflatingItAll() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                out.write(zeros); // 200 MB of zeros, about 200 KB compressed
            }
        }
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.instanceUrl() + V + "/sobjects/Group"))
                                .header("Authorization", "Bearer " + server.adminAccessToken())
                                .header("Content-Type", "application/json")
                                .header("Content-Encoding", "gzip")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("REQUEST_ENTITY_TOO_LARGE"), r.body());
    }

    @Test
    void fiveThousandNestedParenthesesAreTooComplicatedAndAnsweredAtOnce() {
        String soql = "SELECT Id FROM User WHERE " + "(".repeat(5000) + "Username = 'x'" + ")".repeat(5000);
        OrgClient.Answer a = api.get(V + "/query?q=" + OrgClient.q(soql));
        assertEquals(400, a.status(), a.body());
        assertEquals("QUERY_TOO_COMPLICATED", a.json().get(0).get("errorCode").asText());
        String fine = "SELECT Id FROM User WHERE " + "(".repeat(3) + "Username = '(((((('" + ")".repeat(3);
        assertEquals(
                200, api.get(V + "/query?q=" + OrgClient.q(fine)).status(), "parentheses inside a string do not count");
    }

    @Test
    void aQueryOver100000CharactersIsRefusedBeforeParsing() {
        String soql = "SELECT Id FROM User WHERE Username = '" + "x".repeat(100_000) + "'";
        OrgException e =
                org.junit.jupiter.api.Assertions.assertThrows(OrgException.class, () -> QueryLimits.check(soql));
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertTrue(e.getMessage().contains("100,000 characters"), e.getMessage());
    }

    @Test
    void aQueryOverTheTimeLimitAnswersQueryTimeout() {
        QueryLimits.timeLimit(Duration.ZERO);
        try {
            OrgClient.Answer a = api.get(V + "/query?q=" + OrgClient.q("SELECT Id FROM User"));
            assertEquals(400, a.status(), a.body());
            assertEquals("QUERY_TIMEOUT", a.json().get(0).get("errorCode").asText());
            assertEquals(
                    "Your query request was running for too long.",
                    a.json().get(0).get("message").asText());
        } finally {
            QueryLimits.timeLimit(null);
        }
        assertEquals(
                200,
                api.get(V + "/query?q=" + OrgClient.q("SELECT Id FROM User")).status());
    }

    @Test
    void aTwentyMegabyteFileUploadsAsBase64Json() {
        byte[] file = new byte[20 * 1024 * 1024];
        new java.util.Random(1).nextBytes(file);
        OrgClient.Answer a = api.post(
                V + "/sobjects/ContentVersion",
                Map.of(
                        "Title",
                        "big",
                        "PathOnClient",
                        "big.bin",
                        "VersionData",
                        Base64.getEncoder().encodeToString(file)));
        assertEquals(
                201, a.status(), a.body().substring(0, Math.min(300, a.body().length())));
        JsonNode row = api.get(V + "/query?q="
                        + OrgClient.q("SELECT ContentSize FROM ContentVersion WHERE Id = '"
                                + a.json().get("id").asText() + "'"))
                .json()
                .get("records")
                .get(0);
        assertEquals(file.length, row.get("ContentSize").asInt());
    }

    @Test
    void aSixtyMegabyteFileOverTheJsonLimitUploadsAsMultipartByteForByte() throws Exception {
        byte[] file = new byte[60 * 1024 * 1024];
        new java.util.Random(2).nextBytes(file);
        String boundary = "boundary_warden_1";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"entity_content\"\r\nContent-Type: application/json\r\n\r\n"
                        + "{\"Title\":\"huge\",\"PathOnClient\":\"huge.bin\"}\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"VersionData\"; filename=\"huge.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.instanceUrl() + V + "/sobjects/ContentVersion"))
                                .header("Authorization", "Bearer " + server.adminAccessToken())
                                .header("Content-Type", "multipart/form-data; boundary=\"" + boundary + "\"")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String id = Json.MAPPER.readTree(r.body()).get("id").asText();
        HttpResponse<byte[]> back = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        server.instanceUrl() + V + "/sobjects/ContentVersion/" + id + "/VersionData"))
                                .header("Authorization", "Bearer " + server.adminAccessToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, back.statusCode());
        assertTrue(java.util.Arrays.equals(file, back.body()), "the bytes read back are the bytes uploaded");
    }

    @Test
    void aMultipartUploadWithoutItsEntityPartIsRefusedInOneLine() throws Exception {
        String boundary = "b2";
        String body = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"VersionData\"; filename=\"a.txt\"\r\n\r\nhello\r\n--"
                + boundary + "--\r\n";
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.instanceUrl() + V + "/sobjects/ContentVersion"))
                                .header("Authorization", "Bearer " + server.adminAccessToken())
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("INVALID_MULTIPART_REQUEST") && r.body().contains("entity_content"), r.body());
    }
}
