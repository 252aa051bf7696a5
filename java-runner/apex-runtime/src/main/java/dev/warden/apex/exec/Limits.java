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

  public int queries;
  public int queryRows;
  public int dmlStatements;
  public int dmlRows;
  public int publishImmediateDml;
  public long cpuStartNanos = System.nanoTime();
  public long steps;
}
