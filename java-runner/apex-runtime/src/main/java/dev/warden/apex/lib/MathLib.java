package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.Values;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

/** Math statics. */
final class MathLib implements Builtin {
    @Override
    public String name() {
        return "Math";
    }

    @Override
    public Set<String> statics() {
        return Set.of("mod", "abs", "max", "min", "floor", "ceil", "round", "roundtolong", "random", "pow", "sqrt");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        for (Object o : a) {
            if (o == null) {
                throw Errors.npe(f);
            }
        }
        switch (m) {
            case "mod": {
                if (a.get(0) instanceof Integer x && a.get(1) instanceof Integer y) {
                    if (y == 0) {
                        throw Errors.apex(f, "MathException", "Divide by 0");
                    }
                    return x % y;
                }
                long y = ((Number) a.get(1)).longValue();
                if (y == 0) {
                    throw Errors.apex(f, "MathException", "Divide by 0");
                }
                return ((Number) a.get(0)).longValue() % y;
            }
            case "abs":
                return a.get(0) instanceof Integer i
                        ? (Object) Math.abs(i)
                        : a.get(0) instanceof Long l
                                ? (Object) Math.abs(l)
                                : a.get(0) instanceof Double d
                                        ? (Object) Math.abs(d)
                                        : Values.decimal(a.get(0)).abs();
            case "max":
                return Values.compare(a.get(0), a.get(1)) >= 0 ? a.get(0) : a.get(1);
            case "min":
                return Values.compare(a.get(0), a.get(1)) <= 0 ? a.get(0) : a.get(1);
            case "floor":
                return Values.decimal(a.get(0)).setScale(0, RoundingMode.FLOOR);
            case "ceil":
                return Values.decimal(a.get(0)).setScale(0, RoundingMode.CEILING);
            case "round":
                return Values.decimal(a.get(0))
                        .setScale(0, RoundingMode.HALF_EVEN)
                        .intValue();
            case "roundtolong":
                return Values.decimal(a.get(0))
                        .setScale(0, RoundingMode.HALF_EVEN)
                        .longValue();
            case "random":
                return Math.random();
            case "pow":
                return Math.pow(((Number) a.get(0)).doubleValue(), ((Number) a.get(1)).doubleValue());
            case "sqrt":
                return Math.sqrt(((Number) a.get(0)).doubleValue());
            default:
                throw Args.noSuch(f, "Math", m, a);
        }
    }
}
