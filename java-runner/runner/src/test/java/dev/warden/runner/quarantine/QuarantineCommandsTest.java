package dev.warden.runner.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class QuarantineCommandsTest {
    record Run(int exit, String out, String err) {}

    static Run warden(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void scanAndSmokeAreWardenCommands() {
        Run r = warden("--help");
        assertTrue(r.out().contains("scan") && r.out().contains("smoke"), r.out());
    }

    @Test
    void aMissingBlocklistIsBadInputOnOneLineBeforeAnyOrgIsTouched() {
        Run r = warden("scan", "--once", "--blocklist", "/nonexistent/known-bad.sha256");
        assertEquals(2, r.exit(), r.err());
        assertEquals(
                "warden: --blocklist /nonexistent/known-bad.sha256: no such file",
                r.err().strip());
    }

    @Test
    void aMalformedBlocklistNamesTheLine() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("blocklist", ".txt");
        java.nio.file.Files.writeString(f, "# known bad\nnot-a-hash\n");
        Run r = warden("scan", "--once", "--json", "--blocklist", f.toString());
        assertEquals(2, r.exit());
        assertTrue(
                r.out().contains(f.getFileName() + ":2: expected a SHA-256 (64 hex digits), got 'not-a-hash'"),
                r.out());
        assertFalse(r.out().contains("Exception"), r.out());
    }

    @Test
    void impossibleScannerSettingsAreBadInput() {
        assertEquals(2, warden("scan", "--once", "--max-per-pass", "0").exit());
        assertEquals(2, warden("scan", "--once", "--claim-window-ms", "700000").exit());
    }

    @Test
    void smokeDryRunListsTheStepsAndCreatesNothing() {
        Run r = warden("smoke", "--dry-run", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("upload-infected-file") && r.out().contains("cleanup"), r.out());
    }
}
