package dev.warden.runner.quarantine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.runner.blueprint.Namespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke and scan keep the contract's names; what goes to a namespaced org is qualified, what comes back is not. */
class NamespacedQuarantineApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Records what it was sent and answers as a namespaced org would (qualified keys). */
    static final class OrgSide implements QuarantineApi {
        final List<String> sent = new ArrayList<>();

        @Override
        public List<JsonNode> query(String soql) {
            sent.add("query " + soql);
            try {
                return List.of(JSON.readTree(
                        "{\"attributes\":{\"type\":\"wdn__Scan_Request__c\"},\"Id\":\"a00\",\"wdn__Status__c\":\"Pending\","
                                + "\"wdn__Scan_Request__r\":{\"wdn__Status__c\":\"Done\"}}"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public List<SaveResult> create(List<ObjectNode> records) {
            records.forEach(r -> sent.add("create " + r));
            return List.of();
        }

        @Override
        public List<SaveResult> update(List<ObjectNode> records) {
            records.forEach(r -> sent.add("update " + r));
            return List.of();
        }

        @Override
        public List<SaveResult> delete(List<String> ids) {
            sent.add("delete " + ids);
            return List.of();
        }

        @Override
        public List<SubResponse> composite(List<SubRequest> subrequests) {
            subrequests.forEach(s -> sent.add("composite " + s.method() + " " + s.url()));
            return List.of();
        }

        @Override
        public byte[] blob(String sobject, String id, String field) {
            sent.add("blob " + sobject + " " + field);
            return new byte[0];
        }

        @Override
        public HttpAnswer postApexRest(String path, JsonNode body) {
            sent.add("apexrest " + path);
            return new HttpAnswer(200, null);
        }

        @Override
        public ApiUsage usage() {
            return null;
        }

        @Override
        public long callCount() {
            return 0;
        }

        @Override
        public Instant serverNow() {
            return Instant.EPOCH;
        }

        @Override
        public List<String> callLog() {
            return List.of();
        }

        @Override
        public String userId() {
            return "005";
        }
    }

    @Test
    void namesGoOutQualifiedAndComeBackInTheContractsWords() throws Exception {
        OrgSide org = new OrgSide();
        QuarantineApi api = NamespacedQuarantineApi.wrap(org, Namespace.of("wdn"));

        JsonNode row = api.query("SELECT Id, Status__c, Scan_Request__r.Status__c FROM Scan_Request__c")
                .get(0);
        assertEquals("Pending", row.path("Status__c").asText());
        assertEquals("Done", row.path("Scan_Request__r").path("Status__c").asText());
        assertEquals("Scan_Request__c", row.path("attributes").path("type").asText());

        ObjectNode rec = (ObjectNode)
                JSON.readTree(
                        "{\"attributes\":{\"type\":\"Scan_Request__c\"},\"Id\":\"a00\",\"Status__c\":\"Scanning\",\"Title\":\"x__c\"}");
        api.update(List.of(rec));
        api.postApexRest("warden/v1/verdicts", JSON.createObjectNode());
        api.composite(List.of(new QuarantineApi.SubRequest(
                "r1", "PATCH", "/services/data/v62.0/sobjects/Quarantine_Item__c/a01", JSON.createObjectNode())));
        api.blob("ContentVersion", "068", "VersionData");

        assertEquals(
                List.of(
                        "query SELECT Id, wdn__Status__c, wdn__Scan_Request__r.wdn__Status__c FROM wdn__Scan_Request__c",
                        "update {\"attributes\":{\"type\":\"wdn__Scan_Request__c\"},\"Id\":\"a00\",\"wdn__Status__c\":\"Scanning\",\"Title\":\"x__c\"}",
                        "apexrest wdn/warden/v1/verdicts",
                        "composite PATCH /services/data/v62.0/sobjects/wdn__Quarantine_Item__c/a01",
                        "blob ContentVersion VersionData"),
                org.sent);
    }

    @Test
    void withoutANamespaceTheApiIsUsedAsItIs() {
        OrgSide org = new OrgSide();
        assertSame(org, NamespacedQuarantineApi.wrap(org, Namespace.NONE));
    }
}
