package dev.warden.soql.eval;

import dev.warden.soql.ChildRelationship;
import dev.warden.soql.ColumnInfo;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlException;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.FieldPath;
import dev.warden.soql.ast.OrderItem;
import dev.warden.soql.ast.Pos;
import dev.warden.soql.ast.Query;
import dev.warden.soql.ast.SelectItem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    /** FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of at most this. */
    static final int MAX_FIELDS_LIMIT = 200;

    private final SoqlSource source;
    private final QueryOptions options;
    private final Resolver resolver;
    private final LocalDate today;

    public Executor(String soql, SoqlSource source, QueryOptions options) {
        this.source = source;
        this.options = options;
        this.resolver = new Resolver(soql, source);
        this.today = LocalDate.ofInstant(options.clock().instant(), ZoneOffset.UTC);
    }

    public QueryResult run(Query q) {
        if (options.binds() != null) {
            q = Binds.apply(q, options.binds());
        }
        SObjectInfo root = resolver.object(q.from(), q.fromPos());
        List<BoundField> fields = new ArrayList<>();
        List<Object> outputs = new ArrayList<>();
        List<ChildPlan> children = new ArrayList<>();
        List<Aggregates.Item> aggregates = new ArrayList<>();
        SelectItem.CountAll countAll = null;
        Set<String> seen = new HashSet<>();
        java.util.Map<String, String> aliases = new java.util.LinkedHashMap<>();
        int expr = 0;
        for (SelectItem item : q.select()) {
            if (item instanceof SelectItem.CountAll c) {
                countAll = c;
            } else if (item instanceof SelectItem.Field f) {
                BoundField bound = resolver.bind(f.path(), root, q.fromAlias());
                if (!seen.add(bound.canonical().toLowerCase(Locale.ROOT))) {
                    throw resolver.error(
                            "MALFORMED_QUERY",
                            f.pos(),
                            "duplicate field selected: " + f.path().text());
                }
                fields.add(bound);
                outputs.add(bound);
                if (f.alias() != null) {
                    aliases.put(bound.field().name(), f.alias());
                }
            } else if (item instanceof SelectItem.Fields all) {
                if (!all.which().equals("STANDARD") && (q.limit() == null || q.limit() > MAX_FIELDS_LIMIT)) {
                    throw resolver.error(
                            "MALFORMED_QUERY",
                            all.pos(),
                            "The SOQL FIELDS function must have a LIMIT of at most " + MAX_FIELDS_LIMIT);
                }
                for (FieldInfo field : root.fields()) {
                    boolean custom = field.name().endsWith("__c");
                    if (all.which().equals("ALL") || custom == all.which().equals("CUSTOM")) {
                        BoundField bound = resolver.bind(new FieldPath(List.of(field.name()), all.pos()), root, null);
                        if (!seen.add(bound.canonical().toLowerCase(Locale.ROOT))) {
                            throw resolver.error(
                                    "MALFORMED_QUERY", all.pos(), "duplicate field selected: " + field.name());
                        }
                        fields.add(bound);
                        outputs.add(bound);
                    }
                }
            } else if (item instanceof SelectItem.SubQuery sub) {
                ChildPlan plan = childPlan(sub, root, q.fromAlias());
                if (!seen.add(plan.name().toLowerCase(Locale.ROOT))) {
                    throw resolver.error("MALFORMED_QUERY", sub.pos(), "duplicate field selected: " + plan.name());
                }
                children.add(plan);
                outputs.add(plan);
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
        boolean aggregate = !aggregates.isEmpty()
                || !groups.isEmpty()
                || q.orderBy().stream().anyMatch(o -> o.function() != null);
        if (aggregate && !children.isEmpty()) {
            throw resolver.error(
                    "MALFORMED_QUERY",
                    q.select().stream()
                            .filter(i -> i instanceof SelectItem.SubQuery)
                            .findFirst()
                            .orElseThrow()
                            .pos(),
                    "A relationship subquery is not allowed in an aggregate query");
        }
        if (aggregate) {
            for (BoundField f : fields) {
                if (indexOf(groups, f) < 0) {
                    throw resolver.error(
                            "MALFORMED_QUERY",
                            f.path().pos(),
                            "Field must be grouped or aggregated: " + f.path().text());
                }
            }
        }
        FilterCompiler filters = new FilterCompiler(resolver, source, root, q.fromAlias(), today, this::semiJoin);
        Predicate<SoqlRow> where = q.where() == null ? row -> true : filters.compile(q.where());
        int offset = q.offset() == null ? 0 : q.offset();
        if (offset > MAX_OFFSET) {
            throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
        }
        int limit = q.limit() == null ? Integer.MAX_VALUE : q.limit();
        boolean includeDeleted = options.includeDeleted() || q.allRows();
        if (countAll != null) {
            long count = 0;
            for (SoqlRow row : source.rows(root.name(), includeDeleted)) {
                if (where.test(row)) {
                    count++;
                }
            }
            int total = (int) Math.min(Math.max(0, count - offset), limit);
            return new QueryResult(total, List.of(), List.of(), true);
        }
        if (aggregate) {
            for (OrderItem o : q.orderBy()) {
                checkSortable(o, resolver.bind(o.path(), root, q.fromAlias()));
            }
            return renamed(
                    Aggregates.run(
                            q,
                            source.rows(root.name(), includeDeleted),
                            where,
                            groups,
                            fields,
                            aggregates,
                            resolver,
                            filters,
                            root,
                            offset,
                            limit,
                            source),
                    aliases);
        }
        List<BoundField> orderFields = new ArrayList<>();
        for (OrderItem o : q.orderBy()) {
            BoundField bound = resolver.bind(o.path(), root, q.fromAlias());
            checkSortable(o, bound);
            orderFields.add(bound);
        }
        Iterable<SoqlRow> rows = source.rows(root.name(), includeDeleted);
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
            matched = RowSorter.sort(matched, q.orderBy(), orderFields, (long) offset + limit, source);
        }
        int from = Math.min(offset, matched.size());
        int to = (int) Math.min(matched.size(), (long) from + limit);
        List<ResultRecord> records = new ArrayList<>(to - from);
        for (SoqlRow row : matched.subList(from, to)) {
            records.add(record(row, outputs));
        }
        for (ChildPlan plan : children) {
            fillChildren(records, plan, includeDeleted);
        }
        return new QueryResult(records.size(), records, Columns.columns(outputs), false);
    }

    /** Grouped fields selected with an alias appear under the alias in each AggregateResult row. */
    private static QueryResult renamed(QueryResult r, java.util.Map<String, String> aliases) {
        if (aliases.isEmpty()) {
            return r;
        }
        for (ResultRecord record : r.records()) {
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>(record.fields());
            record.fields().clear();
            copy.forEach((k, v) -> record.fields().put(aliases.getOrDefault(k, k), v));
        }
        return r;
    }

    private void checkSortable(OrderItem o, BoundField bound) {
        FieldType type = bound.field().type();
        if (o.function() == null && (type == FieldType.BASE64 || type == FieldType.MULTIPICKLIST)) {
            throw resolver.error(
                    "INVALID_FIELD",
                    o.path().pos(),
                    "field '" + bound.field().name() + "' can not be sorted in a query call");
        }
    }

    static int indexOf(List<BoundField> list, BoundField f) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).canonical().equalsIgnoreCase(f.canonical())) {
                return i;
            }
        }
        return -1;
    }

    /** A result row: {@code outputs} holds BoundFields and ChildPlans (filled later, null until then) in SELECT order. */
    private ResultRecord record(SoqlRow row, List<?> outputs) {
        ResultRecord record = new ResultRecord(row.objectName(), row.id(), new LinkedHashMap<>());
        for (Object out : outputs) {
            if (out instanceof BoundField f) {
                put(record.fields(), row, f, 0);
            } else {
                record.fields().putIfAbsent(((ChildPlan) out).name(), null);
            }
        }
        return record;
    }

    /** A subquery in SELECT, bound: the relationship, the child object's fields, filter, order and limit. */
    record ChildPlan(
            String name,
            SObjectInfo child,
            List<BoundField> fields,
            Predicate<SoqlRow> where,
            List<OrderItem> order,
            List<BoundField> orderFields,
            Integer limit,
            java.util.function.Function<SoqlRow, Object> parentRef) {}

    private ChildPlan childPlan(SelectItem.SubQuery sub, SObjectInfo parent, String parentAlias) {
        Query cq = sub.query();
        String from = cq.from();
        int dot = from.indexOf('.');
        if (dot > 0) {
            // FROM Account.Contacts: the qualifier must be the outer object or its alias
            String qualifier = from.substring(0, dot);
            if (qualifier.equalsIgnoreCase(parent.name())
                    || parentAlias != null && qualifier.equalsIgnoreCase(parentAlias)) {
                from = from.substring(dot + 1);
            }
        }
        ChildRelationship relationship = null;
        for (ChildRelationship r : source.childRelationships(parent.name())) {
            if (r.relationshipName().equalsIgnoreCase(from)) {
                relationship = r;
            }
        }
        if (relationship == null) {
            throw resolver.error(
                    "INVALID_TYPE",
                    cq.fromPos(),
                    "Didn't understand relationship '" + cq.from() + "' in "
                            + "FROM part of query call. If you are attempting to use a custom relationship, be sure to append the "
                            + "'__r' after the custom relationship name. Please reference your WSDL or the describe call for the "
                            + "appropriate names.");
        }
        SObjectInfo child = resolver.object(relationship.childObject(), cq.fromPos());
        List<BoundField> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SelectItem item : cq.select()) {
            if (!(item instanceof SelectItem.Field f)) {
                throw resolver.error(
                        "MALFORMED_QUERY",
                        item.pos(),
                        "Only fields and relationship paths can be selected in a relationship subquery");
            }
            BoundField bound = resolver.bind(f.path(), child, cq.fromAlias());
            if (!seen.add(bound.canonical().toLowerCase(Locale.ROOT))) {
                throw resolver.error(
                        "MALFORMED_QUERY",
                        f.pos(),
                        "duplicate field selected: " + f.path().text());
            }
            fields.add(bound);
        }
        FilterCompiler filters = new FilterCompiler(resolver, source, child, cq.fromAlias(), today, this::semiJoin);
        Predicate<SoqlRow> where = cq.where() == null ? row -> true : filters.compile(cq.where());
        List<BoundField> orderFields = new ArrayList<>();
        for (OrderItem o : cq.orderBy()) {
            if (o.function() != null) {
                throw resolver.error(
                        "MALFORMED_QUERY",
                        o.function().pos(),
                        "Ordered field must be grouped or aggregated: "
                                + o.function().text());
            }
            orderFields.add(resolver.bind(o.path(), child, cq.fromAlias()));
        }
        return new ChildPlan(
                relationship.relationshipName(),
                child,
                fields,
                where,
                cq.orderBy(),
                orderFields,
                cq.limit(),
                source.accessor(child.name(), relationship.field()));
    }

    /**
     * One pass over the child object's rows for all returned parents; each parent gets a nested QueryResult, or null
     * when it has no matching children (as Salesforce answers).
     */
    private void fillChildren(List<ResultRecord> parents, ChildPlan plan, boolean includeDeleted) {
        if (parents.isEmpty()) {
            return;
        }
        Set<String> parentIds = new HashSet<>();
        for (ResultRecord p : parents) {
            parentIds.add(ValueKind.id15(p.id()));
        }
        Map<String, List<SoqlRow>> byParent = new java.util.HashMap<>();
        for (SoqlRow row : source.rows(plan.child().name(), includeDeleted)) {
            Object ref = plan.parentRef().apply(row);
            if (ref == null) {
                continue;
            }
            String key = ValueKind.id15(ref.toString());
            if (parentIds.contains(key) && plan.where().test(row)) {
                byParent.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        List<ColumnInfo> columns = Columns.columns(plan.fields());
        int limit = plan.limit() == null ? Integer.MAX_VALUE : plan.limit();
        for (ResultRecord parent : parents) {
            List<SoqlRow> rows = byParent.get(ValueKind.id15(parent.id()));
            if (rows == null) {
                continue;
            }
            if (!plan.order().isEmpty()) {
                rows = RowSorter.sort(rows, plan.order(), plan.orderFields(), limit, source);
            } else if (rows.size() > limit) {
                rows = rows.subList(0, limit);
            }
            List<ResultRecord> records = new ArrayList<>(rows.size());
            for (SoqlRow row : rows) {
                records.add(record(row, plan.fields()));
            }
            parent.fields()
                    .put(
                            plan.name(),
                            records.isEmpty() ? null : new QueryResult(records.size(), records, columns, false));
        }
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

    /** Runs {@code Id IN (SELECT AssigneeId FROM ...)}'s subquery once: the 15-character ids it selects. */
    private Set<String> semiJoin(Query sub) {
        SObjectInfo object = resolver.object(sub.from(), sub.fromPos());
        if (sub.select().size() != 1 || !(sub.select().get(0) instanceof SelectItem.Field field)) {
            Pos pos = sub.select().get(sub.select().size() > 1 ? 1 : 0).pos();
            throw resolver.error("MALFORMED_QUERY", pos, "semi join sub-selects can only select one id field");
        }
        BoundField selected = resolver.bind(field.path(), object, sub.fromAlias());
        if (selected.kind() != ValueKind.ID) {
            throw resolver.error(
                    "INVALID_FIELD",
                    field.pos(),
                    "The selected field '" + selected.field().name() + "' in the subquery is not an id field");
        }
        FilterCompiler filters = new FilterCompiler(resolver, source, object, sub.fromAlias(), today, nested -> {
            throw resolver.error("MALFORMED_QUERY", nested.fromPos(), "semi join sub-selects are not allowed to nest");
        });
        Predicate<SoqlRow> where = sub.where() == null ? row -> true : filters.compile(sub.where());
        Set<String> ids = new HashSet<>();
        java.util.function.Function<SoqlRow, Object> read = selected.reader(source);
        int limit = sub.limit() == null ? Integer.MAX_VALUE : sub.limit();
        int matched = 0;
        for (SoqlRow row : source.rows(object.name(), false)) {
            if (matched >= limit) {
                break;
            }
            if (where.test(row)) {
                matched++;
                Object id = read.apply(row);
                if (id != null && !id.toString().isEmpty()) {
                    ids.add(ValueKind.id15(id.toString()));
                }
            }
        }
        return ids;
    }
}
