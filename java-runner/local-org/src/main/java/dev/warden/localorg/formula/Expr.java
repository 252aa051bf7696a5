package dev.warden.localorg.formula;

import java.util.List;

/** The syntax tree {@link FormulaParser} builds. */
sealed interface Expr {
    /** A text, number, TRUE/FALSE or NULL literal; value is String, BigDecimal, Boolean or null. */
    record Literal(Object value, FormulaType type) implements Expr {}

    /** A field reference as written: {@code Amount__c}, {@code Parent__r.Name}, {@code $User.Id}. */
    record Field(String path) implements Expr {}

    record Unary(String operator, Expr operand) implements Expr {}

    record Binary(String operator, Expr left, Expr right) implements Expr {}

    /** A function call; the name is upper-cased (formula function names are case-insensitive). */
    record Call(String function, List<Expr> arguments) implements Expr {}
}
