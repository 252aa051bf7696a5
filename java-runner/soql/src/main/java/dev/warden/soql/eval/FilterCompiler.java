package dev.warden.soql.eval;

import dev.warden.soql.FieldType;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlException;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.Condition;
import dev.warden.soql.ast.Operator;
import dev.warden.soql.ast.Pos;
import dev.warden.soql.ast.Query;
import dev.warden.soql.ast.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles a WHERE condition once into a predicate over rows: names are bound, literals converted to the field's
 * kind and checked the way Salesforce checks them, LIKE patterns compiled, semi-join subqueries run once.
 */
final class FilterCompiler {
    private final Resolver resolver;
    private final SoqlSource source;
    private final SObjectInfo root;
    private final String alias;
    private final LocalDate today;
    private final Function<Query, Set<String>> semiJoin;

    FilterCompiler(
            Resolver resolver,
            SoqlSource source,
            SObjectInfo root,
            String alias,
            LocalDate today,
            Function<Query, Set<String>> semiJoin) {
        this.resolver = resolver;
        this.source = source;
        this.root = root;
        this.alias = alias;
        this.today = today;
        this.semiJoin = semiJoin;
    }

    Predicate<SoqlRow> compile(Condition condition) {
        return combine(condition, leaf -> {
            if (!(leaf instanceof Condition.Comparison c)) {
                throw resolver.error(
                        "MALFORMED_QUERY",
                        ((Condition.AggregateComparison) leaf).pos(),
                        "Aggregate functions are only allowed in HAVING");
            }
            return comparison(c);
        });
    }

