package dev.warden.apex.exec;

import dev.warden.apex.host.AccessMode;
import dev.warden.apex.host.HostQuery;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.lib.AggregateResultValue;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.Blob;
import dev.warden.apex.value.SObjectValue;
import dev.warden.soql.ApexSoql;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.Soql;
import dev.warden.soql.SoqlException;
import dev.warden.soql.ast.SelectItem;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Inline SOQL and Database.query: binds, modes, limits, typed SObject rows, COUNT() and aggregates. */
public final class Queries {
    private Queries() {}

    static C inline(Compiler c, Expr.Soql q) {
        ApexSoql parsed;
        try {
            parsed = Soql.parseApex(q.text());
        } catch (SoqlException e) {
            String engine = " is not supported by this SOQL engine";
            if (e.detail() != null && e.detail().endsWith(engine)) {
                // Valid Apex the soql module cannot run (a bind in LIMIT): the class compiles, the query fails when
                // it is reached.
                return PlatformCatalogue.failsWhenRun(
                        "SOQL: " + e.detail().substring(0, e.detail().length() - engine.length()), null);
            }
            throw new CompileError(e.detail(), at(q, e));
        }
        SObjectSchema from = c.program().describe(parsed.statement().query().from());
        if (from == null) {
            throw new CompileError(
                    "sObject type '" + parsed.statement().query().from() + "' is not supported.", q.pos());
        }
        check(c.program(), parsed, q);
        Ev[] binds = q.binds().stream().map(b -> c.value(b).ev()).toArray(Ev[]::new);
        boolean count = isCount(parsed);
        RType type = count ? RType.INTEGER_T : RType.list(RType.sobject(from));
        return new C(
                f -> {
                    Object[] values = new Object[binds.length];
                    for (int i = 0; i < binds.length; i++) {
                        values[i] = binds[i].eval(f);
                    }
                    return run(f, parsed, values);
                },
                type);
    }

    /**
     * Checks fields, objects and filters when the Apex is compiled, as Salesforce does: the query runs once over no
     * rows with every bind unknown, so its errors (INVALID_FIELD's "No such column ...") become compile errors.
     */
    private static void check(Program p, ApexSoql parsed, Expr.Soql q) {
        dev.warden.soql.SoqlSource noRows = new dev.warden.soql.SoqlSource() {
            @Override
            public dev.warden.soql.SObjectInfo describe(String objectName) {
                SObjectSchema s = p.describe(objectName);
                return s == null ? null : s.info();
            }

            @Override
            public Iterable<dev.warden.soql.SoqlRow> rows(String objectApiName, boolean includeDeleted) {
                return List.of();
            }

            @Override
            public dev.warden.soql.SoqlRow byId(String id) {
                return null;
            }

            /** Child subqueries ((SELECT ... FROM Contacts), custom Children__r) resolve as at run time. */
            @Override
            public List<dev.warden.soql.ChildRelationship> childRelationships(String objectApiName) {
                return p.host.soqlSource(dev.warden.apex.host.AccessMode.SYSTEM, null)
                        .childRelationships(objectApiName);
            }
        };
        try {
            Soql.execute(
                    parsed.statement(),
                    noRows,
                    new QueryOptions(Clock.systemUTC(), false).withBinds(b -> dev.warden.soql.ast.Value.Bind.UNKNOWN));
        } catch (SoqlException e) {
            throw new CompileError(e.detail(), at(q, e));
        }
    }

    /** A position inside the query text, as a position in the Apex file. */
    private static Pos at(Expr.Soql q, SoqlException e) {
        if (e.row() <= 0) {
            return q.pos();
        }
        Pos p = q.pos();
        return e.row() == 1
                ? new Pos(p.unit(), p.line(), p.column() + e.column() - 1)
                : new Pos(p.unit(), p.line() + e.row() - 1, e.column());
    }

