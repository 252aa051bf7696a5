package dev.warden.soql.ast;

/** Aggregate functions the evaluator computes. */
public enum AggregateFunction {
    COUNT,
    COUNT_DISTINCT,
    MIN,
    MAX,
    SUM,
    AVG
}
