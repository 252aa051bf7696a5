package dev.warden.localorg.formula;

import static dev.warden.localorg.formula.FormulaType.CHECKBOX;
import static dev.warden.localorg.formula.FormulaType.DATE;
import static dev.warden.localorg.formula.FormulaType.DATETIME;
import static dev.warden.localorg.formula.FormulaType.NUMBER;
import static dev.warden.localorg.formula.FormulaType.TEXT;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Type-checks a syntax tree and turns it into {@link Node}s. Operator typing follows the formula operator reference:
 * {@code + -} on numbers, date/datetime plus or minus a number of days, date minus date (days); {@code &} and
 * {@code +} join text; comparisons need operands of one type. Error wordings other than "Field X does not exist.
 * Check spelling." and the parameter count/type messages are UNCONFIRMED.
 */
final class FormulaCompiler {
    static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    private final FormulaFields fields;
    private final boolean blankAsZero;

    FormulaCompiler(FormulaFields fields, boolean blankAsZero) {
        this.fields = fields;
        this.blankAsZero = blankAsZero;
    }

    Node compile(Expr e) {
        if (e instanceof Expr.Literal l) {
            Object v = l.value();
            return new Node(l.type(), in -> v);
        }
        if (e instanceof Expr.Field f) {
            return field(f.path());
        }
        if (e instanceof Expr.Unary u) {
            Node operand = plain(compile(u.operand()));
            if (u.operator().equals("!")) {
                requireOperand("!", operand, CHECKBOX);
                return new Node(CHECKBOX, in -> operand.eval(in) == null ? null : !truth(operand.eval(in)));
            }
            requireOperand("-", operand, NUMBER);
            return new Node(NUMBER, in -> {
                BigDecimal d = (BigDecimal) operand.eval(in);
                return d == null ? null : d.negate();
            });
        }
        if (e instanceof Expr.Binary b) {
            return binary(b.operator(), plain(compile(b.left())), plain(compile(b.right())));
        }
        Expr.Call c = (Expr.Call) e;
        List<Node> args = new ArrayList<>();
        for (Expr a : c.arguments()) {
            args.add(compile(a));
        }
        return FormulaFunctions.call(c.function(), args);
    }

    private Node field(String path) {
        if (path.startsWith("$")) {
            throw FormulaException.unsupported("the global variable " + path);
        }
        FormulaType t = fields.typeOf(path);
        if (t == null) {
            throw new FormulaException("Field " + path + " does not exist. Check spelling.");
        }
        if (t == NUMBER && blankAsZero) {
            return new Node(NUMBER, in -> {
                Object v = in.value(path);
                return v == null ? BigDecimal.ZERO : v;
            });
        }
        if (t == CHECKBOX) {
            return new Node(CHECKBOX, in -> Boolean.TRUE.equals(in.value(path)));
        }
        return new Node(
                t, in -> in.value(path), t == FormulaType.PICKLIST || t == FormulaType.MULTIPICKLIST ? path : null);
    }

    /** Refuses a picklist field where only a plain value may stand (operators, most functions). */
    static Node plain(Node n) {
        if (n.picklistField() != null) {
            throw picklistMisuse(n.picklistField());
        }
        return n;
    }

    static FormulaException picklistMisuse(String field) {
        return new FormulaException("Field " + field + " is a picklist field. Picklist fields are only supported in"
                + " certain functions.");
    }

    private static void requireOperand(String op, Node n, FormulaType... allowed) {
        for (FormulaType t : allowed) {
            if (t.accepts(n.type())) {
                return;
            }
        }
        throw new FormulaException("Incorrect parameter type for operator '" + op + "'. Expected " + allowed[0].label()
                + ", received " + n.type().label());
    }