    private static boolean isCount(ApexSoql q) {
        List<SelectItem> s = q.statement().query().select();
        return s.size() == 1 && s.get(0) instanceof SelectItem.CountAll;
    }

    /** Database.query(String): no binds supported beyond none (Apex resolves them from the calling scope). */
    public static Object dynamic(Frame f, String soql, boolean userMode) {
        ApexSoql parsed;
        try {
            parsed = Soql.parseApex(soql);
        } catch (SoqlException e) {
            throw Errors.apex(f, "QueryException", e.detail());
        }
        if (parsed.bindCount() > 0) {
            throw Errors.unsupported("binds in Database.query", f);
        }
        ApexSoql withMode = userMode ? new ApexSoql(parsed.statement(), "USER_MODE", 0) : parsed;
        Object r = run(f, withMode, new Object[0]);
        if (r instanceof ApexList l) {
            l.fromQuery = false;
        }
        return r;
    }

    /** Database.queryWithBinds(soql, Map<String, Object> binds, AccessLevel): binds looked up by name. */
    public static Object dynamicWithBinds(Frame f, String soql, ApexMap binds, boolean userMode) {
        ApexSoql parsed;
        try {
            parsed = Soql.parseApex(soql);
        } catch (SoqlException e) {
            throw Errors.apex(f, "QueryException", e.detail());
        }
        List<dev.warden.soql.ast.Value.Bind> found = new ArrayList<>();
        collect(parsed.statement().query().where(), found);
        Object[] values = new Object[parsed.bindCount()];
        for (dev.warden.soql.ast.Value.Bind b : found) {
            String name = b.text().trim();
            if (!binds.containsKey(name)) {
                // UNCONFIRMED wording
                throw Errors.apex(f, "QueryException", "Key '" + name + "' does not exist in the bindMap");
            }
            values[b.index()] = binds.get(name);
        }
        ApexSoql withMode = new ApexSoql(parsed.statement(), userMode ? "USER_MODE" : parsed.mode(), values.length);
        Object r = run(f, withMode, values);
        if (r instanceof ApexList l) {
            l.fromQuery = false;
        }
        return r;
    }

    private static void collect(dev.warden.soql.ast.Condition c, List<dev.warden.soql.ast.Value.Bind> out) {
        if (c instanceof dev.warden.soql.ast.Condition.And a) {
            a.operands().forEach(o -> collect(o, out));
        } else if (c instanceof dev.warden.soql.ast.Condition.Or o) {
            o.operands().forEach(x -> collect(x, out));
        } else if (c instanceof dev.warden.soql.ast.Condition.Not n) {
            collect(n.operand(), out);
        } else if (c instanceof dev.warden.soql.ast.Condition.Comparison cmp
                && cmp.value() instanceof dev.warden.soql.ast.Value.Bind b) {
            out.add(b);
        } else if (c instanceof dev.warden.soql.ast.Condition.Comparison cmp
                && cmp.value() instanceof dev.warden.soql.ast.Value.SubQuery sub) {
            collect(sub.query().where(), out);
        }
    }

