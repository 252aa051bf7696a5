package dev.warden.soql.eval;

import dev.warden.soql.SoqlException;
import dev.warden.soql.ast.Condition;
import dev.warden.soql.ast.Query;
import dev.warden.soql.ast.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Replaces Apex bind expressions in WHERE with the literal values the caller's resolver gives, so the evaluator
 * checks and compares them exactly like literals written in the query. A collection becomes a value list (IN).
 */
final class Binds {
    private Binds() {}

    static Query apply(Query q, Function<Value.Bind, Object> resolver) {
        // binds inside child subqueries ((SELECT ... FROM Children__r WHERE x = :y)) are resolved like the outer's
        java.util.List<dev.warden.soql.ast.SelectItem> select = q.select().stream()
                .map(i -> i instanceof dev.warden.soql.ast.SelectItem.SubQuery sub
                        ? (dev.warden.soql.ast.SelectItem)
                                new dev.warden.soql.ast.SelectItem.SubQuery(apply(sub.query(), resolver), sub.pos())
                        : i)
                .toList();
        if (q.where() == null) {
            return select.equals(q.select())
                    ? q
                    : new Query(
                            select,
                            q.from(),
                            q.fromAlias(),
                            q.fromPos(),
                            null,
                            q.groupBy(),
                            q.having(),
                            q.orderBy(),
                            q.limit(),
                            q.offset(),
                            q.allRows());
        }
        return new Query(
                select,
                q.from(),
                q.fromAlias(),
                q.fromPos(),
                condition(q.where(), resolver),
                q.groupBy(),
                q.having(),
                q.orderBy(),
                q.limit(),
                q.offset(),
                q.allRows());
    }

    private static Condition condition(Condition c, Function<Value.Bind, Object> resolver) {
        if (c instanceof Condition.And a) {
            List<Condition> out = new ArrayList<>();
            for (Condition o : a.operands()) {
                out.add(condition(o, resolver));
            }
            return new Condition.And(out);
        }
        if (c instanceof Condition.Or o) {
            List<Condition> out = new ArrayList<>();
            for (Condition x : o.operands()) {
                out.add(condition(x, resolver));
            }
            return new Condition.Or(out);
        }
        if (c instanceof Condition.Not n) {
            return new Condition.Not(condition(n.operand(), resolver));
        }
        if (c instanceof Condition.Comparison cmp && cmp.value() instanceof Value.SubQuery sub) {
            // binds inside a semi-join (Id IN (SELECT ... WHERE x = :y)) are resolved like the outer query's
            return new Condition.Comparison(
                    cmp.field(), cmp.op(), new Value.SubQuery(apply(sub.query(), resolver), sub.pos()), cmp.pos());
        }
        if (c instanceof Condition.Comparison cmp && cmp.value() instanceof Value.Bind b) {
            Object v = resolver.apply(b);
            if (v == Value.Bind.UNKNOWN) {
                v = switch (cmp.op()) {
                    case IN, NOT_IN, INCLUDES, EXCLUDES -> List.of();
                    case LIKE -> "%";
                    default -> null;
                };
            }
            return new Condition.Comparison(cmp.field(), cmp.op(), literal(v, b, true), cmp.pos());
        }
        return c;
    }

    private static Value literal(Object v, Value.Bind b, boolean allowList) {
        if (v == null) {
            return new Value.Null(b.pos());
        }
        if (v instanceof Boolean x) {
            return new Value.Bool(x, b.pos());
        }
        if (v instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
            return new Value.Num(d, d.toPlainString(), b.pos());
        }
        if (v instanceof LocalDate d) {
            return new Value.Date(d, d.toString(), b.pos());
        }
        if (v instanceof Instant i) {
            return new Value.DateTime(i, i.toString(), b.pos());
        }
        if (v instanceof Collection<?> items && allowList) {
            List<Value> values = new ArrayList<>();
            for (Object o : items) {
                values.add(literal(o, b, false));
            }
            return new Value.ValueList(values, b.pos());
        }
        if (v instanceof String s) {
            return new Value.Str(s, s, b.pos());
        }
        throw new SoqlException(
                "MALFORMED_QUERY",
                "Invalid bind expression type of " + v.getClass().getSimpleName() + " for :" + b.text());
    }
}
