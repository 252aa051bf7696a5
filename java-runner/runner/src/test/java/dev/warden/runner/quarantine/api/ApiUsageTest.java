package dev.warden.runner.quarantine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiUsageTest {

    @Test
    void theUsageIsReadFromEveryKnownHeaderForm() {
        assertEquals(Optional.of(new ApiUsage(18, 5000)), ApiUsage.parse("api-usage=18/5000"));
        assertEquals(
                Optional.of(new ApiUsage(10018, 100000)), ApiUsage.parse("api-usage=10018/100000; api-bursts=1/750"));
        assertEquals(
                Optional.of(new ApiUsage(25, 5000)),
                ApiUsage.parse("api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)"));
        assertEquals(Optional.empty(), ApiUsage.parse("nonsense"));
    }

    @Test
    void theReserveStopsBeforeACallWouldPassNinetyPercent() {
        assertFalse(new ApiUsage(899, 1000).wouldExceed(0.9, 1));
        assertTrue(new ApiUsage(900, 1000).wouldExceed(0.9, 1));
    }

    @Test
    void restErrorsAreShownInSalesforceWordsWithWhatToDo() throws Exception {
        var body = new ObjectMapper()
                .readTree("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        SalesforceApiException e = SalesforceApiException.from(401, body, null);
        assertEquals(
                "HTTP 401 INVALID_SESSION_ID: Session expired or invalid (log in again: the access token expired or was revoked)",
                e.describe());
        assertFalse(e.transientFailure());
        assertTrue(SalesforceApiException.from(503, null, "busy".getBytes()).transientFailure());
        assertTrue(new SalesforceApiException(400, "UNABLE_TO_LOCK_ROW", "locked").transientFailure());
    }

    @Test
    void wardenRestRefusalsAreShownWithTheirTextAndTheFix() throws Exception {
        var body = new ObjectMapper()
                .readTree("{\"results\":[],\"errorCode\":\"missingPermission\","
                        + "\"error\":\"Submitting verdicts requires the custom permission Warden_Submit_Verdicts.\"}");
        assertEquals(
                "HTTP 403 missingPermission: Submitting verdicts requires the custom permission Warden_Submit_Verdicts."
                        + " (assign the permission set Warden_Integration to the scanning user)",
                SalesforceApiException.from(403, body, null).describe());
    }
}
