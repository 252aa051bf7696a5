package dev.warden.localorg.query;

import dev.warden.localorg.data.OrgException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Salesforce's limits on one SOQL query, applied at the query endpoints before the query is parsed, so a hostile or
 * runaway query cannot tie the org up (one 10 KB query of nested parentheses kept the parser busy for minutes):
 * <ul>
 *   <li>length: at most 100,000 characters (Salesforce's documented SOQL statement limit; the error wording is
 *       UNCONFIRMED);</li>
 *   <li>nesting: at most {@value #MAX_NESTING} levels of parentheses, else {@code QUERY_TOO_COMPLICATED} (the code
 *       exists in Salesforce; the depth at which it is raised is UNCONFIRMED: chosen so parsing stays under a second);</li>
 *   <li>time: a query that runs longer than the limit answers {@code QUERY_TIMEOUT} ("Your query request was running
 *       for too long.", Salesforce's wording) — 120 s as for the REST API, settable for tests.</li>
 * </ul>
 */
public final class QueryLimits {
    public static final int MAX_LENGTH = 100_000;
    public static final int MAX_NESTING = 50;
    private static volatile Duration timeLimit = Duration.ofSeconds(120);
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-org-query");
        t.setDaemon(true);
        return t;
    });

    private QueryLimits() {}

    /** Tests shorten the time limit; null restores Salesforce's 120 s. */
    public static void timeLimit(Duration limit) {
        timeLimit = limit == null ? Duration.ofSeconds(120) : limit;
    }

    /** Refuses a query over the length or nesting limit, before it is parsed. */
    public static void check(String soql) {
        if (soql.length() > MAX_LENGTH) {
            throw new OrgException(
                    "MALFORMED_QUERY",
                    "SOQL statements cannot be longer than 100,000 characters: this one has " + soql.length());
        }
        int depth = 0;
        int max = 0;
        boolean quoted = false;
        for (int i = 0; i < soql.length(); i++) {
            char c = soql.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        if (max > MAX_NESTING) {
            throw new OrgException(
                    "QUERY_TOO_COMPLICATED",
                    "Query is either selecting too many fields or the filter conditions are" + " very complicated. ("
                            + max + " levels of parentheses; the local org allows " + MAX_NESTING + ")");
        }
    }

    /** Checks, then runs the query with the time limit. */
    public static <T> T run(String soql, Supplier<T> query) {
        check(soql);
        Duration limit = timeLimit;
        long began = System.nanoTime();
        Future<T> f = RUNNER.submit(query::get);
        try {
            T result = f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            // A query that finished before get() looked is still over the limit when it ran at least that long (the
            // limit is on elapsed time, not on whether this thread had to wait).
            if (System.nanoTime() - began >= limit.toNanos()) {
                throw new TimeoutException();
            }
            return result;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new OrgException("QUERY_TIMEOUT", "Your query request was running for too long.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new OrgException("QUERY_TIMEOUT", "Your query request was running for too long.");
        }
    }
}
