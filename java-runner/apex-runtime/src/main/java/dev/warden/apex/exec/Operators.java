package dev.warden.apex.exec;

import dev.warden.apex.lib.InstanceMethods;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.Values;
import java.util.List;

/** Unary and binary operators. */
final class Operators {
    private Operators() {}

    static C unary(Compiler c, Expr.Unary u) {
        C v = c.value(u.operand());
        Ev e = v.ev();
        return switch (u.op()) {
            case "!" -> new C(f -> !Compiler.truth(f, e.eval(f)), RType.BOOLEAN_T);
            case "-" -> new C(f -> Arithmetic.numeric(f, '-', 0, e.eval(f)), v.type());
            case "+" -> v;
            default ->
                new C(
                        f -> {
                            Object o = e.eval(f);
                            if (o == null) {
                                throw Errors.npe(f);
                            }
                            return o instanceof Integer i ? (Object) ~i : (Object) ~((Long) o);
                        },
                        v.type());
        };
    }

    static C binary(Compiler c, Expr.Binary b) {
        C l = c.value(b.left());
        C r = c.value(b.right());
        Ev a = l.ev();
        Ev z = r.ev();
        switch (b.op()) {
            case "&&":
                return new C(f -> Compiler.truth(f, a.eval(f)) && Compiler.truth(f, z.eval(f)), RType.BOOLEAN_T);
            case "||":
                return new C(f -> Compiler.truth(f, a.eval(f)) || Compiler.truth(f, z.eval(f)), RType.BOOLEAN_T);
            case "??":
                return new C(
                        f -> {
                            Object x = a.eval(f);
                            return x != null ? x : z.eval(f);
                        },
                        l.type());
            case "+":
                return new C(f -> Arithmetic.add(f, a.eval(f), z.eval(f)), plusType(l.type(), r.type()));
            case "-":
            case "*":
            case "/": {
                char op = b.op().charAt(0);
                return new C(f -> Arithmetic.numeric(f, op, a.eval(f), z.eval(f)), plusType(l.type(), r.type()));
            }
            case "==":
                return new C(f -> equal(f, a.eval(f), z.eval(f)), RType.BOOLEAN_T);
            case "!=":
                return new C(f -> !equal(f, a.eval(f), z.eval(f)), RType.BOOLEAN_T);
            case "===":
                return new C(f -> same(a.eval(f), z.eval(f)), RType.BOOLEAN_T);
            case "!==":
                return new C(f -> !same(a.eval(f), z.eval(f)), RType.BOOLEAN_T);
            case "<":
            case ">":
            case "<=":
            case ">=": {
                String op = b.op();
                return new C(f -> compare(f, op, a.eval(f), z.eval(f)), RType.BOOLEAN_T);
            }
            case "&":
            case "|":
            case "^":
            case "<<":
            case ">>":
            case ">>>": {
                String op = b.op();
                return new C(f -> bits(f, op, a.eval(f), z.eval(f)), l.type());
            }
            default:
                throw new UnsupportedFeature("operator " + b.op(), b.pos());
        }
    }

    private static RType plusType(RType a, RType b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.kind() == RType.Kind.STRING || b.kind() == RType.Kind.STRING) {
            return RType.STRING_T;
        }
        if (a.kind() == RType.Kind.INTEGER && b.kind() == RType.Kind.INTEGER) {
            return RType.INTEGER_T;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return a.kind() == RType.Kind.DECIMAL || b.kind() == RType.Kind.DECIMAL
                    ? RType.DECIMAL_T
                    : a.kind() == RType.Kind.DOUBLE || b.kind() == RType.Kind.DOUBLE ? RType.DOUBLE_T : RType.LONG_T;
        }
        return a;
    }

    /** Apex {@code ==}, calling a class's own equals(Object) when it has one. */
    static boolean equal(Frame f, Object x, Object y) {
        if (x instanceof ApexObject o && !o.type.platform && y != null) {
            var ms = o.type.findMethods("equals");
            if (!ms.isEmpty()) {
                return Compiler.truth(f, InstanceMethods.call(f, x, "equals", List.of(y)));
            }
        }
        return Values.apexEquals(x, y);
    }

    private static boolean same(Object x, Object y) {
        if (x instanceof ApexObject
                || x instanceof dev.warden.apex.value.ApexList
                || x instanceof dev.warden.apex.value.SObjectValue) {
            return x == y;
        }
        return Values.apexEquals(x, y) && (x == null || y == null || !(x instanceof String) || x.equals(y));
    }

    private static boolean compare(Frame f, String op, Object x, Object y) {
        if (x == null || y == null) {
            // UNCONFIRMED: Apex answers false for an ordering comparison with null rather than throwing
            return false;
        }
        int c;
        try {
            c = Values.compare(x, y);
        } catch (IllegalArgumentException e) {
            throw Errors.unsupported(e.getMessage(), f);
        }
        return switch (op) {
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }

    private static Object bits(Frame f, String op, Object x, Object y) {
        if (x == null || y == null) {
            throw Errors.npe(f);
        }
        if (x instanceof Boolean p && y instanceof Boolean q) {
            return switch (op) {
                case "&" -> p & q;
                case "|" -> p | q;
                default -> p ^ q;
            };
        }
        if (x instanceof Integer p && y instanceof Integer q) {
            return switch (op) {
                case "&" -> p & q;
                case "|" -> p | q;
                case "^" -> p ^ q;
                case "<<" -> p << q;
                case ">>" -> p >> q;
                default -> p >>> q;
            };
        }
        long p = ((Number) x).longValue();
        long q = ((Number) y).longValue();
        return switch (op) {
            case "&" -> p & q;
            case "|" -> p | q;
            case "^" -> p ^ q;
            case "<<" -> p << q;
            case ">>" -> p >> q;
            default -> p >>> q;
        };
    }
}
