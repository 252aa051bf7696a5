package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

/** Integer, Long, Decimal, Double: valueOf and the instance methods of numbers. */
final class NumberLib implements Builtin {
    private final String name;

    NumberLib(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> statics() {
        return Set.of("valueof");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        if (!m.equals("valueof")) {
            throw Args.noSuch(f, name, m, a);
        }
        Object v = a.get(0);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = v instanceof String s ? new BigDecimal(s.trim()) : Values.decimal(v);
            return switch (name) {
                case "Integer" -> d.intValueExact();
                case "Long" -> d.longValueExact();
                case "Double" -> d.doubleValue();
                default -> d;
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw Errors.apex(f, "TypeException", "Invalid " + name.toLowerCase(java.util.Locale.ROOT) + ": " + v);
        }
    }

    static Object instance(Frame f, Object n, String m, List<Object> a) {
        BigDecimal d = Values.decimal(n);
        switch (m) {
            case "intvalue":
                return d.intValue();
            case "longvalue":
                return d.longValue();
            case "doublevalue":
                return d.doubleValue();
            case "format":
                return Values.text(n);
            case "setscale":
                return d.setScale(Args.integer(f, a, 0), RoundingMode.HALF_UP);
            case "scale":
                return d.scale();
            case "abs":
                return n instanceof Integer i ? (Object) Math.abs(i) : d.abs();
            case "round":
                return d.setScale(0, RoundingMode.HALF_EVEN).longValue();
            case "tostring":
                return Values.text(n);
            case "stripTrailingZeros":
                return d.stripTrailingZeros();
            case "striptrailingzeros":
                return d.stripTrailingZeros();
            case "equals":
                return Values.apexEquals(n, a.get(0));
            case "hashcode":
                return n.hashCode();
            default:
                throw Args.noSuch(f, Values.typeName(n), m, a);
        }
    }
}
