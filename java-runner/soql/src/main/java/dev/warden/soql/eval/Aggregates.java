package dev.warden.soql.eval;

import dev.warden.soql.ColumnInfo;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.AggregateFunction;
import dev.warden.soql.ast.Condition;
import dev.warden.soql.ast.OrderItem;
import dev.warden.soql.ast.Query;
import dev.warden.soql.ast.SelectItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Aggregate queries ({@code COUNT(Id)}, {@code MIN/MAX/SUM/AVG}, {@code COUNT_DISTINCT}, GROUP BY): one
 * AggregateResult row per group (one row when there is no GROUP BY, even over no rows), unaliased aggregates named
 * expr0, expr1, ... in SELECT order, as Salesforce names them.
 */
final class Aggregates {
    private Aggregates() {}

    record Item(AggregateFunction function, BoundField field, String name, String display) {
        /** The type of the aggregate's value: what HAVING literals and ORDER BY compare it as. */
        FieldType valueType() {
            return switch (function) {
                case COUNT, COUNT_DISTINCT -> FieldType.INT;
                case AVG -> FieldType.DOUBLE;
                case SUM -> integral(field.field().type()) ? FieldType.LONG : FieldType.DOUBLE;
                default -> field.field().type();
            };
        }

        /** The aggregate's value as a field named like the function, for conversions and error texts. */
        BoundField valueField() {
            return new BoundField(
                    field.path(),
                    field.root(),
                    List.of(),
                    List.of(),
                    new FieldInfo(display, valueType(), List.of(), null),
                    field.root());
        }

        boolean sameAs(AggregateFunction f, BoundField other) {
            return function == f && field.canonical().equalsIgnoreCase(other.canonical());
        }

        String apexType() {
            return switch (function) {
                case COUNT, COUNT_DISTINCT -> "Integer";
                case AVG -> "Double";
                case SUM -> integral(field.field().type()) ? "Integer" : "Double";
                default -> field.field().type().apexType();
            };
        }
    }

    static Item item(SelectItem.Aggregate a, BoundField field, String name, Resolver resolver) {
        boolean numeric = field.field().type().isNumber();
        boolean orderable = field.kind() != ValueKind.BINARY && field.field().type() != FieldType.MULTIPICKLIST;
        boolean ok = switch (a.function()) {
            case SUM, AVG -> numeric;
            case MIN, MAX -> orderable;
            default -> field.kind() != ValueKind.BINARY;
        };
        if (!ok) {
            throw resolver.error(
                    "INVALID_FIELD",
                    a.pos(),
                    "field " + field.field().name() + " does not support aggregate operator "
                            + a.function().name());
        }
        return new Item(a.function(), field, name, a.alias() != null ? a.alias() : a.text());
    }

    private static boolean integral(FieldType type) {
        return type == FieldType.INT || type == FieldType.LONG;
    }

