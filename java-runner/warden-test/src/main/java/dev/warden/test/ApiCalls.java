package dev.warden.test;

import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * API calls made while a piece of test code ran. On the embedded org: what the org counted, by API (its request log:
 * {@code rest}, {@code soapPartner}, {@code soapMetadata}, {@code apexRest}; OAuth does not count, as on Salesforce),
 * whoever sent them (the test's clients, in-process warden runs, sf). On a real org: the calls this test JVM's
 * warden-test clients sent (records, files, Apex REST, every user), counted on the client side, total only; a real
 * org's daily counter also moves with its other integrations, so it is not used.
 */
public record ApiCalls(long total, Map<String, Long> byApi, boolean exact) {

    public long count(String api) {
        if (!exact) {
            throw new org.opentest4j.TestAbortedException(
                    "calls by API need the embedded org's request log; a real org only gives the total");
        }
        return byApi.getOrDefault(api, 0L);
    }

    public ApiCalls assertAtMost(long max) {
        if (total > max) {
            throw new AssertionFailedError(
                    "expected at most " + max + " API calls, the org counted " + total + (exact ? " " + byApi : ""),
                    max,
                    total);
        }
        return this;
    }

    public ApiCalls assertAtMost(String api, long max) {
        long n = count(api);
        if (n > max) {
            throw new AssertionFailedError(
                    "expected at most " + max + " " + api + " calls, the org counted " + n + " " + byApi, max, n);
        }
        return this;
    }

    @FunctionalInterface
    public interface Code {
        void run() throws Exception;
    }
}
