package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 for sandboxes, through the real sf CLI: the local org presents itself as production and is set up by
 * {@code warden up} (no smoke data in production), sf creates a Developer sandbox of it (production's users, permission
 * sets and their license and set assignments, and the app are copied), {@code warden up -o sb} deploys, provisions,
 * verifies and smoke-tests the sandbox, and sf deletes it. The runner names its integration user and key pair per org
 * id, so the sandbox still gets its own (its setup writes are not 0).
 */
class SandboxIT {
    @TempDir
    static Path tmp;

    static LocalOrgHarness prod;

    @BeforeAll
    static void start() throws Exception {
        prod = LocalOrgHarness.start(tmp, LocalOrgOptions.defaults().asProduction());
        prod.copyPackage();
    }

    @AfterAll
    static void stop() {
        if (prod != null) {
            prod.close();
        }
    }

    @Test
    void upPassesOnASandboxOfTheLocalProductionOrg() throws Exception {
        var onProduction = prod.warden("up", "-o", LocalOrgHarness.ALIAS, "--skip-smoke", "--json");
        assertEquals(0, onProduction.exit(), onProduction.out() + onProduction.err());
        int productionWrites = onProduction
                .json()
                .path("result")
                .path("figures")
                .path("writes")
                .asInt();
        prod.sf(
                Map.of(),
                "org",
                "create",
                "sandbox",
                "--name",
                "wsbx",
                "--license-type",
                "Developer",
                "-o",
                LocalOrgHarness.ALIAS,
                "--wait",
                "2",
                "--alias",
                "sb",
                "--no-prompt");
        JsonNode display = prod.sf(Map.of(), "org", "display", "-o", "sb").path("result");
        String sandboxOrgId = display.path("id").asText();
        assertNotEquals(prod.org.orgId(), sandboxOrgId, display.toString());

        var up = prod.warden("up", "-o", "sb", "--json");
        assertEquals(0, up.exit(), up.out() + up.err());
        System.out.println("figures of up -o sb: " + up.json().path("result").path("figures")
                + " (up on production before the copy: " + productionWrites + " writes)");
        JsonNode r = up.json().path("result");
        assertEquals(
                sandboxOrgId,
                r.path("org").path("orgId").asText(),
                r.path("org").toString());
        assertEquals(
                "Succeeded",
                r.path("deploy").path("outcome").asText(),
                r.path("deploy").toString());
        for (JsonNode check : r.path("checks")) {
            assertNotEquals("FAIL", check.path("status").asText(), check.toString());
        }

        JsonNode deleted = prod.sf(Map.of(), "org", "delete", "sandbox", "-o", "sb", "--no-prompt");
        assertEquals(0, deleted.path("status").asInt(), deleted.toString());
    }
}
