package dev.warden.localorg.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The timing arithmetic the contract-package benchmarks share, and their one way to stop on a failed sf call. */
final class BenchSamples {
    private BenchSamples() {}

    static long median(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    static void check(SfCli.Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException("sf failed (" + r.exit() + "): " + r.stdout() + r.stderr());
        }
    }
}
