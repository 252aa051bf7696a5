package dev.warden.runner.provision;

import java.util.List;

/** A step failed; what was rolled back (or could not be) is part of the message. Exit 1. */
public final class ProvisionFailedException extends RuntimeException {
    private final List<String> restored;
    private final boolean restoreFailed;

    public ProvisionFailedException(String message, List<String> restored, boolean restoreFailed, Throwable cause) {
        super(message, cause);
        this.restored = List.copyOf(restored);
        this.restoreFailed = restoreFailed;
    }

    public List<String> restored() {
        return restored;
    }

    public boolean restoreFailed() {
        return restoreFailed;
    }
}
