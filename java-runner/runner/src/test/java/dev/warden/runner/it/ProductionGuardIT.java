package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local org that presents itself as production: commands that write test data refuse it, writing nothing. */
class ProductionGuardIT {
    @TempDir
    static Path tmp;

    static LocalOrgHarness org;

    @BeforeAll
    static void start() throws Exception {
        org = LocalOrgHarness.start(tmp, LocalOrgOptions.defaults().asProduction());
    }

    @AfterAll
    static void stop() {
        if (org != null) {
            org.close();
        }
    }

    List<String> writesSeen() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : org.call("GET", "/_local/requests", null).path("requests")) {
            String method = r.path("method").asText();
            if (!method.equals("GET")
                    && r.path("path").asText().startsWith("/services/")
                    && !r.path("path").asText().contains("/oauth2/")
                    && !r.path("path").asText().contains("/query")) {
                out.add(method + " " + r.path("path").asText() + " "
                        + r.path("soapOperation").asText(""));
            }
        }
        out.removeIf(w -> w.contains("/Soap/") && !w.matches(".*(create|update|delete|upsert|deploy).*"));
        return out;
    }

    @Test
    void smokeOnAProductionOrgIsExit2NamingAllowProductionAndWritesNothing() throws Exception {
        var run = org.warden("smoke", "-o", LocalOrgHarness.ALIAS);
        assertEquals(2, run.exit(), run.out() + run.err());
        String line = run.err()
                .lines()
                .filter(l -> l.startsWith("warden: "))
                .findFirst()
                .orElse("");
        assertTrue(
                line.contains("is a production org (Enterprise Edition") && line.contains("--allow-production"),
                run.err());
        assertEquals(List.of(), writesSeen());
    }

    @Test
    void upOnAProductionOrgRefusesBeforeDeployingUnlessTheSmokeTestIsLeftOut() throws Exception {
        var run = org.warden("up", "-o", LocalOrgHarness.ALIAS, "--json");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals("BadInput", run.json().path("name").asText());
        assertTrue(run.json().path("message").asText().contains("--allow-production"), run.out());
        assertTrue(run.json().path("message").asText().contains("--skip-smoke"), run.out());
        assertTrue(
                run.json().path("data").path("figures").path("sfInvocations").asInt() <= 1,
                "only org display, no deploy: " + run.out());
        assertEquals(List.of(), writesSeen());
    }

    @Test
    void readOnlyCommandsRunOnProductionAndWriteNothing() throws Exception {
        var doctor = org.warden("doctor", "-o", LocalOrgHarness.ALIAS, "--json");
        assertTrue(doctor.exit() == 0 || doctor.exit() == 3, doctor.out() + doctor.err());
        var plan = org.warden("plan", "-o", LocalOrgHarness.ALIAS, "--json");
        assertTrue(
                plan.exit() == 0 || plan.exit() == 2,
                "plan reads only (exit 2: package not deployed): " + plan.out() + plan.err());
        assertEquals(List.of(), writesSeen());
    }
}
