package dev.warden.runner.salesforce;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API budget as last reported ({@code Sforce-Limit-Info: api-usage=used/max} on every REST
 * response), plus calls made since. Every adapter asks {@link #beforeCall()} first, so the run stops cleanly
 * before it would eat into the reserve (default 10%, as Defender for Cloud Apps keeps) instead of starving the
 * org's other integrations.
 */
public final class ApiBudget {
    private static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final int reservePercent;
    private final AtomicLong used = new AtomicLong(-1);
    private final AtomicLong max = new AtomicLong(-1);
    private final AtomicLong calls = new AtomicLong();

    public ApiBudget(int reservePercent) {
        if (reservePercent < 0 || reservePercent > 99) {
            throw new IllegalArgumentException("API reserve must be between 0 and 99 percent, not " + reservePercent);
        }
        this.reservePercent = reservePercent;
    }

    private boolean enforced = true;

    /**
     * A budget that counts and reads usage but never stops a call: for test code (warden-test), where the org's own
     * {@code REQUEST_LIMIT_EXCEEDED} is what a test wants to see.
     */
    public static ApiBudget observeOnly() {
        ApiBudget b = new ApiBudget(0);
        b.enforced = false;
        return b;
    }

    public int reservePercent() {
        return reservePercent;
    }

    /** Calls sent and not yet answered: concurrent reads must not all pass the last free call. */
    private final AtomicLong inFlight = new AtomicLong();

    /** Throws when the next call would use the reserve (counting the calls still in flight); else counts it in flight. */
    public synchronized void beforeCall() {
        long m = max.get();
        long u = used.get();
        if (enforced && m > 0 && u + 1 + inFlight.get() > limit(m)) {
            throw new ApiReserveReachedException(u, m, reservePercent);
        }
        inFlight.incrementAndGet();
    }

    /** A call that got no answer (connection failure): no longer in flight. */
    public void unanswered() {
        inFlight.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Counts a call whose response carried no usage header (SOAP): the next header corrects the estimate. */
    public void counted() {
        unanswered();
        calls.incrementAndGet();
        used.updateAndGet(u -> u < 0 ? u : u + 1);
    }

    /** Reads {@code Sforce-Limit-Info} of a response. */
    public void observe(String limitInfoHeader) {
        unanswered();
        calls.incrementAndGet();
        if (limitInfoHeader == null) {
            used.updateAndGet(u -> u < 0 ? u : u + 1);
            return;
        }
        Matcher m = USAGE.matcher(limitInfoHeader);
        if (m.find()) {
            used.set(Long.parseLong(m.group(1)));
            max.set(Long.parseLong(m.group(2)));
        }
    }

    public void observe(long usedNow, long maxNow) {
        used.set(usedNow);
        max.set(maxNow);
    }

    private long limit(long m) {
        return m - (m * reservePercent + 99) / 100;
    }

    public long calls() {
        return calls.get();
    }

    public Optional<long[]> lastUsage() {
        return max.get() > 0 ? Optional.of(new long[] {used.get(), max.get()}) : Optional.empty();
    }

    /** The daily API reserve would be used: the run stopped before the call. */
    public static final class ApiReserveReachedException extends RuntimeException {
        public ApiReserveReachedException(long used, long max, int reservePercent) {
            super("stopped before using the API reserve: " + used + " of " + max + " daily API requests are used and "
                    + reservePercent + "% (" + (max * reservePercent + 99) / 100
                    + ") is kept for the org's other integrations;"
                    + " retry when the 24-hour window has rolled, or lower the reserve with --api-reserve");
        }
    }
}
