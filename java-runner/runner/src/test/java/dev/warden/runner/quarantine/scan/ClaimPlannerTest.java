package dev.warden.runner.quarantine.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimPlannerTest {
    static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    final ScanOptions options = ScanOptions.defaults();
    final ClaimPlanner planner = new ClaimPlanner(options);

    static ScanRequest row(String id, String status, int attempts, Instant claimedAt, Instant lastModified) {
        return new ScanRequest(
                id,
                "069" + id,
                "ContentVersion",
                "068" + id,
                "Insert",
                status,
                attempts,
                null,
                claimedAt,
                lastModified);
    }

    @Test
    void pendingRowsAreClaimed() {
        ClaimPlanner.Plan p = planner.plan(List.of(row("a", "Pending", 0, null, NOW.minusSeconds(5))), NOW);
        assertEquals(List.of("a"), p.claim().stream().map(ScanRequest::id).toList());
    }

    @Test
    void scanningRowsAreLeftAloneUntilTheirClaimIsStale() {
        ScanRequest live = row("a", "Scanning", 1, NOW.minus(Duration.ofMinutes(9)), NOW.minus(Duration.ofMinutes(9)));
        ScanRequest stale =
                row("b", "Scanning", 1, NOW.minus(Duration.ofMinutes(11)), NOW.minus(Duration.ofMinutes(11)));
        ClaimPlanner.Plan p = planner.plan(List.of(live, stale), NOW);
        assertEquals(List.of(stale), p.claim());
        assertTrue(p.later().isEmpty());
    }

    @Test
    void failedRowsBackOffExponentiallyBeforeTheNextClaim() {
        ScanRequest second = row("a", "Pending", 2, NOW.minusSeconds(59), NOW.minusSeconds(59));
        ScanRequest ready = row("b", "Pending", 2, NOW.minusSeconds(61), NOW.minusSeconds(61));
        ClaimPlanner.Plan p = planner.plan(List.of(second, ready), NOW);
        assertEquals(List.of(ready), p.claim());
        assertEquals(List.of(second), p.later());
    }

    @Test
    void rowsThatUsedTheirAttemptsAreGivenUp() {
        ScanRequest spent = row("a", "Scanning", 5, NOW.minus(Duration.ofHours(1)), NOW.minus(Duration.ofHours(1)));
        assertEquals(List.of(spent), planner.plan(List.of(spent), NOW).giveUp());
    }

    @Test
    void doneAndFailedRowsAreNeverTouched() {
        ClaimPlanner.Plan p = planner.plan(
                List.of(
                        row("a", "Done", 1, null, NOW.minusSeconds(60)),
                        row("b", "Failed", 5, null, NOW.minusSeconds(60))),
                NOW);
        assertTrue(p.claim().isEmpty() && p.giveUp().isEmpty() && p.later().isEmpty());
    }

    @Test
    void backoffDoublesAndIsCapped() {
        Backoff b = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5));
        assertEquals(
                List.of(
                        Duration.ZERO,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(240),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5)),
                java.util.stream.IntStream.range(0, 7).mapToObj(b::delayAfter).toList());
    }

    @Test
    void theClaimWindowMustBeShorterThanTheStaleTimeout() {
        ScanOptions d = ScanOptions.defaults();
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> new ScanOptions(
                        10,
                        5,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        d.retryBase(),
                        4,
                        d.callRetryBase(),
                        d.pollInterval()));
    }

    @Test
    void batchesSplitIntoChunksOfAtMostTheSize() {
        List<Integer> items = java.util.stream.IntStream.range(0, 401).boxed().toList();
        assertEquals(
                List.of(200, 200, 1),
                Batches.of(items, 200).stream().map(List::size).toList());
        assertTrue(Batches.of(List.of(), 200).isEmpty());
    }

    @Test
    void salesforceDatetimesAreRead() {
        assertEquals(Instant.parse("2026-11-23T00:28:00Z"), ScanRequest.instant("2026-11-23T00:28:00.000+0000"));
        assertEquals(Instant.parse("2026-11-23T00:28:00Z"), ScanRequest.instant("2026-11-23T00:28:00Z"));
    }
}
