package dev.warden.localorg.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /_local/populate}: a large org in one call, the same for the same seed, queryable like any other. */
class PopulateTest {
    static LocalOrgServer server;
    static OrgClient admin;

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(new LocalOrgOptions(0, false, "00D000000000001!populateToken", null));
        admin = new OrgClient(server.instanceUrl(), server.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        assertEquals(200, admin.post("/_local/reset", Map.of()).status());
    }

    JsonNode populate(Map<String, Object> body) {
        OrgClient.Answer a = admin.post("/_local/populate", body);
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    long count(String soql) {
        return admin.get("/services/data/v65.0/query?q="
                        + java.net.URLEncoder.encode(soql, java.nio.charset.StandardCharsets.UTF_8))
                .json()
                .path("totalSize")
                .asLong();
    }

    @Test
    void theRowsAreThereAndQueryable() {
        JsonNode made = populate(Map.of("users", 500, "permissionSets", 200, "assignments", 1500, "seed", 11));
        assertEquals(501, count("SELECT COUNT() FROM User"));
        assertEquals(2, made.path("permissionSetGroups").asInt());
        assertEquals(
                1500 + 500 + 1,
                count("SELECT COUNT() FROM PermissionSetAssignment"),
                "explicit + one profile set per user + the admin's");
        assertEquals(
                1500,
                count(
                        "SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = false OR PermissionSetGroupId != null"));
        assertEquals(
                made.path("groupAssignments").asLong(),
                count("SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSetGroupId != null"));
    }

    @Test
    void theSameSeedGivesTheSameMix() {
        JsonNode a = populate(Map.of("users", 300, "permissionSets", 300, "assignments", 900, "seed", 5));
        reset();
        JsonNode b = populate(Map.of("users", 300, "permissionSets", 300, "assignments", 900, "seed", 5));
        for (String f : new String[] {"admins", "integrationUsers", "tieredPermissionSets", "groupAssignments"}) {
            assertEquals(a.path(f), b.path(f), f);
        }
    }

    @Test
    void populatedGroupsGrantThroughTheOrgsOwnAccessModel() {
        populate(Map.of("users", 200, "permissionSets", 100, "assignments", 600, "seed", 9));
        var db = server.org().db();
        Record group = db.rows("PermissionSetGroup", false).get(0);
        Access viaGroup = Access.ofPermissionSetOrGroup(db, group.id());
        assertTrue(!viaGroup.permissionSetNames().isEmpty(), "the group's members are real permission sets");
        assertTrue(!viaGroup.has("ModifyAllData"), "the first group carries a muting set that mutes Modify All Data");
    }

    @Test
    void badBodiesAreInvalidInput() {
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(
                Map.of("users", -1),
                Map.of("users", "many"),
                Map.of("users", 2, "permissionSets", 1, "assignments", 3),
                Map.of("assignments", 1))) {
            OrgClient.Answer a = admin.post("/_local/populate", body);
            assertEquals(400, a.status(), body + " -> " + a.body());
            assertTrue(a.body().contains("INVALID_INPUT"), a.body());
        }
    }
}
