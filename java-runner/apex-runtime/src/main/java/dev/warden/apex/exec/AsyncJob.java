package dev.warden.apex.exec;

import java.util.function.Consumer;

/**
 * One piece of async Apex queued by a transaction (a {@code @future} call or {@code System.enqueueJob}): run by
 * Test.stopTest inside a test, else by the host after the enqueuing transaction commits (never after a rollback),
 * in a transaction of its own. {@code body} runs the work in the transaction it is given.
 */
public record AsyncJob(String kind, String name, String jobId, String userId, Consumer<Transaction> body) {}
