package dev.warden.localorg.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Standard CRM objects over REST: describe, compound names, derived fields, child subqueries. */
class StandardObjectsRestTest {
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

    static String create(String object, Map<String, Object> fields) {
        OrgClient.Answer a = api.post(V + "/sobjects/" + object, fields);
        assertEquals(201, a.status(), a.body());
        return a.json().get("id").asText();
    }

    static JsonNode query(String soql) {
        OrgClient.Answer a = api.get(V + "/query?q=" + OrgClient.q(soql));
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    @Test
    void accountDescribeListsFieldsPicklistsAndChildRelationships() {
        JsonNode d = api.get(V + "/sobjects/Account/describe").json();
        assertEquals("001", d.get("keyPrefix").asText());
        List<String> children = new ArrayList<>();
        d.get("childRelationships")
                .forEach(c -> children.add(c.get("relationshipName").asText()));
        assertTrue(
                children.containsAll(List.of("Contacts", "Opportunities", "Cases", "Tasks", "ChildAccounts")),
                children.toString());
        JsonNode industry = field(d, "Industry");
        assertFalse(industry.get("restrictedPicklist").asBoolean());
        assertTrue(industry.get("picklistValues").toString().contains("\"Banking\""));
        assertTrue(field(d, "Name").get("nameField").asBoolean());
        assertFalse(field(d, "Name").get("nillable").asBoolean());
    }

    @Test
    void contactNameIsComputedAndAccountsReturnTheirContactsInASubquery() {
        String acme = create("Account", Map.of("Name", "Acme Subquery", "Industry", "Banking"));
        create("Contact", Map.of("FirstName", "Ada", "LastName", "Lovelace", "AccountId", acme));
        create("Contact", Map.of("LastName", "Babbage", "AccountId", acme));
        JsonNode r = query("SELECT Id, Name, (SELECT LastName, Name FROM Contacts ORDER BY LastName) FROM Account"
                + " WHERE Id = '" + acme + "'");
        JsonNode contacts = r.get("records").get(0).get("Contacts");
        assertEquals(2, contacts.get("totalSize").asInt());
        assertEquals("Babbage", contacts.get("records").get(0).get("Name").asText());
        assertEquals("Ada Lovelace", contacts.get("records").get(1).get("Name").asText());
    }

    @Test
    void unrestrictedStandardPicklistsAcceptOtherValuesRequiredFieldsAreEnforced() {
        create("Account", Map.of("Name", "Odd Industry", "Industry", "Space Mining"));
        OrgClient.Answer a = api.post(V + "/sobjects/Opportunity", Map.of("Name", "No stage"));
        assertEquals(400, a.status());
        assertTrue(a.body().contains("REQUIRED_FIELD_MISSING") && a.body().contains("StageName"), a.body());
    }

    @Test
    void opportunityStageDecidesClosedWonProbabilityAndForecast() {
        String id = create(
                "Opportunity",
                Map.of("Name", "Deal", "StageName", "Prospecting", "CloseDate", "2026-05-10", "Amount", 1000));
        JsonNode o = api.get(V + "/sobjects/Opportunity/" + id).json();
        assertFalse(o.get("IsClosed").asBoolean());
        assertEquals(10.0, o.get("Probability").asDouble());
        assertEquals(100.0, o.get("ExpectedRevenue").asDouble());
        assertEquals(2, o.get("FiscalQuarter").asInt());
        assertEquals(
                204,
                api.patch(V + "/sobjects/Opportunity/" + id, Map.of("StageName", "Closed Won"))
                        .status());
        o = api.get(V + "/sobjects/Opportunity/" + id).json();
        assertTrue(o.get("IsClosed").asBoolean());
        assertTrue(o.get("IsWon").asBoolean());
        assertEquals("Closed", o.get("ForecastCategoryName").asText());
    }

    @Test
    void aStandardPriceBookExistsAndEntriesTakeTheProductName() {
        JsonNode pb = query("SELECT Id FROM Pricebook2 WHERE IsStandard = true");
        assertEquals(1, pb.get("totalSize").asInt());
        String product = create("Product2", Map.of("Name", "Widget", "ProductCode", "W-1"));
        String entry = create(
                "PricebookEntry",
                Map.of(
                        "Pricebook2Id",
                        pb.get("records").get(0).get("Id").asText(),
                        "Product2Id",
                        product,
                        "UnitPrice",
                        12.5,
                        "IsActive",
                        true));
        JsonNode e = query("SELECT Name, ProductCode, Product2.Name FROM PricebookEntry WHERE Id = '" + entry + "'")
                .get("records")
                .get(0);
        assertEquals("Widget", e.get("Name").asText());
        assertEquals("W-1", e.get("ProductCode").asText());
    }

    @Test
    void aCustomPriceNeedsTheStandardPriceFirst() {
        String standard = query("SELECT Id FROM Pricebook2 WHERE IsStandard = true")
                .get("records")
                .get(0)
                .get("Id")
                .asText();
        String custom = create("Pricebook2", Map.of("Name", "Partner Prices", "IsActive", true));
        String product = create("Product2", Map.of("Name", "Gizmo"));
        OrgClient.Answer refused = api.post(
                V + "/sobjects/PricebookEntry", Map.of("Pricebook2Id", custom, "Product2Id", product, "UnitPrice", 9));
        assertEquals(400, refused.status());
        assertEquals(
                "STANDARD_PRICE_NOT_DEFINED",
                refused.json().get(0).get("errorCode").asText());
        create("PricebookEntry", Map.of("Pricebook2Id", standard, "Product2Id", product, "UnitPrice", 10));
        create("PricebookEntry", Map.of("Pricebook2Id", custom, "Product2Id", product, "UnitPrice", 9));
    }

    @Test
    void eventsDeriveTheirEndAndNeedAStartAndDuration() {
        String id = create(
                "Event",
                Map.of("Subject", "Demo", "ActivityDateTime", "2026-03-01T10:00:00.000+0000", "DurationInMinutes", 90));
        JsonNode e = api.get(V + "/sobjects/Event/" + id).json();
        assertEquals("2026-03-01T11:30:00.000+0000", e.get("EndDateTime").asText());
        assertEquals("2026-03-01", e.get("ActivityDate").asText());
        OrgClient.Answer missing = api.post(V + "/sobjects/Event", Map.of("Subject", "No time"));
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("REQUIRED_FIELD_MISSING"), missing.body());
        create("Event", Map.of("Subject", "Offsite", "IsAllDayEvent", true, "ActivityDate", "2026-03-02"));
    }

