package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `warden up` with no --target-org twice in a row, as the launcher runs it: the embedded org keeps its state in
 * WARDEN_LOCAL_ORG_STATE between the two processes, so the second run meets the org the first one left.
 */
@Tag("metadata")
class EmbeddedOrgStateIT {
    @TempDir
    static Path tmp;

    static LocalOrgHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = LocalOrgHarness.start(tmp);
        harness.copyPackage();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("warden.localOrgState");
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aSecondUpOnThePersistedEmbeddedOrgSkipsTheDeployAndPlansNoWrite() throws Exception {
        Path state = tmp.resolve("local-org/state.json");
        Files.createDirectories(state.getParent());
        System.setProperty("warden.localOrgState", state.toString());

        var first = harness.warden("up", "--skip-smoke", "--json");
        assertEquals(0, first.exit(), first.out() + first.err());
        assertTrue(first.json().path("result").path("figures").path("writes").asInt() > 0, first.out());
        assertTrue(Files.exists(state), "the embedded org saved its state at exit");

        var second = harness.warden("up", "--skip-smoke", "--json");
        assertEquals(0, second.exit(), second.out() + second.err());
        JsonNode r = second.json().path("result");
        assertEquals(
                0, r.path("figures").path("writes").asInt(), r.path("figures").toString());
        assertEquals(0, r.path("plan").path("steps").size(), r.path("plan").toString());
        assertEquals(
                0,
                r.path("figures").path("sfInvocations").asInt(),
                "deploy skipped, no sf login: " + r.path("figures"));
        assertEquals(
                "PASS",
                ProvisionRecordsIT.check(r.path("checks"), "jwt.login")
                        .path("status")
                        .asText());
        assertEquals(
                "Skipped",
                r.path("deploy").path("outcome").asText(),
                r.path("deploy").toString());

        // The whole pipeline with the smoke stage: one JWT login (verify's session is the smoke test's scanner).
        var full = harness.warden("up", "--json");
        assertEquals(0, full.exit(), full.out() + full.err());
        JsonNode f = full.json().path("result");
        assertEquals(
                1,
                f.path("figures").path("callsByKind").path("login.jwt").asInt(),
                f.path("figures").toString());
        assertTrue(
                f.path("sections").toString().contains("assert-restored-byte-for-byte"),
                f.path("sections").toString());

        // smoke on its own runs on the persisted embedded org (it refused with a stale message before).
        var smoke = harness.warden("smoke", "--json");
        assertEquals(0, smoke.exit(), smoke.out() + smoke.err());
        // No package installed: the source deploy's unnamespaced names, found with one Tooling query (issue 9).
        JsonNode ns = smoke.json().path("result").path("namespace");
        assertTrue(ns.path("prefix").isNull(), ns.toString());
        assertEquals(
                "no installed package named Warden: unnamespaced (a source deploy)",
                ns.path("source").asText());
    }
}
