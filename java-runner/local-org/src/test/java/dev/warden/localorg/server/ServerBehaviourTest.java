package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerBehaviourTest {
    @Test
    void readyLineHasTheFieldsTheDesignDefines() throws Exception {
        try (LocalOrg org = LocalOrg.start(LocalOrgOptions.defaults())) {
            JsonNode line = Json.MAPPER.readTree(org.readyLine());
            assertEquals(org.instanceUrl(), line.get("instanceUrl").asText());
            assertEquals(org.adminUsername(), line.get("adminUsername").asText());
            assertEquals(org.adminAccessToken(), line.get("accessToken").asText());
            assertTrue(line.get("orgId").asText().startsWith("00D")
                    && line.get("orgId").asText().length() == 18);
            assertTrue(org.instanceUrl().startsWith("http://127.0.0.1:"));
        }
    }

    @Test
    void delayHttpAndSeededProbabilityFaults() {
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            OrgClient api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
            api.post(
                    "/_local/faults",
                    List.of(
                            Map.of(
                                    "match",
                                    Map.of("path", "/services/data/v67.0/limits"),
                                    "fault",
                                    Map.of("kind", "http", "status", 503, "body", "maintenance")),
                            Map.of(
                                    "match",
                                    Map.of("method", "GET", "path", "/services/data/v67.0"),
                                    "fault",
                                    Map.of("kind", "delay", "ms", 300))));
            OrgClient.Answer down = api.get("/services/data/v67.0/limits");
            assertEquals(503, down.status());
            assertEquals("maintenance", down.body());
            long t0 = System.nanoTime();
            assertEquals(200, api.get("/services/data/v67.0").status());
            assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
            api.delete("/_local/faults");
            api.post(
                    "/_local/faults",
                    Map.of(
                            "match",
                            Map.of("path", "/services/data/v67.0/sobjects"),
                            "probability",
                            0.5,
                            "seed",
                            42,
                            "fault",
                            Map.of("kind", "sfError", "status", 503, "errorCode", "SERVER_UNAVAILABLE")));
            StringBuilder first = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                first.append(api.get("/services/data/v67.0/sobjects").status() == 503 ? 'x' : '.');
            }
            api.delete("/_local/faults");
            api.post(
                    "/_local/faults",
                    Map.of(
                            "match",
                            Map.of("path", "/services/data/v67.0/sobjects"),
                            "probability",
                            0.5,
                            "seed",
                            42,
                            "fault",
                            Map.of("kind", "sfError", "status", 503, "errorCode", "SERVER_UNAVAILABLE")));
            StringBuilder second = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                second.append(api.get("/services/data/v67.0/sobjects").status() == 503 ? 'x' : '.');
            }
            assertEquals(first.toString(), second.toString());
            assertTrue(first.indexOf("x") >= 0 && first.indexOf(".") >= 0, first.toString());
        }
    }

    @Test
    void sessionsLockedToTheirIpAndProfileRangesOnEveryRequest() {
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            Org org = server.org();
            String token = server.sessions()
                    .issue(server.orgId(), org.adminUserId(), "App", "192.0.2.10")
                    .token();
            OrgClient api = new OrgClient(server.instanceUrl(), token);
            String ip = LocalOrgServer.CLIENT_IP_HEADER;
            assertEquals(
                    200, api.get("/services/data/v67.0", ip, "198.51.100.1").status());
            org.metadata().putSettings(org.adminUserId(), "Security", Map.of("lockSessionsToIp", true));
            assertEquals(
                    401, api.get("/services/data/v67.0", ip, "198.51.100.1").status());
            assertEquals(200, api.get("/services/data/v67.0", ip, "192.0.2.10").status());
            org.metadata()
                    .putSettings(
                            org.adminUserId(),
                            "Security",
                            Map.of("lockSessionsToIp", false, "enforceIpRangesEveryRequest", true));
            org.metadata()
                    .setProfileLoginIpRanges(
                            org.adminUserId(),
                            "System Administrator",
                            List.of(new IpRange("203.0.113.0", "203.0.113.255", null)));
            assertEquals(401, api.get("/services/data/v67.0", ip, "192.0.2.10").status());
            assertEquals(200, api.get("/services/data/v67.0", ip, "203.0.113.5").status());
        }
    }

    @Test
    void lostResponseCommitsTheWriteThenDropsTheConnectionOverRestCompositeAndSoap() throws Exception {
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            OrgClient api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
            String v = "/services/data/v65.0";
            api.post(
                    "/_local/faults",
                    List.of(
                            Map.of(
                                    "match",
                                    Map.of("method", "POST", "path", v + "/sobjects/Group"),
                                    "times",
                                    1,
                                    "fault",
                                    Map.of("kind", "lostResponse")),
                            Map.of(
                                    "match",
                                    Map.of("method", "POST", "path", v + "/composite/sobjects"),
                                    "times",
                                    1,
                                    "fault",
                                    Map.of("kind", "lostResponse")),
                            Map.of(
                                    "match",
                                    Map.of("soapOperation", "create"),
                                    "times",
                                    1,
                                    "fault",
                                    Map.of("kind", "lostResponse"))));
            assertEquals(
                    -1,
                    api.post(v + "/sobjects/Group", Map.of("Name", "LostRest")).status(),
                    "no answer");
            assertEquals(
                    -1,
                    api.post(
                                    v + "/composite/sobjects",
                                    Map.of(
                                            "records",
                                            List.of(Map.of(
                                                    "attributes", Map.of("type", "Group"), "Name", "LostComposite"))))
                            .status(),
                    "no answer");
            // Raw SOAP over java.net.http: HttpURLConnection (under WSC) may send a dropped POST again by itself.
            String envelope =
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                            + " xmlns:urn=\"urn:partner.soap.sforce.com\" xmlns:urn1=\"urn:sobject.partner.soap.sforce.com\""
                            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Header><urn:SessionHeader><urn:sessionId>"
                            + server.adminAccessToken()
                            + "</urn:sessionId></urn:SessionHeader></soapenv:Header><soapenv:Body><urn:create>"
                            + "<urn:sObjects xsi:type=\"urn1:sObject\"><urn1:type>Group</urn1:type><urn1:Name>LostSoap</urn1:Name></urn:sObjects>"
                            + "</urn:create></soapenv:Body></soapenv:Envelope>";
            assertEquals(
                    -1,
                    api.postRaw("/services/Soap/u/65.0", envelope, "text/xml; charset=UTF-8", "SOAPAction", "\"\"")
                            .status(),
                    "no answer");
            JsonNode rows = api.get(v + "/query?q="
                            + OrgClient.q("SELECT Name FROM Group WHERE Name LIKE 'Lost%' ORDER BY Name"))
                    .json()
                    .get("records");
            assertEquals(3, rows.size(), "every write was committed although its answer was lost: " + rows);
            assertEquals(
                    201,
                    api.post(v + "/sobjects/Group", Map.of("Name", "Answered")).status(),
                    "the rule fired once");
        }
    }

    @Test
    void anUnknownFaultKindNamesTheKinds() {
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            OrgClient api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
            OrgClient.Answer a = api.post("/_local/faults", List.of(Map.of("fault", Map.of("kind", "vanish"))));
            assertEquals(400, a.status());
            assertTrue(a.body().contains("use sfError, http, delay, reset or lostResponse"), a.body());
        }
    }

    @Test
    void everyLocalOrgHasItsOwnOrgIdAndKeepsItAcrossAReset() {
        try (LocalOrgServer a = LocalOrgServer.start(LocalOrgOptions.defaults());
                LocalOrgServer b = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            assertTrue(!a.orgId().equals(b.orgId()), a.orgId() + " vs " + b.orgId());
            String before = a.orgId();
            OrgClient api = new OrgClient(a.instanceUrl(), a.adminAccessToken());
            assertEquals(200, api.post("/_local/reset", Map.of()).status());
            assertEquals(before, a.orgId());
            assertEquals(
                    before,
                    api.get("/services/data/v65.0/query?q=" + OrgClient.q("SELECT Id FROM Organization"))
                            .json()
                            .get("records")
                            .get(0)
                            .get("Id")
                            .asText());
        }
    }

    @Test
    void aProductionLocalOrgSaysSoInItsOrganizationRecordAndAResetKeepsIt() {
        try (LocalOrgServer prod =
                        LocalOrgServer.start(LocalOrgOptions.defaults().asProduction());
                LocalOrgServer dev = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            String soql = "/services/data/v65.0/query?q="
                    + OrgClient.q("SELECT IsSandbox, OrganizationType, TrialExpirationDate FROM Organization");
            OrgClient p = new OrgClient(prod.instanceUrl(), prod.adminAccessToken());
            JsonNode row = p.get(soql).json().get("records").get(0);
            assertEquals("Enterprise Edition", row.get("OrganizationType").asText());
            assertEquals(false, row.get("IsSandbox").asBoolean());
            assertTrue(row.get("TrialExpirationDate").isNull());
            p.post("/_local/reset", Map.of());
            assertEquals(
                    "Enterprise Edition",
                    p.get(soql)
                            .json()
                            .get("records")
                            .get(0)
                            .get("OrganizationType")
                            .asText());
            assertEquals(
                    "Developer Edition",
                    new OrgClient(dev.instanceUrl(), dev.adminAccessToken())
                            .get(soql)
                            .json()
                            .get("records")
                            .get(0)
                            .get("OrganizationType")
                            .asText());
        }
    }
}
