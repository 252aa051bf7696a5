package dev.warden.localorg.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.ConnectorConfig;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.model.FieldCalculation;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Formula and roll-up values reach every reader: REST record and query, REST describe, WSC query/retrieve/describe. */
class CalculatedFieldsOverApisTest {
    private static final String V = "/services/data/v67.0";
    private static LocalOrgServer server;
    private static OrgClient api;
    private static PartnerConnection partner;
    private static String crate;

    @BeforeAll
    static void start() throws Exception {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        ConnectorConfig cfg = new ConnectorConfig();
        cfg.setServiceEndpoint(server.instanceUrl() + "/services/Soap/u/65.0");
        cfg.setSessionId(server.adminAccessToken());
        partner = new PartnerConnection(cfg);
        server.org()
                .schema()
                .define(ObjectDefinition.custom(
                        "Crate__c",
                        "Crate",
                        List.of(
                                FieldDef.of("Width__c", FieldType.DOUBLE).build(),
                                FieldDef.of("Area__c", FieldType.DOUBLE)
                                        .calculated(FieldCalculation.formula("Width__c * Width__c", true, 1))
                                        .build(),
                                FieldDef.of("Items__c", FieldType.DOUBLE)
                                        .calculated(FieldCalculation.rollup(
                                                "count", null, "Item__c.Crate__c", List.of(), 0))
                                        .build())));
        server.org()
                .schema()
                .define(ObjectDefinition.custom(
                        "Item__c",
                        "Item",
                        List.of(
                                FieldDef.of("Crate__c", FieldType.REFERENCE)
                                        .references("Crate__r", "Crate__c")
                                        .required()
                                        .childRelationship("Items__r")
                                        .build(),
                                FieldDef.of("Label__c", FieldType.STRING)
                                        .calculated(FieldCalculation.formula(
                                                "UPPER(Crate__r.Name) & '-' & Name", true, null))
                                        .build())));
        crate = api.post(V + "/sobjects/Crate__c", Map.of("Name", "c1", "Width__c", 3))
                .json()
                .get("id")
                .asText();
        api.post(V + "/sobjects/Item__c", Map.of("Name", "i1", "Crate__c", crate));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void restRecordQueryAndDescribeShowCalculatedValues() {
        JsonNode record = api.get(V + "/sobjects/Crate__c/" + crate).json();
        assertEquals(9.0, record.get("Area__c").asDouble());
        assertEquals(1.0, record.get("Items__c").asDouble());

        JsonNode rows = api.get(V + "/query?q="
                        + OrgClient.q("SELECT Label__c, Crate__r.Area__c FROM Item__c WHERE Crate__r.Area__c > 5"))
                .json();
        assertEquals(1, rows.get("totalSize").asInt(), rows.toString());
        assertEquals("C1-i1", rows.get("records").get(0).get("Label__c").asText());

        JsonNode area = field(api.get(V + "/sobjects/Crate__c/describe").json(), "Area__c");
        assertTrue(area.get("calculated").asBoolean());
        assertEquals("Width__c * Width__c", area.get("calculatedFormula").asText());
        assertEquals(false, area.get("createable").asBoolean());
    }

    @Test
    void aCalculatedFieldCannotBeWritten() {
        OrgClient.Answer a = api.patch(V + "/sobjects/Crate__c/" + crate, Map.of("Area__c", 1));
        assertEquals(400, a.status(), a.body());
        assertTrue(a.body().contains("INVALID_FIELD_FOR_INSERT_UPDATE"), a.body());
    }

    @Test
    void soapQueryRetrieveAndDescribeShowCalculatedValues() throws Exception {
        QueryResult q = partner.query("SELECT Id, Area__c, (SELECT Label__c FROM Items__r) FROM Crate__c");
        assertEquals("9.0", String.valueOf(q.getRecords()[0].getField("Area__c")));
        String itemId = api.get(V + "/query?q=" + OrgClient.q("SELECT Id FROM Item__c"))
                .json()
                .get("records")
                .get(0)
                .get("Id")
                .asText();
        SObject[] items = partner.retrieve("Label__c, Crate__r.Name", "Item__c", new String[] {itemId, crate});
        assertEquals("C1-i1", items[0].getField("Label__c"));
        assertEquals(itemId, items[0].getId());
        assertEquals(null, items[1], "an id of another type is no Item__c: null in its place");
        DescribeSObjectResult d = partner.describeSObject("Crate__c");
        Field area = Arrays.stream(d.getFields())
                .filter(f -> f.getName().equals("Area__c"))
                .findFirst()
                .orElseThrow();
        assertTrue(area.isCalculated());
        assertEquals("Width__c * Width__c", area.getCalculatedFormula());
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode f : describe.get("fields")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name);
    }
}
