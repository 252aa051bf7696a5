package dev.warden.runner.salesforce;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one retry policy of every Salesforce call the runner makes (REST, SOAP through WSC, OAuth, Apex REST,
 * downloads). A failure is one of three kinds:
 * <ul>
 *   <li>{@link Kind#REFUSED}: the org answered with a transient error (HTTP 502/503/504/429, {@code SERVER_UNAVAILABLE},
 *       {@code UNABLE_TO_LOCK_ROW}, {@code REQUEST_RUNNING_TOO_LONG}) — nothing was done, any call may be sent again;</li>
 *   <li>{@link Kind#LOST}: no answer (connection reset, timeout) — the org may have done the work, so only an
 *       idempotent call is sent again; a write's caller reconciles by reading first (see {@code ReconcilingRecords});</li>
 *   <li>{@link Kind#PERMANENT}: everything else, never retried.</li>
 * </ul>
 * Delays grow exponentially from {@code base} up to {@code cap}, with jitter (half fixed, half random) so two
 * workers hit by the same fault do not retry in step; a {@code Retry-After} the org sent wins when it is longer.
 * Every retry is counted ({@code retry.<kind>} in the run's figures) and said on the log (stderr).
 */
public final class RetryPolicy {
    /** Salesforce error codes that mean "busy now, try again". */
    public static final Set<String> TRANSIENT_CODES =
            Set.of("SERVER_UNAVAILABLE", "UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG", "SERVICE_UNAVAILABLE");
    /** The codes the runner's adapters give a call that got no answer. */
    public static final Set<String> NO_ANSWER_CODES = Set.of("CONNECTION_FAILED", "TIMEOUT");

    public enum Kind {
        REFUSED,
        LOST,
        PERMANENT
    }

    static {
        ownTheRetries();
    }

    /**
     * HttpURLConnection (under WSC) silently sends a POST again when a kept-alive connection drops, which would create
     * a record twice after a lost answer; the JDK reads this property once, so the CLI sets it before any call.
     */
    public static void ownTheRetries() {
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /** How one failure is to be treated; {@code retryAfter} is the org's {@code Retry-After}, or null. */
    public record Failure(Kind kind, Duration retryAfter) {
        public static final Failure PERMANENT = new Failure(Kind.PERMANENT, null);
    }

    /** Attempts in all (first call included), and the backoff's first and longest delay. */
    public record Settings(int maxAttempts, Duration base, Duration cap) {
        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }

        /** 6 attempts, 200 ms doubling to 8 s: rides out a minute-long brown-out no better than ~15 s of waiting. */
        public static Settings defaults() {
            return new Settings(6, Duration.ofMillis(200), Duration.ofSeconds(8));
        }
    }

    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Settings settings;
    private final CallCounter counter;
    private final Consumer<String> log;
    private final Sleeper sleeper;
    private final Random random;

    public RetryPolicy(Settings settings, CallCounter counter, Consumer<String> log, Sleeper sleeper, Random random) {
        this.settings = settings;
        this.counter = counter;
        this.log = log == null ? s -> {} : log;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** The runner's default: real sleeps, retries logged on stderr with the prefix the CLI uses. */
    public static RetryPolicy standard(CallCounter counter, Consumer<String> log) {
        return new RetryPolicy(settingsFromEnvironment(), counter, log, d -> Thread.sleep(d.toMillis()), new Random());
    }

    /** {@code WARDEN_RETRY_ATTEMPTS} (1 = no retries) for tests that want a single fault to surface. */
    static Settings settingsFromEnvironment() {
        String v = System.getProperty("warden.retryAttempts", System.getenv("WARDEN_RETRY_ATTEMPTS"));
        Settings d = Settings.defaults();
        if (v == null || v.isBlank()) {
            return d;
        }
        return new Settings(Integer.parseInt(v.trim()), d.base(), d.cap());
    }

    public Settings settings() {
        return settings;
    }

    /** Classifies an answered or unanswered call by its HTTP status (0 = no answer) and Salesforce error code. */
    public static Failure classify(int httpStatus, String errorCode, String retryAfterHeader) {
        if (httpStatus == 0 && (errorCode == null || NO_ANSWER_CODES.contains(errorCode))) {
            return new Failure(Kind.LOST, null);
        }
        if (httpStatus == 502
                || httpStatus == 503
                || httpStatus == 504
                || httpStatus == 429
                || (errorCode != null && TRANSIENT_CODES.contains(errorCode))) {
            return new Failure(Kind.REFUSED, retryAfter(retryAfterHeader));
        }
        return Failure.PERMANENT;
    }

    /** The classification of the runner's own {@link SalesforceException}. */
    public static Failure classify(SalesforceException e) {
        return classify(e.httpStatus(), e.errorCode(), e.retryAfter());
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(
                        java.time.Instant.now(),
                        ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The wait before retry number {@code retry} (1-based): exponential, capped, jittered; Retry-After if longer. */
    public Duration delay(int retry, Duration retryAfter) {
        long exp = settings.base().toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(exp, settings.cap().toMillis());
        long jittered = capped / 2 + (capped / 2 == 0 ? 0 : (long) (random.nextDouble() * (capped / 2 + 1)));
        Duration d = Duration.ofMillis(jittered);
        if (retryAfter != null && retryAfter.compareTo(d) > 0) {
            // The org asked for this long; waiting less would only spend another call on the same answer. Capped so a
            // bogus header cannot stall a run for hours.
            d = retryAfter.compareTo(Duration.ofMinutes(2)) > 0 ? Duration.ofMinutes(2) : retryAfter;
        }
        return d;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails permanently, or the attempts are used up; a {@link Kind#LOST}
     * failure of a call that is not {@code idempotent} is thrown at once for the caller to reconcile.
     *
     * @param kind     the call's kind for the figures ({@code rest.query}, {@code soap.metadata.readMetadata}, …)
     * @param what     what the call does, for the log
     * @param classify reads a failure thrown by {@code attempt}
     */
    public <T> T call(
            String kind,
            String what,
            boolean idempotent,
            Supplier<T> attempt,
            Function<RuntimeException, Failure> classify) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                Failure f = classify.apply(e);
                boolean retryable = f.kind() == Kind.REFUSED || (f.kind() == Kind.LOST && idempotent);
                if (!retryable || n >= settings.maxAttempts()) {
                    throw e;
                }
                Duration d = delay(n, f.retryAfter());
                if (counter != null) {
                    counter.retry(kind);
                }
                log.accept("retry " + n + "/" + (settings.maxAttempts() - 1) + " of " + what + " in " + d.toMillis()
                        + " ms after " + firstLine(e.getMessage()));
                try {
                    sleeper.sleep(d);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The same for calls failing with {@link SalesforceException}. */
    public <T> T call(String kind, String what, boolean idempotent, Supplier<T> attempt) {
        return call(
                kind,
                what,
                idempotent,
                attempt,
                e -> e instanceof SalesforceException s ? classify(s) : Failure.PERMANENT);
    }

    /** True when the call got no answer: a write may or may not have been done, and the caller must read to know. */
    public static boolean responseLost(RuntimeException e) {
        return e instanceof SalesforceException s && classify(s).kind() == Kind.LOST;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
