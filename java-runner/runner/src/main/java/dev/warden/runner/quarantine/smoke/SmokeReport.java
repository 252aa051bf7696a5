package dev.warden.runner.quarantine.smoke;

import java.util.List;

/** All smoke steps in order, with totals. */
public record SmokeReport(List<SmokeStep> steps, long apiCalls, long wallMillis, String scannerIdentity) {
    public boolean passed() {
        return steps.stream().noneMatch(SmokeStep::failed);
    }
}