    static Object run(Frame f, ApexSoql q, Object[] binds) {
        Transaction tx = f.tx;
        if (++tx.limits.queries > tx.limits.maxQueries) {
            throw Errors.limit(tx, "Too many SOQL queries: " + tx.limits.queries);
        }
        Clock clock = tx.host.clock();
        QueryOptions options =
                new QueryOptions(clock, q.statement().query().allRows()).withBinds(b -> toSoql(binds[b.index()]));
        AccessMode mode = "USER_MODE".equals(q.mode()) ? AccessMode.USER : AccessMode.SYSTEM;
        QueryResult result;
        try {
            result = tx.host.query(
                    new HostQuery(q.statement(), options, mode, tx.user().id()));
        } catch (SoqlException e) {
            throw Errors.apex(f, "QueryException", e.detail());
        }
        tx.limits.queryRows += result.countQuery() ? 1 : result.records().size();
        if (tx.limits.queryRows > Limits.QUERY_ROWS) {
            throw Errors.limit(tx, "Too many query rows: " + tx.limits.queryRows);
        }
        if (result.countQuery()) {
            return result.totalSize();
        }
        SObjectSchema from = tx.program.describe(q.statement().query().from());
        boolean aggregate = !result.records().isEmpty()
                && "AggregateResult".equals(result.records().get(0).objectName());
        List<Object> rows = new ArrayList<>();
        for (ResultRecord r : result.records()) {
            rows.add(aggregate ? new AggregateResultValue(r.fields()) : record(tx.program, r));
        }
        ApexList list = new ApexList(
                aggregate
                        ? RType.simple(RType.Kind.NATIVE, "AggregateResult").ref()
                        : RType.sobject(from).ref(),
                rows);
        list.fromQuery = true;
        return list;
    }

    /** A query row as a typed SObject: Ids as Id, numbers as Decimal, base64 as Blob, parents nested. */
    static SObjectValue record(Program p, ResultRecord r) {
        SObjectSchema schema = p.describe(r.objectName());
        SObjectValue s = new SObjectValue(schema);
        s.fromQuery = true;
        for (Map.Entry<String, Object> e : r.fields().entrySet()) {
            Object v = e.getValue();
            if (v instanceof ResultRecord parent) {
                s.put(e.getKey(), record(p, parent));
            } else if (v instanceof QueryResult children) {
                List<Object> kids = new ArrayList<>();
                for (ResultRecord k : children.records()) {
                    kids.add(record(p, k));
                }
                SObjectSchema childSchema = kids.isEmpty() ? null : ((SObjectValue) kids.get(0)).schema;
                s.put(
                        e.getKey(),
                        new ApexList(
                                childSchema == null
                                        ? RType.SOBJECT_T.ref()
                                        : RType.sobject(childSchema).ref(),
                                kids));
            } else {
                FieldInfo fi = schema.field(e.getKey());
                s.put(e.getKey(), fromStore(fi, v));
            }
        }
        if (r.id() != null && !s.has("Id")) {
            // Apex records always carry their Id when queried
            s.put("Id", ApexId.parse(r.id()));
        }
        return s;
    }

    /** A stored value as Apex sees it. */
    public static Object fromStore(FieldInfo fi, Object v) {
        if (v == null || fi == null) {
            return v;
        }
        return switch (SObjectSchema.apexType(fi.type())) {
            case "Id" -> v instanceof String s && !s.isEmpty() ? ApexId.parse(s) : null;
            case "Decimal" -> v instanceof Number n ? dev.warden.apex.value.Values.decimal(n) : v;
            case "Integer" -> v instanceof Number n ? (Object) n.intValue() : v;
            case "Long" -> v instanceof Number n ? (Object) n.longValue() : v;
            case "Blob" -> v instanceof byte[] b ? new Blob(b) : v;
            default -> v;
        };
    }

    /** An Apex value as the record store and the soql module take it. */
    public static Object toSoql(Object v) {
        if (v == null
                || v instanceof String
                || v instanceof Boolean
                || v instanceof java.time.LocalDate
                || v instanceof java.time.Instant) {
            return v;
        }
        if (v instanceof ApexId id) {
            return id.toString();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Blob b) {
            return b.bytes();
        }
        if (v instanceof SObjectValue s) {
            return s.id() == null ? null : s.id().toString();
        }
        if (v instanceof ApexList l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l.items) {
                out.add(toSoql(o));
            }
            return out;
        }
        if (v instanceof ApexSet s) {
            List<Object> out = new ArrayList<>();
            for (Object o : s.items.values()) {
                out.add(toSoql(o));
            }
            return out;
        }
        if (v instanceof ApexMap m) {
            throw new IllegalArgumentException("Map bind");
        }
        return v.toString();
    }
}