    private Node binary(String op, Node l, Node r) {
        FormulaType lt = l.type();
        FormulaType rt = r.type();
        switch (op) {
            case "&&", "||": {
                requireOperand(op, l, CHECKBOX);
                requireOperand(op, r, CHECKBOX);
                boolean and = op.equals("&&");
                return new Node(
                        CHECKBOX,
                        in -> and ? truth(l.eval(in)) && truth(r.eval(in)) : truth(l.eval(in)) || truth(r.eval(in)));
            }
            case "&": {
                requireOperand(op, l, TEXT);
                requireOperand(op, r, TEXT);
                return new Node(TEXT, in -> text(l.eval(in)) + text(r.eval(in)));
            }
            case "+": {
                if (lt == TEXT && TEXT.accepts(rt) || rt == TEXT && TEXT.accepts(lt)) {
                    return new Node(TEXT, in -> text(l.eval(in)) + text(r.eval(in)));
                }
                if ((lt == DATE || lt == DATETIME) && NUMBER.accepts(rt)) {
                    return new Node(lt, in -> plusDays(l.eval(in), (BigDecimal) r.eval(in)));
                }
                if (lt == NUMBER && (rt == DATE || rt == DATETIME)) {
                    return new Node(rt, in -> plusDays(r.eval(in), (BigDecimal) l.eval(in)));
                }
                return arithmetic(op, l, r);
            }
            case "-": {
                if ((lt == DATE || lt == DATETIME) && rt == lt) {
                    return new Node(NUMBER, in -> daysBetween(r.eval(in), l.eval(in)));
                }
                if ((lt == DATE || lt == DATETIME) && NUMBER.accepts(rt)) {
                    return new Node(lt, in -> {
                        BigDecimal d = (BigDecimal) r.eval(in);
                        return plusDays(l.eval(in), d == null ? null : d.negate());
                    });
                }
                return arithmetic(op, l, r);
            }
            case "*", "/", "^":
                return arithmetic(op, l, r);
            default:
                return comparison(op, l, r);
        }
    }

    private static Node arithmetic(String op, Node l, Node r) {
        if (!NUMBER.accepts(l.type()) || !NUMBER.accepts(r.type())) {
            FormulaType wrong = NUMBER.accepts(l.type()) ? r.type() : l.type();
            throw new FormulaException(
                    "Incorrect parameter type for operator '" + op + "'. Expected Number, received " + wrong.label());
        }
        return new Node(NUMBER, in -> {
            BigDecimal a = (BigDecimal) l.eval(in);
            BigDecimal b = (BigDecimal) r.eval(in);
            if (a == null || b == null) {
                return null;
            }
            return switch (op) {
                case "+" -> a.add(b, MATH);
                case "-" -> a.subtract(b, MATH);
                case "*" -> a.multiply(b, MATH);
                case "/" -> a.divide(b, MATH);
                default -> power(a, b);
            };
        });
    }

    static BigDecimal power(BigDecimal a, BigDecimal b) {
        if (b.stripTrailingZeros().scale() <= 0 && b.abs().compareTo(BigDecimal.valueOf(999)) <= 0) {
            int n = b.intValueExact();
            return n >= 0 ? a.pow(n, MATH) : BigDecimal.ONE.divide(a.pow(-n, MATH), MATH);
        }
        return new BigDecimal(Math.pow(a.doubleValue(), b.doubleValue()), MATH);
    }

    private static Node comparison(String op, Node l, Node r) {
        FormulaType lt = l.type();
        FormulaType rt = r.type();
        if (!lt.accepts(rt)) {
            throw new FormulaException("Incorrect parameter type for operator '" + op + "'. Expected " + lt.label()
                    + ", received " + rt.label());
        }
        boolean text = lt == TEXT || rt == TEXT;
        return new Node(CHECKBOX, in -> {
            Object a = l.eval(in);
            Object b = r.eval(in);
            if (text) {
                // Text compares case-sensitively; a blank text equals "".
                a = text(a);
                b = text(b);
            }
            if (op.equals("=")) {
                return equal(a, b);
            }
            if (op.equals("<>")) {
                return !equal(a, b);
            }
            if (a == null || b == null) {
                return false;
            }
            int c = compare(a, b);
            return switch (op) {
                case "<" -> c < 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                default -> c >= 0;
            };
        });
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    static boolean truth(Object v) {
        return Boolean.TRUE.equals(v);
    }

    static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static Object plusDays(Object date, BigDecimal days) {
        if (date == null || days == null) {
            return null;
        }
        if (date instanceof LocalDate d) {
            return d.plusDays(days.setScale(0, RoundingMode.DOWN).longValueExact());
        }
        return ((Instant) date)
                .plusMillis(days.multiply(MILLIS_PER_DAY)
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValue());
    }

    private static BigDecimal daysBetween(Object from, Object to) {
        if (from == null || to == null) {
            return null;
        }
        if (from instanceof LocalDate a) {
            return BigDecimal.valueOf(ChronoUnit.DAYS.between(a, (LocalDate) to));
        }
        long millis = ChronoUnit.MILLIS.between((Instant) from, (Instant) to);
        return BigDecimal.valueOf(millis).divide(MILLIS_PER_DAY, MATH);
    }
}
