package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request log keeps SOQL readable but never a package installation key. */
class LoggedQueriesTest {
    @Test
    void anInstallationKeyInSfsVersionQueryIsRedacted() {
        String soql =
                "SELECT Id FROM SubscriberPackageVersion WHERE Id ='04t000000000001' AND InstallationKey ='a\\'b\\\\c'";
        String raw = "q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);

        String logged = LoggedQueries.redact(raw);

        String decoded = URLDecoder.decode(logged.substring(2), StandardCharsets.UTF_8);
        assertEquals(
                "SELECT Id FROM SubscriberPackageVersion WHERE Id ='04t000000000001' AND InstallationKey ='<redacted>'",
                decoded);
        assertFalse(decoded.contains("a\\'b"));
    }

    @Test
    void otherQueriesAreKeptAsSent() {
        String raw = "q=SELECT+Id+FROM+Account";
        assertEquals(raw, LoggedQueries.redact(raw));
        assertEquals(null, LoggedQueries.redact(null));
        assertTrue(new RequestLog.Entry(null, "GET", "/x", raw, ApiKind.REST, null, 200, 1)
                .query()
                .equals(raw));
    }
}
