package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.sfcli.SfAuthFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files the real sf CLI wrote at {@code sf org login access-token} (private HOME) are read without sf, and a
 * command on the alias starts no sf at all.
 */
class SfAuthFilesIT {
    @TempDir
    static Path tmp;

    static LocalOrgHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = LocalOrgHarness.start(tmp);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theAliasAndTheUsernameSfSavedResolveToTheOrgsSession() {
        SfAuthFiles files = new SfAuthFiles(harness.sfHome, name -> null, System.getProperty("os.name"));
        for (String name : new String[] {LocalOrgHarness.ALIAS, harness.org.adminUsername()}) {
            Session s = files.lookup(name).session();
            assertNotNull(s, name + ": " + files.lookup(name).whyNot());
            assertEquals(harness.org.adminAccessToken(), s.accessToken(), name);
            assertEquals(harness.org.instanceUrl(), s.instanceUrl(), name);
            assertEquals(harness.org.orgId(), s.orgId(), name);
            assertEquals(harness.org.adminUsername(), s.username(), name);
        }
    }

    @Test
    void planOnTheAliasStartsNoSfAndChecksTheSavedTokenWithOneCall() {
        // No package in this org: plan reads it, then refuses the blueprint (exit 2) with the figures in its data.
        var run = harness.warden("plan", "--target-org", LocalOrgHarness.ALIAS, "--json");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.json().path("message").asText().contains("does not exist in the org"), run.out());
        JsonNode figures = run.json().findValue("figures");
        assertEquals(0, figures.path("sfInvocations").asInt(), figures.toString());
        assertEquals(1, figures.path("callsByKind").path("rest.versionCheck").asInt(), figures.toString());
        assertFalse(run.err().contains(harness.org.adminAccessToken()));
        assertFalse(run.out().contains(harness.org.adminAccessToken()));
    }

    @Test
    void aSavedTokenTheOrgRefusesIsLeftToSfOrgDisplay() throws Exception {
        // The org refuses the saved token once (as an expired session): sf org display then resolves the org (it
        // refreshes tokens it can refresh) and the run goes on with sf's answer.
        harness.call(
                "POST",
                "/_local/faults",
                java.util.Map.of(
                        "match", java.util.Map.of("method", "GET", "path", "/services/data/v65.0"),
                        "times", 1,
                        "fault",
                                java.util.Map.of(
                                        "kind",
                                        "sfError",
                                        "status",
                                        401,
                                        "errorCode",
                                        "INVALID_SESSION_ID",
                                        "message",
                                        "Session expired or invalid")));
        var run = harness.warden("plan", "--target-org", LocalOrgHarness.ALIAS, "--json");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("was refused (INVALID_SESSION_ID); sf refreshes it"), run.err());
        JsonNode figures = run.json().findValue("figures");
        assertEquals(1, figures.path("callsByKind").path("sf.org display").asInt(), figures.toString());
        assertFalse(run.err().contains(harness.org.adminAccessToken()));
    }
}
