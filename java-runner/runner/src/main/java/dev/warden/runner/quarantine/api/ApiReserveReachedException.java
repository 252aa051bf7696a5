package dev.warden.runner.quarantine.api;

/** Raised before a call that would take the org's daily API usage above the reserve Warden leaves for others. */
public final class ApiReserveReachedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ApiUsage usage;

    public ApiReserveReachedException(ApiUsage usage, double fraction) {
        super("Stopped to keep the API reserve: the org has used " + usage.used() + " of " + usage.max()
                + " daily API requests and Warden stops at " + Math.round(fraction * 100) + "%; the rest resumes later.");
        this.usage = usage;
    }

    public ApiUsage usage() {
        return usage;
    }
}
