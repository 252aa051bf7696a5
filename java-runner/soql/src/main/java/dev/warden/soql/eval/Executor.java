package dev.warden.soql.eval;

import dev.warden.soql.ColumnInfo;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlException;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.OrderItem;
import dev.warden.soql.ast.Pos;
import dev.warden.soql.ast.Query;
import dev.warden.soql.ast.SelectItem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a parsed query against the source's describes and evaluates it: WHERE compiled once into a predicate,
 * one pass over the rows (stopping early for LIMIT without ORDER BY), sort keys computed once per row, result
 * records built only for the rows returned.
 */
public final class Executor {
  /** Salesforce refuses larger OFFSETs. */
  static final int MAX_OFFSET = 2000;

  private final String soql;
  private final SoqlSource source;
  private final QueryOptions options;
  private final Resolver resolver;
  private final LocalDate today;

  public Executor(String soql, SoqlSource source, QueryOptions options) {
    this.soql = soql;
    this.source = source;
    this.options = options;
    this.resolver = new Resolver(soql, source);
    this.today = LocalDate.ofInstant(options.clock().instant(), ZoneOffset.UTC);
  }

  public QueryResult run(Query q) {
    SObjectInfo root = resolver.object(q.from(), q.fromPos());
    List<BoundField> fields = new ArrayList<>();
    List<Aggregates.Item> aggregates = new ArrayList<>();
    SelectItem.CountAll countAll = null;
    Set<String> seen = new HashSet<>();
    int expr = 0;
    for (SelectItem item : q.select()) {
      if (item instanceof SelectItem.CountAll c) {
        countAll = c;
      } else if (item instanceof SelectItem.Field f) {
        BoundField bound = resolver.bind(f.path(), root, q.fromAlias());
        if (!seen.add(bound.canonical().toLowerCase(Locale.ROOT))) {
          throw resolver.error("MALFORMED_QUERY", f.pos(), "duplicate field selected: " + f.path().text());
        }
        fields.add(bound);
      } else {
        SelectItem.Aggregate a = (SelectItem.Aggregate) item;
        BoundField bound = resolver.bind(a.path(), root, q.fromAlias());
        String name = a.alias() != null ? a.alias() : "expr" + expr++;
        aggregates.add(Aggregates.item(a, bound, name, resolver));
      }
    }
    if (countAll != null && q.select().size() > 1) {
      SelectItem other = q.select().get(q.select().get(0) == countAll ? 1 : 0);
      throw resolver.error("MALFORMED_QUERY", other.pos(), "COUNT() must be the only element in the SELECT list");
    }
    List<BoundField> groups = new ArrayList<>();
    for (var path : q.groupBy()) {
      groups.add(resolver.bind(path, root, q.fromAlias()));
    }
    boolean aggregate = !aggregates.isEmpty() || !groups.isEmpty();
    if (aggregate) {
      for (BoundField f : fields) {
        if (indexOf(groups, f) < 0) {
          throw resolver.error("MALFORMED_QUERY", f.path().pos(), "Field must be grouped or aggregated: "
              + f.path().text());
        }
      }
    }
    FilterCompiler filters = new FilterCompiler(resolver, source, root, q.fromAlias(), today, this::semiJoin);
    Predicate<SoqlRow> where = q.where() == null ? row -> true : filters.compile(q.where());
    List<BoundField> orderFields = new ArrayList<>();
    for (OrderItem o : q.orderBy()) {
      BoundField bound = resolver.bind(o.path(), root, q.fromAlias());
      if (aggregate && indexOf(groups, bound) < 0) {
        throw resolver.error("MALFORMED_QUERY", o.path().pos(), "Ordered field must be grouped or aggregated: "
            + o.path().text());
      }
      orderFields.add(bound);
    }
    int offset = q.offset() == null ? 0 : q.offset();
    if (offset > MAX_OFFSET) {
      throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
    }
    int limit = q.limit() == null ? Integer.MAX_VALUE : q.limit();
    Iterable<SoqlRow> rows = source.rows(root.name(), options.includeDeleted() || q.allRows());

    if (countAll != null) {
      long count = 0;
      for (SoqlRow row : rows) {
        if (where.test(row)) {
          count++;
        }
      }
      int total = (int) Math.min(Math.max(0, count - offset), limit);
      return new QueryResult(total, List.of(), List.of(), true);
    }
    if (aggregate) {
      return Aggregates.run(rows, where, groups, fields, aggregates, q.orderBy(), orderFields, offset, limit, source);
    }

    long cap = q.orderBy().isEmpty() ? (long) offset + limit : Long.MAX_VALUE;
    List<SoqlRow> matched = new ArrayList<>();
    if (cap > 0) {
      for (SoqlRow row : rows) {
        if (where.test(row)) {
          matched.add(row);
          if (matched.size() >= cap) {
            break;
          }
        }
      }
    }
    if (!q.orderBy().isEmpty()) {
      matched = sort(matched, q.orderBy(), orderFields);
    }
    int from = Math.min(offset, matched.size());
    int to = (int) Math.min(matched.size(), (long) from + limit);
    List<ResultRecord> records = new ArrayList<>(to - from);
    for (SoqlRow row : matched.subList(from, to)) {
      records.add(record(row, fields));
    }
    return new QueryResult(records.size(), records, columns(fields), false);
  }

