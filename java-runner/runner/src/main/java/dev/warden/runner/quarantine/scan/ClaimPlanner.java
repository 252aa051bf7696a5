package dev.warden.runner.quarantine.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for the candidate rows of one pass, which to claim now, which to give up on, and which to leave.
 *
 * <p>The claim itself is a conditional update ({@code If-Unmodified-Since: <LastModifiedDate>}, Pending or stale
 * Scanning -> Scanning with this pass's claim token). Salesforce compares at one-second precision, so a row modified
 * in the current second could be claimed twice by two workers that both read it in that second. Rows younger than
 * {@code minClaimAge} (more than one second) are therefore left for the next pass: for every older row, the first
 * successful claim moves LastModifiedDate past the date every other worker conditions on, and their updates fail
 * with 412.
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
            } else if (tooFresh(r, now) || backingOff(r, now)) {
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

    private boolean tooFresh(ScanRequest r, Instant now) {
        return r.lastModified() != null && r.lastModified().isAfter(now.minus(options.minClaimAge()));
    }

    /** A request that failed before waits {@code retryBase * 2^(attempts-1)} after its last claim. */
    private boolean backingOff(ScanRequest r, Instant now) {
        return "Pending".equals(r.status()) && r.attempts() > 0 && r.claimedAt() != null
                && r.claimedAt().plus(backoff.delayAfter(r.attempts())).isAfter(now);
    }

    /** The earliest moment a deferred row becomes claimable, so a single pass can wait for it instead of skipping it. */
    public Instant readyAt(ScanRequest r) {
        Instant fresh = r.lastModified() == null ? Instant.MIN : r.lastModified().plus(options.minClaimAge());
        Instant back = r.attempts() > 0 && r.claimedAt() != null ? r.claimedAt().plus(backoff.delayAfter(r.attempts())) : Instant.MIN;
        return fresh.isAfter(back) ? fresh : back;
    }
}
