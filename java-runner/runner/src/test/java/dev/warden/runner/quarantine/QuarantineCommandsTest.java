package dev.warden.runner.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QuarantineCommandsTest {
    record Run(int exit, String out, String err) {}

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static ScanCommand scan(Map<String, String> env) {
        ScanCommand c = new ScanCommand();
        c.env = env;
        return c;
    }

    @Test
    void scanWithoutAnInstanceUrlIsBadInputOnOneLine() {
        Run r = run(scan(Map.of("SF_ACCESS_TOKEN", "x")), "--once");
        assertEquals(2, r.exit());
        assertEquals("warden: --instance-url is required (e.g. http://127.0.0.1:8443 for the local org)\n", r.err());
    }

    @Test
    void scanWithoutATokenSaysWhichVariablesToSet() {
        Run r = run(scan(Map.of()), "--once", "--instance-url", "http://127.0.0.1:1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("WARDEN_INTEGRATION_ACCESS_TOKEN"), r.err());
    }

    @Test
    void aMissingBlocklistFileIsBadInputAsJson() {
        Run r = run(scan(Map.of("SF_ACCESS_TOKEN", "x")), "--once", "--json", "--instance-url", "http://127.0.0.1:1",
                "--blocklist", "/nonexistent/blocklist.txt");
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("\"status\" : 2"), r.out());
        assertTrue(r.out().contains("--blocklist /nonexistent/blocklist.txt: no such file"), r.out());
        assertFalse(r.out().contains("Exception"));
    }

    @Test
    void anOutOfRangeReserveIsBadInput() {
        Run r = run(scan(Map.of("SF_ACCESS_TOKEN", "x")), "--once", "--instance-url", "http://127.0.0.1:1", "--api-reserve-percent", "0");
        assertEquals(2, r.exit());
    }

    @Test
    void anUnreachableOrgIsAFailureInOneLineWithoutTheToken() {
        Run r = run(scan(Map.of("SF_ACCESS_TOKEN", "very-secret-token")), "--once", "--instance-url", "http://127.0.0.1:1");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("warden: HTTP 0 CONNECTION_FAILED: GET /services/data/v62.0/query failed"), r.err());
        assertFalse(r.err().contains("very-secret-token"));
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void smokeDryRunListsTheStepsAndCreatesNothing() {
        SmokeCommand c = new SmokeCommand();
        c.env = Map.of("SF_ACCESS_TOKEN", "x");
        Run r = run(c, "--dry-run", "--instance-url", "http://127.0.0.1:1");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("smoke --dry-run: would run upload-infected-file, post-dlp-feed-item"), r.out());
    }
}
