package dev.warden.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Everything a test created is deleted after it, also when the test failed. */
class CleanupTest {

    /** Run only through {@link Kit}: inserts an Account with a Contact and a file, upserts one, then fails. */
    @KitOnly
    @WardenTest
    static class FailsAfterCreatingRecords {
        static volatile Map<String, Integer> leftAfterCleanup;
        static volatile String accountId;

        @Test
        void createsThenFails(TestOrg org) {
            accountId = org.records().insert("Account", "Name", "Cleanup Co");
            org.records().insert("Contact", "LastName", "Left", "AccountId", accountId);
            org.files().upload("notes.txt", "hello".getBytes(StandardCharsets.UTF_8), accountId);
            org.records().insert("Account", "Name", "Second");
            throw new AssertionError("the test's own failure");
        }

        /** Runs after the extension's cleanup of the failed test: what is left in the org now. */
        @AfterAll
        static void countWhatIsLeft(TestOrg org) {
            leftAfterCleanup = Map.of(
                    "Account",
                            org.records()
                                    .query("SELECT Id FROM Account WHERE Name IN ('Cleanup Co', 'Second')")
                                    .size(),
                    "Contact",
                            org.records()
                                    .query("SELECT Id FROM Contact WHERE LastName = 'Left'")
                                    .size(),
                    "ContentDocument",
                            org.records()
                                    .query("SELECT Id FROM ContentDocument WHERE Title = 'notes'")
                                    .size());
        }
    }

    @Test
    void aFailingTestLeavesNothingBehindAndKeepsItsOwnFailure() {
        var summary = Kit.run(FailsAfterCreatingRecords.class, Map.of());
        assertEquals(1, summary.getTestsFailedCount());
        assertEquals(List.of("the test's own failure"), Kit.failureMessages(summary));
        assertTrue(
                FailsAfterCreatingRecords.accountId != null && FailsAfterCreatingRecords.accountId.startsWith("001"));
        assertEquals(
                Map.of("Account", 0, "Contact", 0, "ContentDocument", 0), FailsAfterCreatingRecords.leftAfterCleanup);
    }

    /** Run only through {@link Kit}: a row the test did not insert itself, registered by query, goes too. */
    @KitOnly
    @WardenTest
    static class RegistersRowsByQuery {
        static volatile int left = -1;

        @Test
        void insertsBehindTheClientsBack(TestOrg org) {
            org.cleanup().addQuery("SELECT Id FROM Account WHERE Name = 'Made elsewhere'");
            String id = org.records().insert("Account", "Name", "Made elsewhere");
            org.cleanup().add("Account", id); // tracked twice: deleted once, no error
        }

        @AfterAll
        static void count(TestOrg org) {
            left = org.records()
                    .query("SELECT Id FROM Account WHERE Name = 'Made elsewhere'")
                    .size();
        }
    }

    @Test
    void rowsRegisteredByQueryAreDeletedOnce() {
        var summary = Kit.run(RegistersRowsByQuery.class, Map.of());
        assertEquals(
                0, summary.getTestsFailedCount(), Kit.failureMessages(summary).toString());
        assertEquals(0, RegistersRowsByQuery.left);
    }
}
