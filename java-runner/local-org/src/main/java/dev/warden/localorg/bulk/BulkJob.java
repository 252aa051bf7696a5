package dev.warden.localorg.bulk;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.setup.Org;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What ingest and query jobs share: identity, owner, CSV options, the state and its counters. */
abstract class BulkJob {
    final String id;
    final Org org;
    final String userId;
    final String object;
    final String delimiterName;
    final char delimiter;
    final String lineEndingName;
    final String lineEnding;
    final String apiVersion;
    final Instant createdDate;
    Instant modstamp;
    String state;
    String errorMessage;
    int processed;
    int failures;
    long processingMillis;

    BulkJob(
            String id,
            Org org,
            String userId,
            String object,
            String delimiterName,
            String lineEndingName,
            String apiVersion,
            Instant now,
            String state) {
        this.id = id;
        this.org = org;
        this.userId = userId;
        this.object = object;
        this.delimiterName = delimiterName == null ? "COMMA" : delimiterName.toUpperCase(java.util.Locale.ROOT);
        Character d = Csv.delimiter(this.delimiterName);
        if (d == null) {
            throw new OrgException(
                    "INVALIDJOB",
                    "Invalid columnDelimiter: " + delimiterName + " (BACKQUOTE, CARET, COMMA, PIPE, SEMICOLON or TAB)");
        }
        this.delimiter = d;
        this.lineEndingName = lineEndingName == null ? "LF" : lineEndingName.toUpperCase(java.util.Locale.ROOT);
        if (!List.of("LF", "CRLF").contains(this.lineEndingName)) {
            throw new OrgException("INVALIDJOB", "Invalid lineEnding: " + lineEndingName + " (LF or CRLF)");
        }
        this.lineEnding = Csv.lineEnding(this.lineEndingName);
        this.apiVersion = apiVersion;
        this.createdDate = now;
        this.modstamp = now;
        this.state = state;
    }

    /** Runs the job on the worker thread. */
    abstract void run();

    /** UploadComplete (ingest) — query jobs are queued at creation. */
    abstract void close();

    abstract Map<String, Object> info();

    synchronized String state() {
        return state;
    }

    /** True once the job reached JobComplete, Failed or Aborted. */
    synchronized boolean finished() {
        return state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted");
    }

    synchronized void abort() {
        if (finished()) {
            throw new OrgException(
                    "INVALIDJOBSTATE", "Job " + id + " can't be aborted: its state is " + state, List.of(), 409);
        }
        state = "Aborted";
        touch();
        notifyAll();
    }

    synchronized void finish(String outcome, String message, long startedNanos) {
        processingMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        if (!"Aborted".equals(state)) {
            state = outcome;
            errorMessage = message;
        }
        touch();
        notifyAll();
    }

    /** Waits up to {@code millis} for an outcome (used to give a just-queued small job a head start). */
    synchronized void awaitFinished(long millis) {
        long end = System.currentTimeMillis() + millis;
        try {
            while (!finished()) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void touch() {
        modstamp = Instant.now();
    }

    Map<String, Object> base(String jobType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", object);
        m.put("createdById", userId);
        m.put("createdDate", dev.warden.localorg.data.Values.DATETIME.format(createdDate));
        m.put("systemModstamp", dev.warden.localorg.data.Values.DATETIME.format(modstamp));
        m.put("state", state);
        m.put("concurrencyMode", "Parallel");
        m.put("contentType", "CSV");
        m.put("apiVersion", Double.parseDouble(apiVersion));
        m.put("jobType", jobType);
        m.put("lineEnding", lineEndingName);
        m.put("columnDelimiter", delimiterName);
        m.put("numberRecordsProcessed", processed);
        m.put("retries", 0);
        m.put("totalProcessingTime", processingMillis);
        m.put("apiActiveProcessingTime", processingMillis);
        if (errorMessage != null) {
            m.put("errorMessage", errorMessage);
        }
        return m;
    }
}
