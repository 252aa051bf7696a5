package dev.warden.localorg.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** SOSL over REST against records written through the API: search, parameterizedSearch, errors. */
class SearchApiTest {
    static final String V = "/services/data/v62.0";
    static LocalOrgServer server;
    static OrgClient api;
    static String zephyr;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        zephyr = create("Account", Map.of("Name", "Zephyr Widgets", "Description", "maker of quantum gadgets"));
        create("Account", Map.of("Name", "Other Zephyrish Co"));
        create(
                "Contact",
                Map.of("FirstName", "Zed", "LastName", "Zephyr", "Email", "zed@zephyr.example", "AccountId", zephyr));
        create("Lead", Map.of("LastName", "Quantum", "Company", "Gadget Labs"));
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

    static List<String> found(JsonNode answer, String field) {
        List<String> out = new ArrayList<>();
        answer.get("searchRecords")
                .forEach(r -> out.add(r.get("attributes").get("type").asText() + ":"
                        + (r.has(field) ? r.get(field).asText() : r.get("Id").asText())));
        return out;
    }

    static JsonNode search(String sosl) {
        OrgClient.Answer a = api.get(V + "/search?q=" + OrgClient.q(sosl));
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    @Test
    void findsWordsAcrossObjectsAndReturnsTheAskedFields() {
        JsonNode r = search("FIND {zephyr} IN ALL FIELDS RETURNING Account(Id, Name ORDER BY Name), Contact(Name)");
        assertEquals(List.of("Account:Zephyr Widgets", "Contact:Zed Zephyr"), found(r, "Name"));
        assertTrue(r.get("searchRecords")
                .get(0)
                .get("attributes")
                .get("url")
                .asText()
                .endsWith(zephyr));
    }

    @Test
    void wildcardsPhrasesOrAndScopes() {
        assertEquals(
                List.of("Account:Other Zephyrish Co", "Account:Zephyr Widgets"),
                found(search("FIND {zephyr*} RETURNING Account(Name ORDER BY Name)"), "Name"));
        assertEquals(
                List.of("Account:Zephyr Widgets"),
                found(search("FIND {\"quantum gadgets\"} RETURNING Account(Name)"), "Name"));
        assertEquals(
                List.of("Account:Zephyr Widgets", "Lead:Quantum"),
                found(search("FIND {quantum} RETURNING Account(Name), Lead(Name)"), "Name"));
        assertEquals(
                List.of("Lead:Quantum"),
                found(search("FIND {quantum} IN NAME FIELDS RETURNING Account(Name)," + " Lead(Name)"), "Name"),
                "the account only has it in Description");
        assertEquals(
                List.of("Contact:Zed Zephyr"),
                found(search("FIND {zed@zephyr.example} IN EMAIL FIELDS" + " RETURNING Contact(Name)"), "Name"));
        assertEquals(
                2,
                search("FIND {gadget OR widgets} RETURNING Account, Lead")
                        .get("searchRecords")
                        .size());
    }

    @Test
    void returningWhereAndLimitRunAsSoql() {
        assertEquals(
                1,
                search("FIND {zephyr*} RETURNING Account(Name WHERE Name LIKE 'Other%')")
                        .get("searchRecords")
                        .size());
        assertEquals(
                1,
                search("FIND {zephyr*} RETURNING Account(Name LIMIT 1)")
                        .get("searchRecords")
                        .size());
    }

    @Test
    void updatesAndDeletesShowAtOnce() {
        String id = create("Account", Map.of("Name", "Ephemeral Xylophone"));
        assertEquals(
                1,
                search("FIND {xylophone} RETURNING Account")
                        .get("searchRecords")
                        .size());
        assertEquals(
                204,
                api.patch(V + "/sobjects/Account/" + id, Map.of("Name", "Ephemeral Drum"))
                        .status());
        assertEquals(
                0,
                search("FIND {xylophone} RETURNING Account")
                        .get("searchRecords")
                        .size());
        assertEquals(
                1, search("FIND {drum} RETURNING Account").get("searchRecords").size());
        assertEquals(204, api.delete(V + "/sobjects/Account/" + id).status());
        assertEquals(
                0, search("FIND {drum} RETURNING Account").get("searchRecords").size());
    }

    @Test
    void parameterizedSearchGetAndPost() {
        OrgClient.Answer get = api.get(V + "/parameterizedSearch?q=zephyr&sobject=Contact&Contact.fields=Id,Email");
        assertEquals(200, get.status(), get.body());
        assertEquals(List.of("Contact:zed@zephyr.example"), found(get.json(), "Email"));
        OrgClient.Answer post = api.post(
                V + "/parameterizedSearch",
                Map.of(
                        "q",
                        "quantum",
                        "in",
                        "NAME",
                        "sobjects",
                        List.of(Map.of("name", "Lead", "fields", List.of("Id", "Company")))));
        assertEquals(200, post.status(), post.body());
        assertEquals(List.of("Lead:Gadget Labs"), found(post.json(), "Company"));
    }

    @Test
    void errorsUseSalesforceCodes() {
        OrgClient.Answer malformed = api.get(V + "/search?q=" + OrgClient.q("FIND zephyr"));
        assertEquals(400, malformed.status());
        assertEquals(
                "MALFORMED_SEARCH", malformed.json().get(0).get("errorCode").asText());
        OrgClient.Answer type = api.get(V + "/search?q=" + OrgClient.q("FIND {zephyr} RETURNING Nope__c"));
        assertEquals("INVALID_TYPE", type.json().get(0).get("errorCode").asText());
        OrgClient.Answer field = api.get(V + "/search?q=" + OrgClient.q("FIND {zephyr} RETURNING Account(Nope)"));
        assertEquals("INVALID_FIELD", field.json().get(0).get("errorCode").asText());
    }
}
