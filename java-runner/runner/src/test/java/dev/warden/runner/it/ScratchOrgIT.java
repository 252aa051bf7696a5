package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's first "done means", through the real sf CLI: the local org is the Dev Hub, sf creates a scratch org from
 * the project's definition, {@code warden up -o scr} deploys, provisions, verifies and smoke-tests it, and sf deletes
 * it again.
 */
class ScratchOrgIT {
    @TempDir
    static Path tmp;

    static LocalOrgHarness hub;

    @BeforeAll
    static void start() throws Exception {
        hub = LocalOrgHarness.start(tmp);
        hub.copyPackage();
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void upPassesOnAScratchOrgTheLocalHubCreatedAndTheOrgIsGoneAfterDelete() throws Exception {
        JsonNode created = hub.sf(
                Map.of(),
                "org",
                "create",
                "scratch",
                "-f",
                LocalOrgHarness.ROOT.resolve("config/project-scratch-def.json").toString(),
                "-v",
                LocalOrgHarness.ALIAS,
                "-a",
                "scr",
                "--wait",
                "10");
        String scratchOrgId = created.path("result").path("orgId").asText();
        assertNotEquals(hub.org.orgId(), scratchOrgId);

        var up = hub.warden("up", "-o", "scr", "--json");
        assertEquals(0, up.exit(), up.out() + up.err());
        JsonNode r = up.json().path("result");
        assertEquals(
                scratchOrgId,
                r.path("org").path("orgId").asText(),
                r.path("org").toString());
        assertEquals(
                "Succeeded",
                r.path("deploy").path("outcome").asText(),
                r.path("deploy").toString());
        for (JsonNode check : r.path("checks")) {
            assertNotEquals("FAIL", check.path("status").asText(), check.toString());
        }

        var again = hub.warden("up", "-o", "scr", "--json");
        assertEquals(0, again.exit(), again.out() + again.err());
        assertEquals(
                0,
                again.json().path("result").path("figures").path("writes").asInt(),
                again.json().path("result").path("figures").toString());

        hub.sf(Map.of(), "org", "delete", "scratch", "-o", "scr", "--no-prompt");
        JsonNode orgs = hub.call("GET", "/_local/devhub/orgs", null);
        for (JsonNode o : orgs.path("orgs")) {
            assertNotEquals(scratchOrgId, o.path("orgId").asText(), "deleted org still hosted: " + orgs);
        }
    }
}
