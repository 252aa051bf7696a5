package dev.warden.runner.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Independent reads at once: each sees the other in flight, results keep their callers' order, failures wait. */
class ParallelTest {

    @Test
    void readsStartedTogetherAreInFlightAtTheSameTime() {
        // Each read waits until the other has started: one after the other, the first would never see the second.
        CountDownLatch bothStarted = new CountDownLatch(2);
        var a = Parallel.start(() -> meet(bothStarted, "a"));
        var b = Parallel.start(() -> meet(bothStarted, "b"));
        Parallel.awaitAll(List.of(a, b));
        assertEquals("a", Parallel.join(a));
        assertEquals("b", Parallel.join(b));
    }

    @Test
    void aFailureIsThrownAsItselfOnlyAfterEveryOtherReadHasFinished() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean slowFinished = new AtomicBoolean();
        SalesforceException refused = new SalesforceException("read A", 503, "SERVER_UNAVAILABLE", "try later");
        var failing = Parallel.<String>start(() -> {
            release.countDown();
            throw refused;
        });
        var slow = Parallel.start(() -> {
            await(release);
            slowFinished.set(true);
            return "b";
        });
        SalesforceException thrown =
                assertThrows(SalesforceException.class, () -> Parallel.awaitAll(List.of(failing, slow)));
        assertSame(refused, thrown);
        assertTrue(slowFinished.get(), "the other read finished before the failure was thrown");
    }

    @Test
    void theFirstFailureInTheCallersOrderWins() {
        var first = Parallel.<String>start(() -> {
            throw new SalesforceException("first", 500, "UNKNOWN_EXCEPTION", "one");
        });
        var second = Parallel.<String>start(() -> {
            throw new SalesforceException("second", 500, "UNKNOWN_EXCEPTION", "two");
        });
        SalesforceException thrown =
                assertThrows(SalesforceException.class, () -> Parallel.awaitAll(List.of(first, second)));
        assertTrue(thrown.getMessage().contains("one"), thrown.getMessage());
    }

    private static String meet(CountDownLatch latch, String value) {
        latch.countDown();
        await(latch);
        return value;
    }

    private static void await(CountDownLatch latch) {
        try {
            // A generous bound so a broken implementation fails instead of hanging the build; never a timing assertion.
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the other read never started: the reads ran one after the other");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
