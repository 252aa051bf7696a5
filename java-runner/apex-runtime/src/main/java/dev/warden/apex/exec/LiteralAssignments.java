package dev.warden.apex.exec;

import dev.warden.apex.link.CompileError;
import dev.warden.apex.lower.Expr;
import dev.warden.apex.lower.Pos;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one static assignment check the compiler makes today: a literal declared into a variable or field of a scalar
 * type it cannot be assigned to ({@code Integer x = 'a';}) is Salesforce's compile error "Illegal assignment from
 * String to Integer". Only literals are checked, because their type is certain; other expressions are typed
 * dynamically here (docs/apex-runtime.md "Known semantic differences").
 */
final class LiteralAssignments {
    private static final Set<RType.Kind> NOT_FROM_LITERALS =
            EnumSet.of(RType.Kind.DATE, RType.Kind.DATETIME, RType.Kind.TIME, RType.Kind.BLOB);

    private LiteralAssignments() {}

    static void check(RType target, Expr init, Pos pos) {
        if (target == null || !(init instanceof Expr.Literal lit) || lit.value() == null) {
            return;
        }
        RType source = Compiler.literalType(lit.value());
        if (source != null && illegal(target.kind(), source.kind())) {
            throw new CompileError("Illegal assignment from " + source.name() + " to " + target.name(), pos);
        }
    }

    static boolean illegal(RType.Kind to, RType.Kind from) {
        if (to == from) {
            return false;
        }
        return switch (to) {
            case STRING, BOOLEAN -> true;
            case INTEGER -> from != RType.Kind.INTEGER;
            case LONG -> from != RType.Kind.INTEGER;
            case DECIMAL, DOUBLE -> from == RType.Kind.STRING || from == RType.Kind.BOOLEAN;
            default -> NOT_FROM_LITERALS.contains(to);
        };
    }
}
