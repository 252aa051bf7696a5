package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        java.nio.file.Files.createDirectories(hub.projectDir.resolve("config"));
        java.nio.file.Files.copy(
                LocalOrgHarness.ROOT.resolve("config/project-scratch-def.json"),
                hub.projectDir.resolve("config/project-scratch-def.json"));
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
        System.out.println("figures of up -o scr: " + up.json().path("result").path("figures"));
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

    @Test
    void scratchOnTheHubRunsUpAndDeletesTheOrgLeavingNothing() throws Exception {
        var run = hub.warden(
                "scratch", "--target-dev-hub", LocalOrgHarness.ALIAS, "--alias", "ci1", "--delete-after", "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode r = run.json().path("result");
        JsonNode scratch = r.path("scratch");
        System.out.println("figures of scratch --delete-after: " + r.path("figures") + " scratch: " + scratch);
        assertEquals(true, scratch.path("deleted").asBoolean(), scratch.toString());
        assertEquals(scratch.path("orgId").asText(), r.path("org").path("orgId").asText());
        assertEquals(
                "Succeeded",
                r.path("deploy").path("outcome").asText(),
                r.path("deploy").toString());
        assertEquals(0, hostedOrgs(), "nothing left on the hub");
        // create and delete: the new org is found from sf's own auth files (SfAuthFiles), without an sf start-up
        assertEquals(
                2,
                r.path("figures").path("sfInvocations").asInt(),
                r.path("figures").toString());
    }

    @Test
    void scratchDeletesTheOrgAlsoWhenUpFails() throws Exception {
        Path bp = tmp.resolve("unknown-set.yaml");
        java.nio.file.Files.writeString(
                bp,
                java.nio.file.Files.readString(LocalOrgHarness.ROOT.resolve(
                                "java-runner/runner/src/main/resources/blueprints/warden.yaml"))
                        .replace("Warden_Query_All_Files]", "Warden_Query_Everything]"));
        var run = hub.warden(
                "scratch", "-v", LocalOrgHarness.ALIAS, "-a", "ci2", "--delete-after", "-b", bp.toString(), "--json");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.json().path("message").asText().contains("Warden_Query_Everything"), run.out());
        assertEquals(
                true, run.json().path("data").path("scratch").path("deleted").asBoolean(), run.out());
        assertEquals(0, hostedOrgs(), "nothing left on the hub");
    }

    @Test
    void scratchOnTheEmbeddedHubNeedsNoSfLoginOfTheUser() {
        var run = hub.warden("scratch", "--delete-after", "--skip-smoke", "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode r = run.json().path("result");
        assertEquals("local (embedded)", r.path("scratch").path("devHub").asText());
        assertEquals(true, r.path("scratch").path("deleted").asBoolean(), r.toString());
    }

    @Test
    void badDefinitionIsOneLineExit2AndNothingIsCreated() throws Exception {
        var run = hub.warden(
                "scratch",
                "-v",
                LocalOrgHarness.ALIAS,
                "--definition",
                tmp.resolve("nope.json").toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(
                run.err().contains("warden: --definition " + tmp.resolve("nope.json") + ": no such file"), run.err());
        var dry = hub.warden("scratch", "-v", LocalOrgHarness.ALIAS, "--dry-run", "--json");
        assertEquals(0, dry.exit(), dry.out() + dry.err());
        assertEquals(
                3, dry.json().path("result").path("scratch").path("wouldRun").size(), dry.out());
        assertEquals(0, hostedOrgs());
    }

    @Test
    void packageFlagsThatCannotWorkAreOneLineExit2BeforeAnyOrgIsCalled() {
        var unknown = hub.warden("up", "--package", "Warden@9.9.9-9", "-o", LocalOrgHarness.ALIAS);
        assertEquals(2, unknown.exit(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("nor a version alias of sfdx-project.json"), unknown.err());
        var noKeyChoice = hub.warden("package", "version", "-v", LocalOrgHarness.ALIAS);
        assertEquals(2, noKeyChoice.exit(), noKeyChoice.out() + noKeyChoice.err());
        assertTrue(
                noKeyChoice.err().contains("exactly one of --installation-key KEY and --installation-key-bypass"),
                noKeyChoice.err());
        var badNamespace = hub.warden("up", "--namespace", "a__b", "-o", LocalOrgHarness.ALIAS);
        assertEquals(2, badNamespace.exit(), badNamespace.out() + badNamespace.err());
    }

    int hostedOrgs() throws Exception {
        return hub.call("GET", "/_local/devhub/orgs", null).path("orgs").size();
    }
}
