package dev.warden.runner.quarantine.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for rows just read, which to claim now, which to give up on, and which to leave for later (backoff).
 * Pure: the claim protocol itself is in {@link ScanWorker}.
 */
public final class ClaimPlanner {
    private final ScanOptions options;
    private final Backoff backoff;

    public ClaimPlanner(ScanOptions options) {
        this.options = options;
        this.backoff = new Backoff(options.retryBase(), Duration.ofHours(1));
    }

    public record Plan(List<ScanRequest> claim, List<ScanRequest> giveUp, List<ScanRequest> later) {}

    public Plan plan(List<ScanRequest> candidates, Instant now) {
        List<ScanRequest> claim = new ArrayList<>();
        List<ScanRequest> giveUp = new ArrayList<>();
        List<ScanRequest> later = new ArrayList<>();
        for (ScanRequest r : candidates) {
            if (!claimable(r, now)) {
                continue;
            }
            if (r.attempts() >= options.maxAttempts()) {
                giveUp.add(r);
            } else if (backingOff(r, now)) {
                later.add(r);
            } else {
                claim.add(r);
            }
        }
        return new Plan(claim, giveUp, later);
    }

    /** Pending, or Scanning with a claim older than {@code staleAfter} (its worker died between scan and verdict). */
    public boolean claimable(ScanRequest r, Instant now) {
        if ("Pending".equals(r.status())) {
            return true;
        }
        return "Scanning".equals(r.status())
                && (r.claimedAt() == null || r.claimedAt().isBefore(now.minus(options.staleAfter())));
    }

    /** A request that failed before waits {@code retryBase * 2^(attempts-1)} after its last claim. */
    private boolean backingOff(ScanRequest r, Instant now) {
        return "Pending".equals(r.status())
                && r.attempts() > 0
                && r.claimedAt() != null
                && r.claimedAt().plus(backoff.delayAfter(r.attempts())).isAfter(now);
    }
}