    @Test
    void tasksHangOffAccountsAndContactsPolymorphically() {
        String acme = create("Account", Map.of("Name", "Acme Tasks"));
        String ada = create("Contact", Map.of("LastName", "Tasked", "AccountId", acme));
        create("Task", Map.of("Subject", "Call", "WhoId", ada));
        JsonNode r =
                query("SELECT Id, (SELECT Subject, IsClosed, Status FROM Tasks) FROM Contact WHERE Id = '" + ada + "'");
        JsonNode task = r.get("records").get(0).get("Tasks").get("records").get(0);
        assertEquals("Not Started", task.get("Status").asText());
        JsonNode byAccount = query("SELECT Subject, Who.Name FROM Task WHERE AccountId = '" + acme + "'");
        assertEquals(1, byAccount.get("totalSize").asInt(), "AccountId derived from the contact");
    }

    @Test
    void caseNumbersAreAutoNumbersAndClosingSetsIsClosed() {
        String id = create("Case", Map.of("Subject", "Broken", "Status", "Closed"));
        JsonNode c = api.get(V + "/sobjects/Case/" + id).json();
        assertTrue(c.get("CaseNumber").asText().matches("\\d{8}"), c.toString());
        assertTrue(c.get("IsClosed").asBoolean());
        assertEquals("Medium", c.get("Priority").asText());
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode f : describe.get("fields")) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name);
    }
}
