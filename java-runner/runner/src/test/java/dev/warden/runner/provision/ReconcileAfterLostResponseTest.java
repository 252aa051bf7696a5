package dev.warden.runner.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.salesforce.ReconcilingRecords;
import dev.warden.runner.salesforce.SalesforceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A write whose answer was lost may have been committed: the runner reads before it writes again. */
class ReconcileAfterLostResponseTest {
    static final String PROFILE = "00e000000000001AAA";
    final InMemoryRecords org = new InMemoryRecords();
    final List<String> log = new ArrayList<>();
    final ReconcilingRecords records = new ReconcilingRecords(org, 6, log::add);

    NewUser user() {
        return new NewUser("warden@example.invalid", "w@example.invalid", "warden", "Warden", "Integration", PROFILE);
    }

    @Test
    void aUserCreatedButNotAnsweredIsAdoptedNotCreatedTwice() {
        org.loseAnswerAtWrite = 1;
        String id = records.createUser(user());
        assertEquals(1, org.users.size(), "exactly one user");
        assertEquals(org.users.keySet().iterator().next(), id);
        assertEquals(1, org.writes, "no second create");
        assertTrue(log.get(0).contains("adopted " + id), log.toString());
    }

    @Test
    void aUserNotCreatedBeforeTheLostAnswerIsCreatedAgain() {
        // The connection broke before the org committed: the read finds nothing, so the create is sent again.
        RuntimeException lostBeforeCommit = new SalesforceException("create user", 0, "CONNECTION_FAILED", "reset");
        int[] calls = {0};
        InMemoryRecords flaky = new InMemoryRecords() {
            @Override
            public String createUser(NewUser u) {
                if (calls[0]++ == 0) {
                    throw lostBeforeCommit;
                }
                return super.createUser(u);
            }
        };
        String id = new ReconcilingRecords(flaky, 6, log::add).createUser(user());
        assertEquals(1, flaky.users.size());
        assertTrue(flaky.users.containsKey(id));
        assertTrue(log.get(0).contains("creating it again"), log.toString());
    }

    @Test
    void assignmentsThatExistAfterALostAnswerAreDoneAndOnlyTheMissingOnesAreWrittenAgain() {
        String userId = org.createUser(user());
        org.add(userId, "Warden_Integration", "0PS000000000001AAA", false); // assigned earlier, not part of this call
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("Warden_Scanner_Access", "0PS000000000002AAA");
        wanted.put("Warden_Query_All_Files", "0PS000000000003AAA");
        org.loseAnswerAtWrite = org.writes + 1;
        List<Assignment> done = records.assignPermissionSets(userId, wanted);
        assertEquals(
                List.of("Warden_Scanner_Access", "Warden_Query_All_Files"),
                done.stream().map(Assignment::name).toList());
        assertEquals(3, org.access(userId).permissionSets().size(), "no duplicate assignment");
        assertEquals(2, org.writes, "user + one assignment call; nothing written twice");
        assertTrue(log.get(0).contains("2 found done, 0 to write again"), log.toString());
    }

    @Test
    void aRefusalIsNotALostAnswerAndIsNotReconciled() {
        org.failAtWrite = 1;
        SalesforceException e = assertThrows(SalesforceException.class, () -> records.createUser(user()));
        assertEquals("UNABLE_TO_LOCK_ROW", e.errorCode());
        assertEquals(0, org.users.size());
        assertTrue(log.isEmpty());
    }
}