    /** AND, OR and NOT over predicates built by {@code leaf} for the comparisons. */
    static <T> Predicate<T> combine(Condition condition, Function<Condition, Predicate<T>> leaf) {
        if (condition instanceof Condition.And and) {
            List<Predicate<T>> parts = combineAll(and.operands(), leaf);
            return row -> {
                for (Predicate<T> p : parts) {
                    if (!p.test(row)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (condition instanceof Condition.Or or) {
            List<Predicate<T>> parts = combineAll(or.operands(), leaf);
            return row -> {
                for (Predicate<T> p : parts) {
                    if (p.test(row)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (condition instanceof Condition.Not not) {
            return combine(not.operand(), leaf).negate();
        }
        return leaf.apply(condition);
    }

    private static <T> List<Predicate<T>> combineAll(
            List<Condition> conditions, Function<Condition, Predicate<T>> leaf) {
        List<Predicate<T>> out = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            out.add(combine(c, leaf));
        }
        return out;
    }

    private Predicate<SoqlRow> comparison(Condition.Comparison c) {
        BoundField field = resolver.bind(c.field(), root, alias);
        return compare(field, c.op(), c.value(), c.pos(), field.reader(source));
    }

    /**
     * {@code field op value} over anything a value can be read from: rows for WHERE, groups for HAVING. {@code raw}
     * reads the stored value; the field (its type and name) decides conversions and error texts.
     */
    <T> Predicate<T> compare(BoundField field, Operator op, Value value, Pos pos, Function<T, Object> raw) {
        ValueKind kind = field.kind();
        if (kind == ValueKind.BINARY) {
            throw resolver.error(
                    "INVALID_FIELD", pos, "field '" + field.field().name() + "' can not be filtered in query call");
        }
        Function<T, Object> read = row -> kind.normalize(raw.apply(row));
        return switch (op) {
            case EQ, NE, LT, GT, LE, GE -> {
                if (value instanceof Value.ValueList || value instanceof Value.SubQuery) {
                    throw resolver.error("MALFORMED_QUERY", value.pos(), "unexpected token: '('");
                }
                if (value instanceof Value.DateFormula formula) {
                    yield dateRange(field, kind, op, formula, read);
                }
                yield ordered(kind, op, literal(field, kind, value), read);
            }
            case LIKE -> {
                if (kind != ValueKind.TEXT && kind != ValueKind.ID) {
                    throw invalidOperator(pos, field, op);
                }
                if (!(value instanceof Value.Str str)) {
                    throw typeError(field, value);
                }
                Predicate<String> matches = Like.matcher(str.raw());
                yield row -> {
                    Object v = read.apply(row);
                    return v != null && matches.test((String) v);
                };
            }
            case IN, NOT_IN -> {
                Predicate<T> in = in(field, kind, value, read, pos);
                yield op == Operator.IN ? in : in.negate();
            }
            case INCLUDES, EXCLUDES -> {
                if (field.field().type() != FieldType.MULTIPICKLIST) {
                    throw invalidOperator(pos, field, op);
                }
                Predicate<T> includes = includes(field, value, read);
                yield op == Operator.INCLUDES ? includes : row -> read.apply(row) == null || !includes.test(row);
            }
        };
    }

    private static <T> Predicate<T> ordered(ValueKind kind, Operator op, Object literal, Function<T, Object> read) {
        if (literal == null) {
            return switch (op) {
                case EQ -> row -> read.apply(row) == null;
                case NE -> row -> read.apply(row) != null;
                default -> row -> false;
            };
        }
        return switch (op) {
            case EQ ->
                row -> {
                    Object v = read.apply(row);
                    return v != null && kind.equal(v, literal);
                };
            case NE ->
                row -> {
                    Object v = read.apply(row);
                    return v == null || !kind.equal(v, literal);
                };
            case LT ->
                row -> {
                    Object v = read.apply(row);
                    return v != null && kind.compare(v, literal) < 0;
                };
            case LE ->
                row -> {
                    Object v = read.apply(row);
                    return v != null && kind.compare(v, literal) <= 0;
                };
            case GT ->
                row -> {
                    Object v = read.apply(row);
                    return v != null && kind.compare(v, literal) > 0;
                };
            default ->
                row -> {
                    Object v = read.apply(row);
                    return v != null && kind.compare(v, literal) >= 0;
                };
        };
    }

    private <T> Predicate<T> dateRange(
            BoundField field, ValueKind kind, Operator op, Value.DateFormula formula, Function<T, Object> read) {
        if (kind != ValueKind.DATE && kind != ValueKind.DATETIME) {
            throw typeError(field, formula);
        }
        DateRanges.Range range = DateRanges.of(formula.kind(), formula.n(), today);
        Object from = kind == ValueKind.DATE ? range.from() : startOf(range.from());
        Object to = kind == ValueKind.DATE ? range.to() : startOf(range.to());
        return row -> {
            Object v = read.apply(row);
            if (v == null) {
                return op == Operator.NE;
            }
            boolean beforeFrom = kind.compare(v, from) < 0;
            boolean beforeTo = kind.compare(v, to) < 0;
            return switch (op) {
                case EQ -> !beforeFrom && beforeTo;
                case NE -> beforeFrom || !beforeTo;
                case LT -> beforeFrom;
                case LE -> beforeTo;
                case GT -> !beforeTo;
                default -> !beforeFrom;
            };
        };
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private <T> Predicate<T> in(BoundField field, ValueKind kind, Value value, Function<T, Object> read, Pos pos) {
        Set<Object> keys = new HashSet<>();
        boolean matchesNull = false;
        if (value instanceof Value.SubQuery sub) {
            if (kind != ValueKind.ID) {
                throw resolver.error(
                        "INVALID_FIELD",
                        pos,
                        "The left operand field in the where expression for outer "
                                + "query should be an id field, cannot use: '"
                                + field.field().name() + "'");
            }
            keys.addAll(semiJoin.apply(sub.query()));
        } else if (value instanceof Value.ValueList list) {
            for (Value item : list.values()) {
                if (item instanceof Value.DateFormula) {
                    throw typeError(field, item);
                }
                Object literal = literal(field, kind, item);
                if (literal == null) {
                    matchesNull = true;
                } else {
                    keys.add(kind.key(literal));
                }
            }
        } else {
            throw resolver.error("MALFORMED_QUERY", value.pos(), "unexpected token: '" + valueText(value) + "'");
        }
        boolean nullMatches = matchesNull;
        return row -> {
            Object v = read.apply(row);
            return v == null ? nullMatches : keys.contains(kind.key(v));
        };
    }

    private <T> Predicate<T> includes(BoundField field, Value value, Function<T, Object> read) {
        List<Value> items = value instanceof Value.ValueList list ? list.values() : List.of(value);
        List<Set<String>> wanted = new ArrayList<>();
        for (Value item : items) {
            if (!(item instanceof Value.Str str)) {
                throw typeError(field, item);
            }
            wanted.add(picklistValues(str.value()));
        }
        return row -> {
            Object v = read.apply(row);
            if (v == null) {
                return false;
            }
            Set<String> have = picklistValues((String) v);
            for (Set<String> w : wanted) {
                if (have.containsAll(w)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Set<String> picklistValues(String joined) {
        Set<String> out = new HashSet<>();
        for (String part : joined.split(";")) {
            if (!part.isBlank()) {
                out.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The literal converted to the field's kind (normalized), or null for NULL; Salesforce's errors otherwise. */
    private Object literal(BoundField field, ValueKind kind, Value value) {
        if (value instanceof Value.Null) {
            return null;
        }
        switch (kind) {
            case TEXT:
                if (value instanceof Value.Str s) {
                    return s.value().isEmpty() ? null : s.value();
                }
                break;
            case ID:
                if (value instanceof Value.Str s) {
                    if (s.value().isEmpty()) {
                        return null;
                    }
                    if (!isId(s.value())) {
                        throw resolver.error(
                                "INVALID_QUERY_FILTER_OPERATOR", value.pos(), "invalid ID field: " + s.value());
                    }
                    return s.value();
                }
                break;
            case BOOLEAN:
                if (value instanceof Value.Bool b) {
                    return b.value();
                }
                break;
            case NUMBER:
                if (value instanceof Value.Num n) {
                    BigDecimal d = n.value();
                    if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
                        try {
                            return d.longValueExact();
                        } catch (ArithmeticException tooBig) {
                            return d;
                        }
                    }
                    return d;
                }
                break;
            case DATE:
                if (value instanceof Value.Date d) {
                    return d.value();
                }
                break;
            case DATETIME:
                if (value instanceof Value.DateTime d) {
                    return d.value();
                }
                break;
            default:
                break;
        }
        throw typeError(field, value);
    }

    static boolean isId(String s) {
        if (s.length() != 15 && s.length() != 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private SoqlException typeError(BoundField field, Value value) {
        FieldType type = field.field().type();
        boolean quoted = type.isText() || type.isId();
        return resolver.error(
                "INVALID_FIELD",
                value.pos(),
                "value of filter criterion for field '" + field.field().name() + "' must be of type " + type.soapName()
                        + " and should " + (quoted ? "" : "not ") + "be enclosed in quotes");
    }

    private SoqlException invalidOperator(Pos pos, BoundField field, Operator op) {
        return resolver.error(
                "INVALID_QUERY_FILTER_OPERATOR",
                pos,
                "invalid operator on " + field.field().type().soapName() + " field: " + op.text());
    }

    private static String valueText(Value value) {
        if (value instanceof Value.Str s) {
            return "'" + s.raw() + "'";
        }
        if (value instanceof Value.Num n) {
            return n.text();
        }
        if (value instanceof Value.Bool b) {
            return String.valueOf(b.value());
        }
        if (value instanceof Value.Date d) {
            return d.text();
        }
        if (value instanceof Value.DateTime d) {
            return d.text();
        }
        if (value instanceof Value.DateFormula d) {
            return d.text();
        }
        return "null";
    }
}