    /**
     * Groups the matching rows, filters groups with HAVING, orders them (by grouped fields or aggregates), pages and
     * answers them. Aggregates used only in HAVING or ORDER BY are computed but not returned.
     */
    static QueryResult run(
            Query q,
            Iterable<SoqlRow> rows,
            Predicate<SoqlRow> where,
            List<BoundField> groups,
            List<BoundField> selectedGroups,
            List<Item> selected,
            Resolver resolver,
            FilterCompiler filters,
            SObjectInfo root,
            int offset,
            int limit,
            SoqlSource source) {
        List<Item> items = new ArrayList<>(selected);
        Function<SelectItem.Aggregate, Integer> itemFor = a -> {
            BoundField bound = resolver.bind(a.path(), root, q.fromAlias());
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).sameAs(a.function(), bound)) {
                    return i;
                }
            }
            items.add(item(a, bound, null, resolver));
            return items.size() - 1;
        };
        Predicate<Group> having = q.having() == null
                ? g -> true
                : FilterCompiler.combine(q.having(), leaf -> {
                    if (leaf instanceof Condition.AggregateComparison a) {
                        int i = itemFor.apply(a.function());
                        Item item = items.get(i);
                        return filters.compare(
                                item.valueField(), a.op(), a.value(), a.pos(), (Group g) -> g.value(i, item));
                    }
                    Condition.Comparison c = (Condition.Comparison) leaf;
                    BoundField bound = resolver.bind(c.field(), root, q.fromAlias());
                    int index = Executor.indexOf(groups, bound);
                    if (index < 0) {
                        throw resolver.error(
                                "MALFORMED_QUERY",
                                c.pos(),
                                "Field must be grouped or aggregated: "
                                        + c.field().text());
                    }
                    return filters.compare(bound, c.op(), c.value(), c.pos(), (Group g) -> g.raw[index]);
                });
        List<BoundField> orderKeys = new ArrayList<>();
        List<Function<Group, Object>> orderReaders = new ArrayList<>();
        for (OrderItem o : q.orderBy()) {
            if (o.function() != null) {
                int i = itemFor.apply(o.function());
                Item item = items.get(i);
                orderKeys.add(item.valueField());
                orderReaders.add(g -> g.value(i, item));
                continue;
            }
            BoundField bound = resolver.bind(o.path(), root, q.fromAlias());
            int index = Executor.indexOf(groups, bound);
            if (index < 0) {
                throw resolver.error(
                        "MALFORMED_QUERY",
                        o.path().pos(),
                        "Ordered field must be grouped or aggregated: "
                                + o.path().text());
            }
            orderKeys.add(bound);
            orderReaders.add(g -> g.raw[index]);
        }

        Map<List<Object>, Group> byKey = new LinkedHashMap<>();
        List<Function<SoqlRow, Object>> groupReaders = new ArrayList<>();
        for (BoundField g : groups) {
            groupReaders.add(g.reader(source));
        }
        List<Function<SoqlRow, Object>> itemReaders = new ArrayList<>();
        for (Item item : items) {
            itemReaders.add(item.field().reader(source));
        }
        for (SoqlRow row : rows) {
            if (!where.test(row)) {
                continue;
            }
            Object[] raw = new Object[groups.size()];
            List<Object> key = new ArrayList<>(groups.size());
            for (int i = 0; i < raw.length; i++) {
                BoundField g = groups.get(i);
                raw[i] = groupReaders.get(i).apply(row);
                Object normalized = g.kind().normalize(raw[i]);
                key.add(normalized == null ? null : g.kind().key(normalized));
            }
            byKey.computeIfAbsent(key, k -> new Group(raw, items)).add(row, items, itemReaders);
        }
        List<Group> result = new ArrayList<>();
        if (groups.isEmpty() && byKey.isEmpty()) {
            byKey.put(List.of(), new Group(new Object[0], items));
        }
        for (Group g : byKey.values()) {
            if (having.test(g)) {
                result.add(g);
            }
        }
        if (!orderKeys.isEmpty()) {
            var comparator = RowSorter.keyComparator(q.orderBy(), orderKeys, false);
            Map<Group, Object[]> keys = new java.util.IdentityHashMap<>();
            for (Group g : result) {
                Object[] k = new Object[orderKeys.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = orderKeys.get(i).kind().normalize(orderReaders.get(i).apply(g));
                }
                keys.put(g, k);
            }
            result.sort((a, b) -> comparator.compare(keys.get(a), keys.get(b)));
        }
        int from = Math.min(offset, result.size());
        int to = (int) Math.min(result.size(), (long) from + limit);
        List<ResultRecord> records = new ArrayList<>();
        for (Group g : result.subList(from, to)) {
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            for (BoundField f : selectedGroups) {
                fields.put(f.field().name(), g.raw[Executor.indexOf(groups, f)]);
            }
            for (int i = 0; i < selected.size(); i++) {
                fields.put(items.get(i).name(), g.value(i, items.get(i)));
            }
            records.add(new ResultRecord("AggregateResult", null, fields));
        }
        List<ColumnInfo> columns = new ArrayList<>();
        for (BoundField f : selectedGroups) {
            columns.add(new ColumnInfo(
                    f.field().name(), f.field().name(), false, f.field().type().apexType(), List.of()));
        }
        for (Item item : selected) {
            columns.add(new ColumnInfo(item.name(), item.display(), true, item.apexType(), List.of()));
        }
        return new QueryResult(records.size(), records, columns, false);
    }

    /** Accumulators of one group. */
    static final class Group {
        final Object[] raw;
        final long[] counts;
        final Object[] best;
        final BigDecimal[] sums;
        final List<Set<Object>> distinct = new ArrayList<>();

        Group(Object[] raw, List<Item> items) {
            this.raw = raw;
            this.counts = new long[items.size()];
            this.best = new Object[items.size()];
            this.sums = new BigDecimal[items.size()];
            for (int i = 0; i < items.size(); i++) {
                distinct.add(items.get(i).function() == AggregateFunction.COUNT_DISTINCT ? new HashSet<>() : null);
            }
        }

        void add(SoqlRow row, List<Item> items, List<Function<SoqlRow, Object>> readers) {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                Object rawValue = readers.get(i).apply(row);
                Object v = item.field().kind().normalize(rawValue);
                if (v == null) {
                    continue;
                }
                counts[i]++;
                switch (item.function()) {
                    case COUNT_DISTINCT ->
                        distinct.get(i).add(item.field().kind().key(v));
                    case MIN -> {
                        if (best[i] == null
                                || item.field()
                                                .kind()
                                                .compare(v, item.field().kind().normalize(best[i]))
                                        < 0) {
                            best[i] = rawValue;
                        }
                    }
                    case MAX -> {
                        if (best[i] == null
                                || item.field()
                                                .kind()
                                                .compare(v, item.field().kind().normalize(best[i]))
                                        > 0) {
                            best[i] = rawValue;
                        }
                    }
                    case SUM, AVG -> {
                        BigDecimal d = ValueKind.toBigDecimal((Number) v);
                        sums[i] = sums[i] == null ? d : sums[i].add(d);
                    }
                    default -> {}
                }
            }
        }

        Object value(int i, Item item) {
            return switch (item.function()) {
                case COUNT -> (int) counts[i];
                case COUNT_DISTINCT -> distinct.get(i).size();
                case MIN, MAX -> best[i];
                case SUM ->
                    sums[i] == null
                            ? null
                            : integral(item.field().field().type())
                                    ? (Object) sums[i].longValue()
                                    : (Object) sums[i].doubleValue();
                case AVG -> sums[i] == null ? null : sums[i].doubleValue() / counts[i];
            };
        }
    }
}
