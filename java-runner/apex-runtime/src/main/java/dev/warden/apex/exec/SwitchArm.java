package dev.warden.apex.exec;

import dev.warden.apex.lower.Expr;
import dev.warden.apex.value.EnumValue;
import dev.warden.apex.value.Values;

/** The tests of {@code when} clauses: literal values and enum constants. */
final class SwitchArm {
    private SwitchArm() {}

    interface Test {
        boolean matches(Frame f, Object v);
    }

    static Test literal(Compiler c, Expr e) {
        if (e instanceof Expr.Literal l) {
            Object want = l.value();
            // UNCONFIRMED: String when-values compare case-sensitively here
            return (f, v) -> want == null
                    ? v == null
                    : v != null
                            && (want instanceof String s
                                    ? s.equals(
                                            v instanceof String || v instanceof dev.warden.apex.value.ApexId
                                                    ? v.toString()
                                                    : null)
                                    : Values.apexEquals(want, v));
        }
        String name = e instanceof Expr.Name n ? n.name() : ((Expr.Field) e).name();
        return (f, v) -> v instanceof EnumValue ev && ev.name().equalsIgnoreCase(name);
    }
}
