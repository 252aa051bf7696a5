package dev.warden.apex.exec;

/**
 * Governor limit counters of one limit context (a transaction, or the fresh context between Test.startTest and
 * stopTest). Synchronous limits: 100 SOQL, 50,000 rows, 150 DML statements, 10,000 DML rows, 10 s CPU.
 */
public final class Limits {
    public static final int QUERIES = 100;
    public static final int QUERY_ROWS = 50_000;
    public static final int DML_STATEMENTS = 150;
    public static final int DML_ROWS = 10_000;
    public static final long CPU_MILLIS = 10_000;

    /** Async Apex (queueable, future) limits: 200 SOQL, 60 s CPU; the rest as synchronous. */
    public static final int ASYNC_QUERIES = 200;

    public static final long ASYNC_CPU_MILLIS = 60_000;

    /** The SOQL limit of this context: {@link #QUERIES}, or {@link #ASYNC_QUERIES} in async Apex. */
    public int maxQueries = QUERIES;

    /** A fresh context with async Apex's limits. */
    public static Limits async() {
        Limits l = new Limits();
        l.maxQueries = ASYNC_QUERIES;
        return l;
    }

    public int queries;
    public int queryRows;
    public int dmlStatements;
    public int dmlRows;
    public int publishImmediateDml;
    public long cpuStartNanos = System.nanoTime();
    public long steps;
}
