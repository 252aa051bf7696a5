package dev.warden.localorg.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apex REST over real HTTP against a local org: request bodies bound to the {@code @Http*} method's parameters by
 * name, returned values serialized as JSON, RestResponse status and headers, urlMapping wildcards, and the caller's
 * access to the resource class.
 */
class ApexRestFidelityTest {
    static final String V = "/services/data/v67.0";
    static final String RESOURCE = String.join(
            "\n",
            "@RestResource(urlMapping='/fidelity/v1/*')",
            "global with sharing class FidelityResource {",
            "    global class Reply {",
            "        public String greeting;",
            "        public Integer count;",
            "        public List<String> tags;",
            "        public Reply(String greeting, Integer count, List<String> tags) {",
            "            this.greeting = greeting;",
            "            this.count = count;",
            "            this.tags = tags;",
            "        }",
            "    }",
            "    @HttpPost",
            "    global static Reply create(String name, Integer count, List<String> tags, Account acct) {",
            "        RestContext.response.statusCode = 201;",
            "        RestContext.response.addHeader('X-Fidelity', 'yes');",
            "        return new Reply('hello ' + name + ' of ' + acct.Name, count + 1, tags);",
            "    }",
            "    @HttpGet",
            "    global static Map<String, Object> show() {",
            "        RestRequest req = RestContext.request;",
            "        return new Map<String, Object>{ 'tail' => req.requestURI.substring(req.requestURI.lastIndexOf('/') + 1),",
            "            'q' => req.params.get('q'), 'probe' => req.headers.get('x-probe'), 'verb' => req.httpMethod };",
            "    }",
            "    @HttpPut",
            "    global static List<Account> replace(List<Account> accounts) {",
            "        insert accounts;",
            "        return [SELECT Id, Name FROM Account WHERE Id IN :accounts ORDER BY Name];",
            "    }",
            "    @HttpPatch",
            "    global static String amend(Decimal amount) {",
            "        return 'amended ' + amount;",
            "    }",
            "    @HttpDelete",
            "    global static void remove() {",
            "        RestContext.response.statusCode = 204;",
            "    }",
            "}");
    static final String EXACT = String.join(
            "\n",
            "@RestResource(urlMapping='/fidelity/v1/exact')",
            "global class FidelityExact {",
            "    @HttpGet",
            "    global static String ping() { return 'exact'; }",
            "}");

