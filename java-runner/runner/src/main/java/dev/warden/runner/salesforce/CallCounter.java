package dev.warden.runner.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts calls by kind ({@code rest.query}, {@code soap.metadata.deploy}, {@code sf}) for the report's figures. */
public final class CallCounter {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong flowWrites = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    public void count(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private final java.util.Queue<long[]> intervals = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Marks the start of one round trip to the org (an API call or an sf invocation); pass the value to {@link #ended}. */
    public long started() {
        return System.nanoTime();
    }

    public void ended(long started) {
        intervals.add(new long[] {started, System.nanoTime()});
    }

    /**
     * The critical path of the run in round trips: the longest chain of calls each of which started only after the
     * previous one had answered (calls that overlapped count once). For a fully sequential run it equals the number of
     * calls; concurrent reads shorten it. Computed as the maximum set of pairwise non-overlapping calls (earliest end
     * first), which is exactly that chain's length.
     */
    public long roundTrips() {
        List<long[]> all = new ArrayList<>(intervals);
        all.sort(java.util.Comparator.comparingLong(i -> i[1]));
        long count = 0;
        long lastEnd = Long.MIN_VALUE;
        for (long[] i : all) {
            if (i[0] >= lastEnd) {
                count++;
                lastEnd = i[1];
            }
        }
        return count;
    }

    /** A call sent again by {@link RetryPolicy}: counted as {@code retry.<kind>} and in {@link #retries()}. */
    public void retry(String kind) {
        count("retry." + kind);
        retries.incrementAndGet();
    }

    public long retries() {
        return retries.get();
    }

    /** A call that changed the org. */
    public void write() {
        writes.incrementAndGet();
    }

    public long writes() {
        return writes.get();
    }

    /**
     * A write of the quarantine flow's own records (smoke-test files and posts, scan claims and verdicts): counted apart,
     * so "0 writes" keeps meaning that the org's setup did not change.
     */
    public void flowWrite() {
        flowWrites.incrementAndGet();
    }

    public long flowWrites() {
        return flowWrites.get();
    }

    public long total(String prefix) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().get())
                .sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
