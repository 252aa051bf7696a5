package dev.warden.runner.quarantine.scan;

import java.time.Duration;

/** Exponential backoff: {@code base * 2^(attempt-1)}, capped. Attempt 0 waits nothing. */
public record Backoff(Duration base, Duration cap) {

    public Duration delayAfter(int attempt) {
        if (attempt <= 0) {
            return Duration.ZERO;
        }
        int shift = Math.min(attempt - 1, 30);
        Duration d = base.multipliedBy(1L << shift);
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
