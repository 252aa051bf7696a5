package dev.warden.apex.exec;

import dev.warden.apex.value.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Apex arithmetic: Integer op Integer stays Integer (32-bit, wrapping on overflow), Long widens, Decimal and Double
 * win over integers; {@code +} with a String concatenates (null reads "null"); Date/Datetime plus days.
 */
public final class Arithmetic {
    private Arithmetic() {}

    public static Object add(Frame f, Object a, Object b) {
        if (a instanceof String || b instanceof String) {
            return text(f, a) + text(f, b);
        }
        if (a == null || b == null) {
            throw Errors.npe(f);
        }
        if (a instanceof LocalDate d && Values.isNumber(b)) {
            return d.plusDays(((Number) b).longValue());
        }
        if (a instanceof Instant d && Values.isNumber(b)) {
            return d.plusMillis(
                    Values.decimal(b).multiply(BigDecimal.valueOf(86_400_000L)).longValue());
        }
        return numeric(f, '+', a, b);
    }

    /** Text of a value, calling a class's own toString() when it declares one. */
    public static String text(Frame f, Object v) {
        if (v instanceof dev.warden.apex.value.ApexObject o && !o.type.platform) {
            dev.warden.apex.link.MethodInfo m = Invoker.virtualTarget(f, o, "toString", 0, new Object[0]);
            if (m != null) {
                return Values.text(Invoker.invoke(f, m, o, new Object[0]));
            }
        }
        return Values.text(v);
    }

    public static Object numeric(Frame f, char op, Object a, Object b) {
        if (a == null || b == null) {
            throw Errors.npe(f);
        }
        if (op == '-' && a instanceof LocalDate d && Values.isNumber(b)) {
            return d.minusDays(((Number) b).longValue());
        }
        if (!Values.isNumber(a) || !Values.isNumber(b)) {
            throw Errors.unsupported("operator " + op + " on " + Values.typeName(a) + " and " + Values.typeName(b), f);
        }
        if (a instanceof Integer x && b instanceof Integer y) {
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                default -> {
                    if (y == 0) {
                        throw Errors.apex(f, "MathException", "Divide by 0");
                    }
                    yield x / y;
                }
            };
        }
        if ((a instanceof Integer || a instanceof Long) && (b instanceof Integer || b instanceof Long)) {
            long x = ((Number) a).longValue();
            long y = ((Number) b).longValue();
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                default -> {
                    if (y == 0) {
                        throw Errors.apex(f, "MathException", "Divide by 0");
                    }
                    yield x / y;
                }
            };
        }
        if (a instanceof Double || b instanceof Double) {
            if (!(a instanceof BigDecimal) && !(b instanceof BigDecimal)) {
                double x = ((Number) a).doubleValue();
                double y = ((Number) b).doubleValue();
                return switch (op) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    default -> x / y;
                };
            }
        }
        // UNCONFIRMED: Decimal with Double yields Decimal here
        BigDecimal x = Values.decimal(a);
        BigDecimal y = Values.decimal(b);
        return switch (op) {
            case '+' -> x.add(y);
            case '-' -> x.subtract(y);
            case '*' -> x.multiply(y);
            default -> {
                if (y.signum() == 0) {
                    throw Errors.apex(f, "MathException", "Divide by 0");
                }
                yield Values.divide(x, y);
            }
        };
    }
}
