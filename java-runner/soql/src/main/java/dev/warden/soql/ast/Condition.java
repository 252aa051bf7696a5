package dev.warden.soql.ast;

import java.util.List;

/** A WHERE expression. */
public sealed interface Condition {
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {}

    /** {@code COUNT(Id) > 1} in HAVING. */
    record AggregateComparison(SelectItem.Aggregate function, Operator op, Value value, Pos pos) implements Condition {}

    /** {@code field op value}; {@code value} is a list for IN/NOT IN/INCLUDES/EXCLUDES, a subquery for a semi-join. */
    record Comparison(FieldPath field, Operator op, Value value, Pos pos) implements Condition {}
}
