package dev.warden.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.salesforce.SalesforceException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Typed access to the embedded org's faults, limits, request log and reset; API calls counted by API. */
@WardenTest
class LocalOrgControlTest {

    @Test
    void aFaultRuleMakesTheNextInsertFailInSalesforcesWordsThenTheOrgBehavesAgain(TestOrg org, LocalOrgControl local) {
        local.addFaults(FaultRule.on("POST", "/services/data/*/sobjects/Account")
                .times(1)
                .sfError(400, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Accounts are closed today"));
        SalesforceException e =
                assertThrows(SalesforceException.class, () -> org.records().insert("Account", "Name", "Refused"));
        assertEquals("FIELD_CUSTOM_VALIDATION_EXCEPTION", e.errorCode());
        assertTrue(e.getMessage().contains("Accounts are closed today"), e.getMessage());
        String id = org.records().insert("Account", "Name", "Accepted");
        assertEquals("Accepted", org.records().get("Account", id).path("Name").asText());
        var posts = local.requests().matching("POST", "/services/data/*/sobjects/Account");
        assertEquals(
                List.of(400, 201),
                posts.subList(posts.size() - 2, posts.size()).stream()
                        .map(RequestLog.Request::status)
                        .toList());
    }

    @Test
    void aTransientFaultIsRetriedByTheRunnersPolicy(TestOrg org, LocalOrgControl local) {
        local.addFaults(FaultRule.on("POST", "/services/data/*/sobjects/Account")
                .times(1)
                .sfError(503, "SERVER_UNAVAILABLE", "down for a moment"));
        org.records().insert("Account", "Name", "After a retry");
        List<RequestLog.Request> posts = local.requests().matching("POST", "/services/data/*/sobjects/Account");
        assertEquals(
                List.of(503, 201),
                posts.subList(posts.size() - 2, posts.size()).stream()
                        .map(RequestLog.Request::status)
                        .toList());
    }

    @Test
    void theDailyLimitIsEnforcedOnceLowered(TestOrg org, LocalOrgControl local) {
        long used = local.requests().counts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        local.dailyApiRequests((int) used); // at or under what is already used
        SalesforceException e =
                assertThrows(SalesforceException.class, () -> org.records().query("SELECT Id FROM Account"));
        assertEquals("REQUEST_LIMIT_EXCEEDED", e.errorCode());
        local.dailyApiRequests(15_000);
    }

    @Test
    void apiCallsAreCountedByApiAndAsserted(TestOrg org) throws Exception {
        ApiCalls calls = org.apiCalls(() -> {
            String a = org.records().insert("Account", "Name", "Counted");
            org.records().insert("Contact", "LastName", "Counted", "AccountId", a);
            org.records().query("SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Id = '" + a + "'");
        });
        assertEquals(3, calls.total());
        assertEquals(3, calls.count("rest"));
        calls.assertAtMost(3).assertAtMost("soapPartner", 0);
        AssertionFailedError tooMany = assertThrows(AssertionFailedError.class, () -> calls.assertAtMost(2));
        assertTrue(
                tooMany.getMessage().startsWith("expected at most 2 API calls, the org counted 3"),
                tooMany.getMessage());
    }

    @Test
    void resetGivesBackTheSeededOrgWithTheSameId(TestOrg org, LocalOrgControl local) {
        org.records().insert("Account", "Name", "Gone after reset");
        local.reset();
        assertEquals(
                0,
                org.records()
                        .query("SELECT Id FROM Account WHERE Name = 'Gone after reset'")
                        .size());
        assertTrue(org.orgId().startsWith("00D"));
        assertTrue(local.state("Account").path("records").isObject());
    }
}
