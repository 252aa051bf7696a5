package dev.warden.soql.ast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A literal on the right of a WHERE comparison. */
public sealed interface Value {
    Pos pos();

    record Null(Pos pos) implements Value {}

    record Bool(boolean value, Pos pos) implements Value {}

    record Num(BigDecimal value, String text, Pos pos) implements Value {}

    /**
     * A quoted string: {@code value} with escapes decoded; {@code raw} is the text between the quotes, kept because
     * LIKE gives {@code \%} and {@code \_} their own meaning.
     */
    record Str(String value, String raw, Pos pos) implements Value {}

    record Date(LocalDate value, String text, Pos pos) implements Value {}

    record DateTime(Instant value, String text, Pos pos) implements Value {}

    /** TODAY, LAST_N_DAYS:n, THIS_MONTH, ... ({@code n} is 0 for literals without one). */
    record DateFormula(DateFormulaKind kind, int n, String text, Pos pos) implements Value {}

    record ValueList(List<Value> values, Pos pos) implements Value {
        public ValueList {
            values = List.copyOf(values);
        }
    }

    /**
     * An Apex bind ({@code :expr}) in inline SOQL: the {@code index}-th bind expression of the query in source order;
     * its value comes from the caller's resolver at execution ({@link dev.warden.soql.QueryOptions#binds()}).
     */
    record Bind(int index, String text, Pos pos) implements Value {
        /**
         * A resolver's answer when the value is not known yet (checking a query when Apex is compiled): an empty list
         * for IN/NOT IN, a match-all pattern for LIKE, null otherwise.
         */
        public static final Object UNKNOWN = new Object();
    }

    /** {@code (SELECT f FROM ...)} on the right of IN / NOT IN. */
    record SubQuery(Query query, Pos pos) implements Value {}
}
