package dev.warden.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test class, run twice: on the embedded org, and on an org reached as a real org is, through an sf alias
 * (here a local org sf is logged in to, in a private HOME: the real-org path of the library end to end).
 */
class SameCodeOnBothOrgsTest {
    static final Path ROOT =
            Path.of(System.getProperty("warden.root", "../..")).toAbsolutePath().normalize();

    @KitOnly
    @WardenTest
    static class SmokeOfAnyOrg {
        static volatile boolean embedded;
        static volatile long apiCallsCounted;
        static volatile int left = -1;

        record Contact(String lastName) {}

        record Contacts(List<Contact> records) {}

        record Account(String id, String name, Contacts contacts) {}

        @Test
        void anAccountWithAContact(TestOrg org) throws Exception {
            embedded = org.embedded();
            ApiCalls calls = org.apiCalls(() -> {
                String a = org.records().insert("Account", "Name", "Both ways");
                org.records().insert("Contact", "LastName", "Either", "AccountId", a);
                Account read = org.records()
                        .query(
                                "SELECT Id, Name, (SELECT LastName FROM Contacts) FROM Account WHERE Id = '" + a + "'",
                                Account.class)
                        .get(0);
                assertEquals(
                        List.of("Either"),
                        read.contacts().records().stream()
                                .map(Contact::lastName)
                                .toList());
            });
            apiCallsCounted = calls.total();
        }

        @Test
        void faultsNeedTheEmbeddedOrg(LocalOrgControl local) {
            local.addFaults(FaultRule.on("GET", "/nothing").times(1).delay(1));
            local.clearFaults();
        }

        @AfterAll
        static void count(TestOrg org) {
            left = org.records()
                    .query("SELECT Id FROM Account WHERE Name = 'Both ways'")
                    .size();
        }
    }

    @Test
    void onTheEmbeddedOrgEverythingRuns() {
        var summary = Kit.run(SmokeOfAnyOrg.class, Map.of());
        assertEquals(
                2,
                summary.getTestsSucceededCount(),
                Kit.failureMessages(summary).toString());
        assertTrue(SmokeOfAnyOrg.embedded);
        assertEquals(3, SmokeOfAnyOrg.apiCallsCounted);
        assertEquals(0, SmokeOfAnyOrg.left);
    }

    @Test
    void throughAnSfAliasTheSameCodeRunsAndTheLocalOnlyTestIsSkippedWithTheReason(@TempDir Path sfHome)
            throws Exception {
        assumeTrue(
                Files.exists(ROOT.resolve(".tools/node_modules/@salesforce/cli")),
                "pinned sf CLI not installed (scripts/setup)");
        String sf = ROOT.resolve("scripts/lib/sf").toString();
        try (LocalOrg org = LocalOrg.start(LocalOrgOptions.defaults())) {
            ProcessBuilder login = new ProcessBuilder(
                            sf,
                            "org",
                            "login",
                            "access-token",
                            "--instance-url",
                            org.instanceUrl(),
                            "--no-prompt",
                            "--alias",
                            "kit-org",
                            "--json")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            login.environment().put("HOME", sfHome.toString());
            login.environment().put("SF_ACCESS_TOKEN", org.adminAccessToken());
            Process p = login.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "sf logged in to the org");

            var summary = Kit.run(
                    SmokeOfAnyOrg.class,
                    Map.of("warden.targetOrg", "kit-org", "warden.sf", sf, "warden.sf.home", sfHome.toString()));
            assertEquals(
                    0,
                    summary.getTotalFailureCount(),
                    Kit.failureMessages(summary).toString());
            assertEquals(1, summary.getTestsSucceededCount());
            assertEquals(1, summary.getTestsAbortedCount());
            assertTrue(!SmokeOfAnyOrg.embedded);
            assertEquals(3, SmokeOfAnyOrg.apiCallsCounted, "counted by the library's clients on a real org");
            assertEquals(0, SmokeOfAnyOrg.left);
        }
    }
}
