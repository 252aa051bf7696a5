package dev.warden.runner.quarantine.scan;

import java.util.ArrayList;
import java.util.List;

/** Splits a list into consecutive chunks of at most {@code size}. */
public final class Batches {
    private Batches() {}

    public static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            out.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return out;
    }
}
