package dev.warden.soql.eval;

import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.OrderItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** ORDER BY: Salesforce's null placement, stable order, keys computed once per row. */
final class RowSorter {
    private RowSorter() {}

    /**
     * Sorts by precomputed keys (stable: ties keep source order). With a LIMIT only the first offset+limit rows are
     * kept, in a bounded heap, instead of sorting everything.
     */
    static List<SoqlRow> sort(
            List<SoqlRow> rows, List<OrderItem> order, List<BoundField> keys, long keep, SoqlSource source) {
        record Keyed(SoqlRow row, Object first, Object[] keys, int index) {}
        if (keep <= 0) {
            return List.of();
        }
        List<java.util.function.Function<SoqlRow, Object>> readers = new ArrayList<>();
        for (BoundField k : keys) {
            readers.add(k.reader(source));
        }
        boolean bounded = keep < rows.size();
        // A full sort compares each key many times: lower-case text once up front. A bounded heap rejects most rows
        // after one comparison: comparing case-insensitively in place is cheaper than lower-casing every row.
        boolean sortKeys = !bounded;
        Comparator<Object[]> byKeys = keyComparator(order, keys, sortKeys);
        Comparator<Keyed> byRow;
        if (keys.size() == 1) {
            Comparator<Object> single = keyComparator(order.get(0), keys.get(0).kind(), sortKeys);
            byRow = (a, b) -> single.compare(a.first(), b.first());
        } else {
            byRow = (a, b) -> byKeys.compare(a.keys(), b.keys());
        }
        // List.sort is stable, so ties keep source order; the heap needs the row index to do the same.
        Comparator<Keyed> comparator = bounded ? byRow.thenComparingInt(Keyed::index) : byRow;
        java.util.PriorityQueue<Keyed> heap = bounded ? new java.util.PriorityQueue<>(comparator.reversed()) : null;
        List<Keyed> all = bounded ? null : new ArrayList<>(rows.size());
        Object[] scratch = new Object[keys.size()];
        ValueKind firstKind = keys.get(0).kind();
        Comparator<Object> byFirst = keyComparator(order.get(0), firstKind, sortKeys);
        for (int r = 0; r < rows.size(); r++) {
            SoqlRow row = rows.get(r);
            if (bounded && heap.size() >= keep) {
                // most rows lose to the heap's worst on the first key alone: skip reading their other keys
                Object first = firstKind.normalize(readers.get(0).apply(row));
                if (byFirst.compare(first, heap.peek().first()) > 0) {
                    continue;
                }
            }
            for (int i = 0; i < scratch.length; i++) {
                ValueKind kind = keys.get(i).kind();
                Object value = kind.normalize(readers.get(i).apply(row));
                scratch[i] = sortKeys ? kind.sortKey(value) : value;
            }
            if (!bounded) {
                all.add(new Keyed(row, scratch[0], scratch.clone(), r));
            } else if (heap.size() < keep) {
                heap.add(new Keyed(row, scratch[0], scratch.clone(), r));
            } else if (byKeys.compare(scratch, heap.peek().keys()) < 0) {
                // a tie with the heap's worst row loses: that row came first
                heap.poll();
                heap.add(new Keyed(row, scratch[0], scratch.clone(), r));
            }
        }
        List<Keyed> sorted = bounded ? new ArrayList<>(heap) : all;
        sorted.sort(comparator);
        List<SoqlRow> out = new ArrayList<>(sorted.size());
        for (Keyed k : sorted) {
            out.add(k.row());
        }
        return out;
    }

    private static Comparator<Object> keyComparator(OrderItem order, ValueKind kind, boolean sortKeys) {
        boolean descending = order.descending();
        boolean nullsFirst = order.effectiveNullsFirst();
        return (x, y) -> {
            if (x == null || y == null) {
                return x == y ? 0 : (x == null) == nullsFirst ? -1 : 1;
            }
            int c = sortKeys ? kind.compareSortKeys(x, y) : kind.compare(x, y);
            return descending ? -c : c;
        };
    }

    /** Salesforce's order: ASC NULLS FIRST and DESC NULLS LAST unless NULLS FIRST/LAST says otherwise. */
    static Comparator<Object[]> keyComparator(List<OrderItem> order, List<BoundField> keys, boolean sortKeys) {
        int n = order.size();
        ValueKind[] kinds = new ValueKind[n];
        boolean[] descending = new boolean[n];
        boolean[] nullsFirst = new boolean[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = keys.get(i).kind();
            descending[i] = order.get(i).descending();
            nullsFirst[i] = order.get(i).effectiveNullsFirst();
        }
        return (a, b) -> {
            for (int i = 0; i < n; i++) {
                Object x = a[i];
                Object y = b[i];
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    return (x == null) == nullsFirst[i] ? -1 : 1;
                }
                int c = sortKeys ? kinds[i].compareSortKeys(x, y) : kinds[i].compare(x, y);
                if (c != 0) {
                    return descending[i] ? -c : c;
                }
            }
            return 0;
        };
    }
}
