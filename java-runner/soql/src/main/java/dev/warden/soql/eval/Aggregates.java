package dev.warden.soql.eval;

import dev.warden.soql.ColumnInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.AggregateFunction;
import dev.warden.soql.ast.OrderItem;
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
      throw resolver.error("INVALID_FIELD", a.pos(), "field " + field.field().name()
          + " does not support aggregate operator " + a.function().name());
    }
    return new Item(a.function(), field, name, a.alias() != null ? a.alias() : a.text());
  }

  private static boolean integral(FieldType type) {
    return type == FieldType.INT || type == FieldType.LONG;
  }

  static QueryResult run(Iterable<SoqlRow> rows, Predicate<SoqlRow> where, List<BoundField> groups,
      List<BoundField> selectedGroups, List<Item> items, List<OrderItem> order, List<BoundField> orderFields,
      int offset, int limit, SoqlSource source) {
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
    List<Group> result = new ArrayList<>(byKey.values());
    if (groups.isEmpty() && result.isEmpty()) {
      result.add(new Group(new Object[0], items));
    }
    if (!order.isEmpty()) {
      int[] index = new int[orderFields.size()];
      for (int i = 0; i < index.length; i++) {
        index[i] = Executor.indexOf(groups, orderFields.get(i));
      }
      var comparator = RowSorter.keyComparator(order, orderFields, false);
      result.sort((a, b) -> comparator.compare(a.orderKeys(index, groups), b.orderKeys(index, groups)));
    }
    int from = Math.min(offset, result.size());
    int to = (int) Math.min(result.size(), (long) from + limit);
    List<ResultRecord> records = new ArrayList<>();
    for (Group g : result.subList(from, to)) {
      LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
      for (BoundField f : selectedGroups) {
        fields.put(f.field().name(), g.raw[Executor.indexOf(groups, f)]);
      }
      for (int i = 0; i < items.size(); i++) {
        fields.put(items.get(i).name(), g.value(i, items.get(i)));
      }
      records.add(new ResultRecord("AggregateResult", null, fields));
    }
    List<ColumnInfo> columns = new ArrayList<>();
    for (BoundField f : selectedGroups) {
      columns.add(new ColumnInfo(f.field().name(), f.field().name(), false, f.field().type().apexType(), List.of()));
    }
    for (Item item : items) {
      columns.add(new ColumnInfo(item.name(), item.display(), true, item.apexType(), List.of()));
    }
    return new QueryResult(records.size(), records, columns, false);
  }

  /** Accumulators of one group. */
  private static final class Group {
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

    Object[] orderKeys(int[] index, List<BoundField> groups) {
      Object[] keys = new Object[index.length];
      for (int i = 0; i < index.length; i++) {
        keys[i] = groups.get(index[i]).kind().normalize(raw[index[i]]);
      }
      return keys;
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
          case COUNT_DISTINCT -> distinct.get(i).add(item.field().kind().key(v));
          case MIN -> {
            if (best[i] == null || item.field().kind().compare(v, item.field().kind().normalize(best[i])) < 0) {
              best[i] = rawValue;
            }
          }
          case MAX -> {
            if (best[i] == null || item.field().kind().compare(v, item.field().kind().normalize(best[i])) > 0) {
              best[i] = rawValue;
            }
          }
          case SUM, AVG -> {
            BigDecimal d = ValueKind.toBigDecimal((Number) v);
            sums[i] = sums[i] == null ? d : sums[i].add(d);
          }
          default -> {
          }
        }
      }
    }

    Object value(int i, Item item) {
      return switch (item.function()) {
        case COUNT -> (int) counts[i];
        case COUNT_DISTINCT -> distinct.get(i).size();
        case MIN, MAX -> best[i];
        case SUM -> sums[i] == null ? null
            : integral(item.field().field().type()) ? (Object) sums[i].longValue() : (Object) sums[i].doubleValue();
        case AVG -> sums[i] == null ? null : sums[i].doubleValue() / counts[i];
      };
    }
  }
}
