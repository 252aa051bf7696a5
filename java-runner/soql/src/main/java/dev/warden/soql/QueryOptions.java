package dev.warden.soql;

import java.time.Clock;

/** How to run a query: the clock for date literals (TODAY, LAST_N_DAYS:n; UTC) and queryAll's deleted rows. */
public record QueryOptions(Clock clock, boolean includeDeleted) {
  public QueryOptions {
    clock = clock == null ? Clock.systemUTC() : clock;
  }

  public static QueryOptions defaults() {
    return new QueryOptions(Clock.systemUTC(), false);
  }

  public QueryOptions withIncludeDeleted(boolean include) {
    return new QueryOptions(clock, include);
  }
}
