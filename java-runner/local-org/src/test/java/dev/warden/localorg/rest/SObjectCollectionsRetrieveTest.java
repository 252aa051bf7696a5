package dev.warden.localorg.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET composite/sobjects/{type}?ids=&fields=} over HTTP: records in id order, null for a missing one. */
class SObjectCollectionsRetrieveTest {
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

    @Test
    void recordsComeBackInTheOrderOfTheIdsWithNullForOneThatIsGone() {
        String a = api.post("/services/data/v62.0/sobjects/Account", Map.of("Name", "Coll R1"))
                .json()
                .get("id")
                .asText();
        String b = api.post("/services/data/v62.0/sobjects/Account", Map.of("Name", "Coll R2"))
                .json()
                .get("id")
                .asText();
        api.delete("/services/data/v62.0/sobjects/Account/" + a);
        OrgClient.Answer r =
                api.get("/services/data/v62.0/composite/sobjects/Account?ids=" + b + "," + a + "&fields=Id,Name");
        assertEquals(200, r.status(), r.body());
        JsonNode rows = r.json();
        assertEquals(2, rows.size());
        assertEquals("Coll R2", rows.get(0).get("Name").asText());
        assertEquals("Account", rows.get(0).get("attributes").get("type").asText());
        assertTrue(rows.get(1).isNull(), r.body());

        assertEquals(
                400,
                api.get("/services/data/v62.0/composite/sobjects/Account?ids=" + b)
                        .status());
    }
}