  static int indexOf(List<BoundField> list, BoundField f) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).canonical().equalsIgnoreCase(f.canonical())) {
        return i;
      }
    }
    return -1;
  }

  private List<SoqlRow> sort(List<SoqlRow> rows, List<OrderItem> order, List<BoundField> keys) {
    record Keyed(SoqlRow row, Object[] keys) {}
    List<Keyed> keyed = new ArrayList<>(rows.size());
    for (SoqlRow row : rows) {
      Object[] values = new Object[keys.size()];
      for (int i = 0; i < values.length; i++) {
        BoundField k = keys.get(i);
        values[i] = k.kind().normalize(k.read(row, source));
      }
      keyed.add(new Keyed(row, values));
    }
    Comparator<Object[]> byKeys = keyComparator(order, keys);
    keyed.sort((a, b) -> byKeys.compare(a.keys(), b.keys()));
    List<SoqlRow> out = new ArrayList<>(keyed.size());
    for (Keyed k : keyed) {
      out.add(k.row());
    }
    return out;
  }

  /** Salesforce's order: ASC NULLS FIRST and DESC NULLS LAST unless NULLS FIRST/LAST says otherwise. */
  static Comparator<Object[]> keyComparator(List<OrderItem> order, List<BoundField> keys) {
    return (a, b) -> {
      for (int i = 0; i < order.size(); i++) {
        Object x = a[i];
        Object y = b[i];
        if (x == null || y == null) {
          if (x == y) {
            continue;
          }
          boolean nullsFirst = order.get(i).effectiveNullsFirst();
          return (x == null) == nullsFirst ? -1 : 1;
        }
        int c = keys.get(i).kind().compare(x, y);
        if (c != 0) {
          return order.get(i).descending() ? -c : c;
        }
      }
      return 0;
    };
  }

  private ResultRecord record(SoqlRow row, List<BoundField> fields) {
    ResultRecord record = new ResultRecord(row.objectName(), row.id(), new LinkedHashMap<>());
    for (BoundField f : fields) {
      put(record.fields(), row, f, 0);
    }
    return record;
  }

  private void put(LinkedHashMap<String, Object> into, SoqlRow row, BoundField f, int depth) {
    if (depth == f.hops().size()) {
      into.put(f.field().name(), row.get(f.field().name()));
      return;
    }
    FieldInfo hop = f.hops().get(depth);
    String key = hop.relationshipName();
    Object ref = row.get(hop.name());
    SoqlRow target = ref == null ? null : source.byId(ref.toString());
    if (target == null) {
      into.putIfAbsent(key, null);
      return;
    }
    ResultRecord nested;
    if (into.get(key) instanceof ResultRecord existing) {
      nested = existing;
    } else {
      nested = new ResultRecord(target.objectName(), target.id(), new LinkedHashMap<>());
      into.put(key, nested);
    }
    put(nested.fields(), target, f, depth + 1);
  }

  /** Column metadata: one column per top-level name, relationship paths merged under their relationship. */
  static List<ColumnInfo> columns(List<BoundField> fields) {
    Map<String, ColumnNode> top = new LinkedHashMap<>();
    for (BoundField f : fields) {
      Map<String, ColumnNode> level = top;
      String prefix = "";
      for (FieldInfo hop : f.hops()) {
        String rel = hop.relationshipName();
        String display = prefix + rel;
        ColumnNode node = level.computeIfAbsent(rel.toLowerCase(Locale.ROOT), k -> new ColumnNode(rel, display, null));
        level = node.children;
        prefix = display + ".";
      }
      String name = f.field().name();
      String display = prefix + name;
      level.putIfAbsent(name.toLowerCase(Locale.ROOT), new ColumnNode(name, display, f.field().type().apexType()));
    }
    return ColumnNode.build(top);
  }

  private static final class ColumnNode {
    final String name;
    final String display;
    final String apexType;
    final Map<String, ColumnNode> children = new LinkedHashMap<>();

    ColumnNode(String name, String display, String apexType) {
      this.name = name;
      this.display = display;
      this.apexType = apexType;
    }

    static List<ColumnInfo> build(Map<String, ColumnNode> nodes) {
      List<ColumnInfo> out = new ArrayList<>();
      for (ColumnNode n : nodes.values()) {
        out.add(new ColumnInfo(n.name, n.display, false, n.apexType, build(n.children)));
      }
      return out;
    }
  }

  /** Runs {@code Id IN (SELECT AssigneeId FROM ...)}'s subquery once: the 15-character ids it selects. */
  private Set<String> semiJoin(Query sub) {
    SObjectInfo object = resolver.object(sub.from(), sub.fromPos());
    if (sub.select().size() != 1 || !(sub.select().get(0) instanceof SelectItem.Field field)) {
      Pos pos = sub.select().get(sub.select().size() > 1 ? 1 : 0).pos();
      throw resolver.error("MALFORMED_QUERY", pos, "semi join sub-selects can only select one id field");
    }
    BoundField selected = resolver.bind(field.path(), object, sub.fromAlias());
    if (selected.kind() != ValueKind.ID) {
      throw resolver.error("INVALID_FIELD", field.pos(), "The selected field '" + selected.field().name()
          + "' in the subquery is not an id field");
    }
    FilterCompiler filters = new FilterCompiler(resolver, source, object, sub.fromAlias(), today, nested -> {
      throw resolver.error("MALFORMED_QUERY", nested.fromPos(), "semi join sub-selects are not allowed to nest");
    });
    Predicate<SoqlRow> where = sub.where() == null ? row -> true : filters.compile(sub.where());
    Set<String> ids = new HashSet<>();
    int limit = sub.limit() == null ? Integer.MAX_VALUE : sub.limit();
    int matched = 0;
    for (SoqlRow row : source.rows(object.name(), false)) {
      if (matched >= limit) {
        break;
      }
      if (where.test(row)) {
        matched++;
        Object id = selected.read(row, source);
        if (id != null && !id.toString().isEmpty()) {
          ids.add(ValueKind.id15(id.toString()));
        }
      }
    }
    return ids;
  }
}
