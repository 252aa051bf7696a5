package dev.warden.runner.salesforce;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Independent reads sent at once: at 100-300 ms a round trip, reads that do not need each other's answers cost the
 * slowest one, not the sum. Each call keeps its own retries (the calls it runs go through the {@link RetryPolicy});
 * {@link #awaitAll} waits for every call before anything is thrown, so no read outlives the step that started it, and
 * then gives the first failure in the callers' order (a failed read is never taken as "absent").
 */
public final class Parallel {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "warden-parallel");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {}

    /** Starts a call on its own thread. */
    public static <T> CompletableFuture<T> start(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, POOL);
    }

    /** Waits until every call has finished; then throws the first failure in the order given, as the call threw it. */
    public static void awaitAll(List<? extends CompletableFuture<?>> calls) {
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException ignored) {
            // every call has finished; the first failure in order is thrown below
        }
        calls.forEach(Parallel::join);
    }

    /** A finished call's result, or its own exception (unwrapped). */
    public static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
