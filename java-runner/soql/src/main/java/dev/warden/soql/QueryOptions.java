package dev.warden.soql;

import dev.warden.soql.ast.Value;
import java.time.Clock;
import java.util.function.Function;

/**
 * How to run a query: the clock for date literals (TODAY, LAST_N_DAYS:n; UTC), queryAll's deleted rows, and for
 * Apex's inline SOQL the values of its binds (null elsewhere: the REST API has no binds).
 */
public record QueryOptions(Clock clock, boolean includeDeleted, Function<Value.Bind, Object> binds) {
    public QueryOptions {
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public QueryOptions(Clock clock, boolean includeDeleted) {
        this(clock, includeDeleted, null);
    }

    /**
     * Bind values by bind: String, Boolean, Number, LocalDate, Instant, null, or a Collection of those for IN.
     */
    public QueryOptions withBinds(Function<Value.Bind, Object> resolver) {
        return new QueryOptions(clock, includeDeleted, resolver);
    }

    public static QueryOptions defaults() {
        return new QueryOptions(Clock.systemUTC(), false);
    }

    public QueryOptions withIncludeDeleted(boolean include) {
        return new QueryOptions(clock, include, binds);
    }
}
