package dev.warden.localorg.setup;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daily API request budget (DailyApiRequests): every REST and SOAP API call counts; past the limit calls fail with
 * REQUEST_LIMIT_EXCEEDED (salesforce-metadata-and-api.md 6.6). The day never rolls over in the local org.
 */
public final class ApiUsage {
    /** Developer Edition's daily allocation. */
    public static final int DEFAULT_DAILY_LIMIT = 15000;

    private final AtomicInteger used = new AtomicInteger();
    private volatile int max = DEFAULT_DAILY_LIMIT;

    /** Counts one call; false when the limit was already reached (the call is refused and not counted). */
    public boolean tryConsume() {
        while (true) {
            int u = used.get();
            if (u >= max) {
                return false;
            }
            if (used.compareAndSet(u, u + 1)) {
                return true;
            }
        }
    }

    public int used() {
        return used.get();
    }

    public int max() {
        return max;
    }

    public void setMax(int newMax) {
        if (newMax < 0) {
            throw new IllegalArgumentException("dailyApiRequests must be >= 0");
        }
        max = newMax;
    }

    void restoreUsed(int n) {
        used.set(Math.max(0, n));
    }

    /** {@code api-usage=N/M}, the Sforce-Limit-Info header value. */
    public String header() {
        return "api-usage=" + used.get() + "/" + max;
    }
}