    static LocalOrgServer server;
    static OrgClient api;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "package.xml",
                MdapiPackage.packageXml(
                                Map.of(
                                        "ApexClass",
                                        List.of("FidelityResource", "FidelityExact"),
                                        "PermissionSet",
                                        List.of("Fidelity_Callers")),
                                "62.0")
                        .getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> c :
                Map.of("FidelityResource", RESOURCE, "FidelityExact", EXACT).entrySet()) {
            files.put("classes/" + c.getKey() + ".cls", c.getValue().getBytes(StandardCharsets.UTF_8));
            files.put(
                    "classes/" + c.getKey() + ".cls-meta.xml",
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                    + "<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\"><apiVersion>62.0</apiVersion>"
                                    + "<status>Active</status></ApexClass>")
                            .getBytes(StandardCharsets.UTF_8));
        }
        files.put(
                "permissionsets/Fidelity_Callers.permissionset",
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\"><classAccesses>"
                                + "<apexClass>FidelityResource</apexClass><enabled>true</enabled></classAccesses>"
                                + "<label>Fidelity Callers</label></PermissionSet>")
                        .getBytes(StandardCharsets.UTF_8));
        DeployOutcome outcome = DeployEngine.deploy(
                server.org(), server.org().adminUserId(), MdapiPackage.zip(files), DeployEngine.Options.defaults());
        assertTrue(outcome.success(), "deploy failed: " + outcome.failures());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void postBindsTheJsonBodyToParametersByNameAndSerializesTheReturnedObject() {
        OrgClient.Answer a = api.post(
                "/services/apexrest/fidelity/v1/things",
                Map.of("name", "Ada", "count", 41, "tags", List.of("x", "y"), "acct", Map.of("Name", "Acme")));
        assertEquals(201, a.status(), a.body());
        assertEquals("yes", a.header("X-Fidelity"));
        JsonNode reply = a.json();
        assertEquals("hello Ada of Acme", reply.path("greeting").asText());
        assertEquals(42, reply.path("count").asInt());
        assertEquals("[\"x\",\"y\"]", reply.path("tags").toString());
    }

    @Test
    void aParameterMissingFromTheBodyIsNullAndAnUnknownKeyIsRefused() {
        OrgClient.Answer missing = api.patch("/services/apexrest/fidelity/v1/things", Map.of());
        assertEquals(200, missing.status(), missing.body());
        assertEquals("\"amended null\"", missing.body(), "a returned String is a JSON string");

        OrgClient.Answer unknown = api.patch("/services/apexrest/fidelity/v1/things", Map.of("amout", 3));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals(
                "JSON_PARSER_ERROR", unknown.json().get(0).path("errorCode").asText());
        assertTrue(
                unknown.json()
                        .get(0)
                        .path("message")
                        .asText()
                        .startsWith("Unexpected parameter encountered during deserialization: amout"),
                unknown.body());

        OrgClient.Answer decimal = api.patch("/services/apexrest/fidelity/v1/things", Map.of("amount", 2.5));
        assertEquals("\"amended 2.5\"", decimal.body());
    }

    @Test
    void getReadsTheUriTailParamsAndHeadersAndReturnsAMapAsJson() {
        OrgClient.Answer a = api.get("/services/apexrest/fidelity/v1/abc123?q=search%20me", "X-Probe", "p1");
        assertEquals(200, a.status(), a.body());
        JsonNode m = a.json();
        assertEquals("abc123", m.path("tail").asText());
        assertEquals("search me", m.path("q").asText());
        assertEquals("p1", m.path("probe").asText());
        assertEquals("GET", m.path("verb").asText());
    }

    @Test
    void putReturnsQueriedRecordsWithTheirAttributes() {
        OrgClient.Answer a = api.send(
                "PUT",
                "/services/apexrest/fidelity/v1/accounts",
                "{\"accounts\":[{\"Name\":\"Zeta\"},{\"Name\":\"Alpha\"}]}",
                "application/json");
        assertEquals(200, a.status(), a.body());
        JsonNode rows = a.json();
        assertEquals(2, rows.size(), a.body());
        assertEquals("Alpha", rows.get(0).path("Name").asText());
        assertEquals("Account", rows.get(0).path("attributes").path("type").asText());
        assertTrue(rows.get(1).path("Id").asText().startsWith("001"), a.body());
    }

    @Test
    void deleteAnswersTheStatusTheMethodSet() {
        assertEquals(204, api.delete("/services/apexrest/fidelity/v1/things/1").status());
    }

    @Test
    void anExactUrlMappingWinsOverAWildcardThatAlsoMatches() {
        OrgClient.Answer a = api.get("/services/apexrest/fidelity/v1/exact");
        assertEquals(200, a.status(), a.body());
        assertEquals("\"exact\"", a.body());
    }

    @Test
    void anXmlBodyForParametersFailsLoudly() {
        OrgClient.Answer a = api.send(
                "POST",
                "/services/apexrest/fidelity/v1/things",
                "<request><name>Ada</name></request>",
                "application/xml");
        assertEquals(500, a.status(), a.body());
        assertTrue(a.body().contains("not supported by the local org's Apex runtime: XML request bodies"), a.body());
    }

    @Test
    void aCallerWithoutAccessToTheClassIsRefusedUntilAPermissionSetGrantsIt() {
        String user = api.post(
                        V + "/sobjects/User",
                        Map.of(
                                "Username",
                                "rest-caller@fidelity.test",
                                "LastName",
                                "C",
                                "Email",
                                "rest-caller@fidelity.test",
                                "Alias",
                                "rc",
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
                .path("id")
                .asText();
        OrgClient caller = api.as(
                server.sessions().issue(server.orgId(), user, null, "127.0.0.1").token());

        OrgClient.Answer refused = caller.get("/services/apexrest/fidelity/v1/abc");
        assertEquals(403, refused.status(), refused.body());
        assertEquals("FORBIDDEN", refused.json().get(0).path("errorCode").asText());
        assertEquals(
                "You do not have access to the Apex class named: FidelityResource",
                refused.json().get(0).path("message").asText());

        String ps = server.org()
                .db()
                .findOne("PermissionSet", "Name", "Fidelity_Callers")
                .id();
        OrgClient.Answer assigned =
                api.post(V + "/sobjects/PermissionSetAssignment", Map.of("AssigneeId", user, "PermissionSetId", ps));
        assertEquals(201, assigned.status(), assigned.body());
        assertEquals(200, caller.get("/services/apexrest/fidelity/v1/abc").status());
        assertEquals(
                403,
                caller.get("/services/apexrest/fidelity/v1/exact").status(),
                "the permission set grants FidelityResource only");
    }
}
