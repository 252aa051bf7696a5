package dev.warden.localorg.devhub.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's own packaging rules over HTTP, for requests sf would stop before sending (its client-side checks) or
 * that only a hand-made request makes: the hub checks them again, as Salesforce's server does.
 */
class PackagingHubRulesTest {
    private static final String T = "/services/data/v67.0/tooling";
    private LocalOrgServer hub;
    private OrgClient client;

    @BeforeEach
    void start() {
        hub = LocalOrgServer.start(LocalOrgOptions.defaults());
        client = new OrgClient(hub.instanceUrl(), hub.adminAccessToken());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aManagedPackageNeedsANamespaceAndOnlyUnlockedOnesAreOrgDependent() {
        OrgClient.Answer noNamespace = client.post(
                T + "/sobjects/Package2",
                Map.of("Name", "M", "NamespacePrefix", "", "ContainerOptions", "Managed", "Description", ""));
        assertEquals(400, noNamespace.status(), noNamespace.body());
        assertTrue(noNamespace.body().contains("A managed package requires a namespace"), noNamespace.body());
        OrgClient.Answer badType =
                client.post(T + "/sobjects/Package2", Map.of("Name", "M", "ContainerOptions", "Locked"));
        assertTrue(badType.body().contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"), badType.body());
        OrgClient.Answer unknownField = client.post(
                T + "/sobjects/Package2", Map.of("Name", "M", "ContainerOptions", "Unlocked", "Bogus", "x"));
        assertTrue(unknownField.body().contains("No such column 'Bogus' on sobject of type Package2"));
        OrgClient.Answer viaDataApi = client.post(
                "/services/data/v67.0/sobjects/Package2", Map.of("Name", "M", "ContainerOptions", "Unlocked"));
        assertEquals(400, viaDataApi.status(), "only the Tooling route creates packages: " + viaDataApi.body());
        assertEquals(0, hub.org().db().count("Package2"), "nothing was written");
    }

    @Test
    void theHubRefusesAnUnreleasedAncestorAndAnAncestorForAnUnlockedPackage() throws Exception {
        link("wdn");
        String managed = createPackage("Mgd", "Managed", "wdn", false);
        String first = status(createVersion(managed, "1.0.0.NEXT", "", Map.of("SkipValidation", true)));
        assertEquals("Success", first);
        String firstVersion =
                hub.org().db().findOne("Package2Version", "Package2Id", managed).id();
        JsonNode refused = errors(createVersion(managed, "2.0.0.NEXT", firstVersion, Map.of("SkipValidation", true)));
        assertEquals(
                "The ancestor version (1.0.0) has not been released.",
                refused.get(0).asText());

        String unlocked = createPackage("Unl", "Unlocked", "", false);
        JsonNode unlockedAncestor =
                errors(createVersion(unlocked, "1.0.0.NEXT", firstVersion, Map.of("SkipValidation", true)));
        assertTrue(unlockedAncestor.get(0).asText().contains("Specifying an ancestor is available only for"));
    }

    @Test
    void buildNumbersCountUpAndAnExplicitOneThatExistsIsRefused() throws Exception {
        String unlocked = createPackage("Unl", "Unlocked", "", false);
        createVersion(unlocked, "1.2.0.NEXT", "", Map.of("SkipValidation", true));
        createVersion(unlocked, "1.2.0.NEXT", "", Map.of("SkipValidation", true));
        assertEquals(
                2,
                hub.org().db().findBy("Package2Version", "Package2Id", unlocked).stream()
                        .mapToInt(r -> ((Number) r.get("BuildNumber")).intValue())
                        .max()
                        .orElse(0));
        JsonNode duplicate = errors(createVersion(unlocked, "1.2.0.2", "", Map.of("SkipValidation", true)));
        assertTrue(duplicate.get(0).asText().contains("already exists"), duplicate.toString());
        OrgClient.Answer both =
                postVersion(unlocked, "1.2.0.NEXT", "", Map.of("SkipValidation", true, "CalculateCodeCoverage", true));
        assertEquals(400, both.status());
        assertTrue(both.body().contains("You can't specify both skip validation and code coverage."));
    }

    @Test
    void anOrgDependentUnlockedVersionIsPromotedWithoutCoverageAndAReleaseIsFinal() throws Exception {
        String dependent = createPackage("Dep", "Unlocked", "", true);
        createVersion(dependent, "1.0.0.NEXT", "", Map.of());
        String version = hub.org()
                .db()
                .findOne("Package2Version", "Package2Id", dependent)
                .id();
        OrgClient.Answer promoted =
                client.patch(T + "/sobjects/Package2Version/" + version, Map.of("IsReleased", true));
        assertEquals(204, promoted.status(), promoted.body());
        String spv = hub.org().db().live(version).getString("SubscriberPackageVersionId");
        assertTrue(PackageVersions.inThisProcess().find(spv).orElseThrow().released());
        assertEquals("Released", hub.org().db().live(spv).get("ReleaseState"));
        OrgClient.Answer back = client.patch(T + "/sobjects/Package2Version/" + version, Map.of("IsReleased", false));
        assertEquals(400, back.status());
        OrgClient.Answer aroundTheRules =
                client.patch("/services/data/v67.0/sobjects/Package2Version/" + version, Map.of("Name", "x"));
        assertEquals(400, aroundTheRules.status(), "the data API cannot write versions: " + aroundTheRules.body());
    }

    // ------------------------------------------------------------------ helpers

    private void link(String prefix) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(hub.instanceUrl() + "/_local/devhub/namespace"))
                                .header("Authorization", "Bearer " + hub.adminAccessToken())
                                .POST(HttpRequest.BodyPublishers.ofString("{\"prefix\":\"" + prefix + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }

    private String createPackage(String name, String type, String namespace, boolean orgDependent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("Description", "");
        body.put("NamespacePrefix", namespace);
        body.put("ContainerOptions", type);
        if (orgDependent) {
            body.put("IsOrgDependent", true);
        }
        OrgClient.Answer a = client.post(T + "/sobjects/Package2", body);
        assertEquals(201, a.status(), a.body());
        return a.json().get("id").asText();
    }

    /** The id of the Package2VersionCreateRequest. */
    private String createVersion(String packageId, String number, String ancestorId, Map<String, Object> flags)
            throws Exception {
        OrgClient.Answer a = postVersion(packageId, number, ancestorId, flags);
        assertEquals(201, a.status(), a.body());
        return a.json().get("id").asText();
    }

    private OrgClient.Answer postVersion(String packageId, String number, String ancestorId, Map<String, Object> flags)
            throws Exception {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("versionNumber", number);
        descriptor.put("path", "pkg");
        descriptor.put("id", packageId);
        descriptor.put("ancestorId", ancestorId);
        byte[] packageZip = zip(Map.of(
                "package.xml",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
                                + "<types><name>Profile</name></types><version>62.0</version></Package>")
                        .getBytes(StandardCharsets.UTF_8)));
        byte[] versionInfo = zip(Map.of(
                "package.zip",
                packageZip,
                "package2-descriptor.json",
                Json.string(descriptor).getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("Package2Id", packageId);
        request.putAll(flags);
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"VersionInfo\";"
                        + " filename=\"package-version-info.zip\"\r\nContent-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(versionInfo);
        body.write(
                ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"Package2VersionCreateRequest\"\r\n"
                                + "Content-Type: application/json\r\n\r\n" + Json.string(request) + "\r\n--" + boundary
                                + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(hub.instanceUrl() + T + "/sobjects/Package2VersionCreateRequest"))
                                .header("Authorization", "Bearer " + hub.adminAccessToken())
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new OrgClient.Answer(r.statusCode(), r.headers().map(), r.body());
    }

    private String status(String requestId) {
        return client.get(T + "/sobjects/Package2VersionCreateRequest/" + requestId)
                .json()
                .get("Status")
                .asText();
    }

    /** The messages of a request that ended in Error, read the way sf reads them. */
    private JsonNode errors(String requestId) {
        assertEquals("Error", status(requestId));
        JsonNode records = client.get(T + "/query?q="
                        + OrgClient.q("SELECT Message FROM Package2VersionCreateRequestError WHERE ParentRequest.Id = '"
                                + requestId + "'"))
                .json()
                .get("records");
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
        records.forEach(r -> out.add(r.get("Message").asText()));
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
