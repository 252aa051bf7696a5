package dev.warden.runner.salesforce;

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
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().get()).sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
