package dev.warden.runner.quarantine.scan;

import java.time.Duration;

/**
 * Tuning of the scanner worker.
 *
 * @param maxPerPass requests claimed in one pass (verdicts of a pass are posted together, 200 a call)
 * @param maxAttempts a request is marked Failed after this many claims that did not end in a verdict
 * @param staleAfter a Scanning claim older than this is considered abandoned (its worker crashed) and reclaimed
 * @param claimWindow a claim counts only if re-reading a row and writing the claim took less than this, and it is
 *                    confirmed no sooner than this after the write; see {@link ScanWorker}
 * @param retryBase first delay of the per-request backoff (doubles per attempt, capped at one hour)
 * @param callRetries attempts of one verdict or update call that failed transiently (5xx, lock, reset)
 * @param callRetryBase first delay between those call retries (doubles)
 * @param pollInterval pause between passes that found nothing, when running continuously
 * @param concurrency downloads (and claim chunks) in flight at once; the default 16 stays under Salesforce's limit of
 *                    25 concurrent long-running API requests per org even if every download ran long
 */
public record ScanOptions(
        int maxPerPass,
        int maxAttempts,
        Duration staleAfter,
        Duration claimWindow,
        Duration retryBase,
        int callRetries,
        Duration callRetryBase,
        Duration pollInterval,
        int concurrency) {
    public static final int DEFAULT_CONCURRENCY = 16;

    public ScanOptions(
            int maxPerPass,
            int maxAttempts,
            Duration staleAfter,
            Duration claimWindow,
            Duration retryBase,
            int callRetries,
            Duration callRetryBase,
            Duration pollInterval) {
        this(
                maxPerPass,
                maxAttempts,
                staleAfter,
                claimWindow,
                retryBase,
                callRetries,
                callRetryBase,
                pollInterval,
                DEFAULT_CONCURRENCY);
    }

    public static ScanOptions defaults() {
        return new ScanOptions(
                2000,
                5,
                Duration.ofMinutes(10),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                4,
                Duration.ofMillis(250),
                Duration.ofSeconds(5));
    }

    public ScanOptions withConcurrency(int n) {
        return new ScanOptions(
                maxPerPass,
                maxAttempts,
                staleAfter,
                claimWindow,
                retryBase,
                callRetries,
                callRetryBase,
                pollInterval,
                n);
    }

    public ScanOptions {
        if (maxPerPass < 1 || maxPerPass > 10_000) {
            throw new IllegalArgumentException("--max-per-pass must be between 1 and 10000, got " + maxPerPass);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts must be at least 1, got " + maxAttempts);
        }
        if (claimWindow.isNegative()
                || claimWindow.isZero()
                || claimWindow.compareTo(staleAfter) >= 0 && !staleAfter.isZero()) {
            throw new IllegalArgumentException("the claim window must be positive and shorter than the stale timeout");
        }
        if (concurrency < 1 || concurrency > 25) {
            throw new IllegalArgumentException(
                    "--concurrency must be between 1 and 25 (Salesforce's concurrent long-running request"
                            + " limit), got " + concurrency);
        }
        if (callRetries < 1) {
            throw new IllegalArgumentException("call retries must be at least 1, got " + callRetries);
        }
    }
}
