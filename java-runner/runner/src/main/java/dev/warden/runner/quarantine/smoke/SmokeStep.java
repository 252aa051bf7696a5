package dev.warden.runner.quarantine.smoke;

import java.util.List;

/**
 * The outcome of one smoke step.
 *
 * @param name stable step id
 * @param status PASSED, FAILED or SKIPPED
 * @param detail one line: what was checked and what was seen
 * @param apiCalls calls this step made (both identities)
 * @param apis distinct {@code METHOD /path} shapes this step called, in first-use order
 * @param millis wall time of the step
 */
public record SmokeStep(String name, String status, String detail, long apiCalls, List<String> apis, long millis) {
    public boolean failed() {
        return "FAILED".equals(status) || "ERROR".equals(status);
    }
}
