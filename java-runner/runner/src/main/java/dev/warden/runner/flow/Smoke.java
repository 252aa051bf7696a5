package dev.warden.runner.flow;

import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.scan.ScanOptions;
import dev.warden.runner.quarantine.scan.ScanWorker;
import dev.warden.runner.quarantine.smoke.SmokeFlow;
import dev.warden.runner.quarantine.smoke.SmokeReport;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The smoke stage: the quarantine flow end to end, the admin uploading and the integration user scanning. Returns
 * the report of its steps; a step that kept failing transiently is an {@code ERROR} step the command fails the run on.
 */
public final class Smoke {
    /** What the smoke test writes, for the production guard's message. */
    public static final String TEST_DATA =
            "synthetic test data (an EICAR test file and a post with a test card number)";

    /** The steps in order ({@code smoke --dry-run} lists them). */
    public static final List<String> STEPS = List.of(
            "upload-infected-file",
            "post-dlp-feed-item",
            "wait-for-scan-requests",
            "scan-and-post-verdicts",
            "assert-quarantine-items",
            "assert-originals-replaced",
            "assert-admin-only-visibility",
            "restore",
            "assert-restored-byte-for-byte",
            "cleanup");

    private Smoke() {}

    /**
     * @param scanner the integration user's connection, or null to run every step as the admin (no key on this machine;
     *                the report says which identity scanned)
     */
    public static SmokeReport run(
            QuarantineApi admin, QuarantineApi scanner, Duration timeout, Consumer<String> progress)
            throws InterruptedException {
        return new SmokeFlow(
                        admin,
                        scanner == null ? admin : scanner,
                        scanner == null,
                        ScanOptions.defaults(),
                        ScanWorker.Sleeper.real(),
                        timeout,
                        progress)
                .run();
    }
}
