package dev.warden.runner.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.salesforce.RetryPolicy.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    final List<Duration> slept = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final CallCounter counter = new CallCounter();
    final RetryPolicy policy = new RetryPolicy(
            new RetryPolicy.Settings(4, Duration.ofMillis(100), Duration.ofMillis(1000)),
            counter,
            log::add,
            slept::add,
            new Random(7));

    static SalesforceException sf(int status, String code) {
        return new SalesforceException("read", status, code, "m");
    }

    @Test
    void transientAnswersAreRefusalsLostConnectionsAreLostEverythingElseIsPermanent() {
        for (int status : new int[] {502, 503, 504, 429}) {
            assertEquals(Kind.REFUSED, RetryPolicy.classify(status, null, null).kind(), "HTTP " + status);
        }
        for (String code : List.of("SERVER_UNAVAILABLE", "UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG")) {
            assertEquals(Kind.REFUSED, RetryPolicy.classify(400, code, null).kind(), code);
            assertEquals(Kind.REFUSED, RetryPolicy.classify(500, code, null).kind(), code + " as a SOAP fault");
        }
        assertEquals(
                Kind.LOST, RetryPolicy.classify(0, "CONNECTION_FAILED", null).kind());
        for (String code : List.of(
                "INVALID_SESSION_ID",
                "REQUEST_LIMIT_EXCEEDED",
                "DUPLICATE_VALUE",
                "INVALID_FIELD",
                "UNKNOWN_EXCEPTION")) {
            assertEquals(Kind.PERMANENT, RetryPolicy.classify(400, code, null).kind(), code);
        }
        assertEquals(
                Kind.PERMANENT,
                RetryPolicy.classify(500, "UNKNOWN_EXCEPTION", null).kind());
        assertEquals(
                Kind.PERMANENT, RetryPolicy.classify(0, "INTERRUPTED", null).kind());
    }

    @Test
    void aTransientFailureIsRetriedCountedAndLoggedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String out = policy.call("rest.query", "query users", false, () -> {
            if (calls.incrementAndGet() < 3) {
                throw sf(503, "SERVER_UNAVAILABLE");
            }
            return "ok";
        });
        assertEquals("ok", out);
        assertEquals(3, calls.get());
        assertEquals(2, counter.retries());
        assertEquals(2L, counter.snapshot().get("retry.rest.query"));
        assertEquals(2, log.size());
        assertTrue(log.get(0).startsWith("retry 1/3 of query users in "), log.get(0));
        assertTrue(log.get(0).endsWith("after read: SERVER_UNAVAILABLE: m"), log.get(0));
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        AtomicInteger calls = new AtomicInteger();
        SalesforceException e = sf(400, "INVALID_FIELD");
        assertSame(
                e,
                assertThrows(
                        SalesforceException.class,
                        () -> policy.call("rest.query", "q", true, () -> {
                            calls.incrementAndGet();
                            throw e;
                        })));
        assertEquals(1, calls.get());
        assertEquals(0, counter.retries());
        assertTrue(slept.isEmpty());
    }

    @Test
    void aLostAnswerIsRetriedOnlyForIdempotentCalls() {
        AtomicInteger reads = new AtomicInteger();
        assertEquals("ok", policy.call("rest.query", "q", true, () -> {
            if (reads.incrementAndGet() == 1) {
                throw sf(0, "CONNECTION_FAILED");
            }
            return "ok";
        }));
        AtomicInteger creates = new AtomicInteger();
        SalesforceException lost = sf(0, "CONNECTION_FAILED");
        assertSame(
                lost,
                assertThrows(
                        SalesforceException.class,
                        () -> policy.call("rest.sobjects", "create user", false, () -> {
                            creates.incrementAndGet();
                            throw lost;
                        })));
        assertEquals(1, creates.get(), "a create whose answer was lost is the caller's to reconcile");
        assertTrue(RetryPolicy.responseLost(lost));
    }

    @Test
    void attemptsAreCappedAndTheLastFailureIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(
                SalesforceException.class,
                () -> policy.call("soap.metadata.readMetadata", "read", true, () -> {
                    calls.incrementAndGet();
                    throw sf(500, "UNABLE_TO_LOCK_ROW");
                }));
        assertEquals(4, calls.get());
        assertEquals(3, slept.size());
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        for (int retry = 1; retry <= 8; retry++) {
            long full = Math.min(100L << (retry - 1), 1000);
            long d = policy.delay(retry, null).toMillis();
            assertTrue(
                    d >= full / 2 && d <= full,
                    "retry " + retry + ": " + d + " ms not in [" + full / 2 + ", " + full + "]");
        }
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoffAndBounded() {
        assertEquals(Duration.ofSeconds(3), policy.delay(1, RetryPolicy.retryAfter("3")));
        assertTrue(
                policy.delay(4, RetryPolicy.retryAfter("0")).toMillis() >= 400,
                "a shorter Retry-After does not shorten the backoff");
        assertEquals(Duration.ofMinutes(2), policy.delay(1, RetryPolicy.retryAfter("86400")));
        assertEquals(null, RetryPolicy.retryAfter("soon"));
        AtomicInteger calls = new AtomicInteger();
        policy.call("rest.query", "q", true, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new SalesforceException("q", 503, "HTTP_503", "busy", "2");
            }
            return 1;
        });
        assertEquals(List.of(Duration.ofSeconds(2)), slept);
    }
}
