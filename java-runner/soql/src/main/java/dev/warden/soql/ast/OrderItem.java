package dev.warden.soql.ast;

/**
 * One ORDER BY key: a field path, or in an aggregate query an aggregate {@code function} (then {@code path} is its
 * field). {@code nullsFirst} null means Salesforce's default (first for ASC, last for DESC).
 */
public record OrderItem(FieldPath path, boolean descending, Boolean nullsFirst, SelectItem.Aggregate function) {
    public OrderItem(FieldPath path, boolean descending, Boolean nullsFirst) {
        this(path, descending, nullsFirst, null);
    }

    public boolean effectiveNullsFirst() {
        return nullsFirst != null ? nullsFirst : !descending;
    }
}
