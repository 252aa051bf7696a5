package dev.warden.soql.ast;

/** One ORDER BY key; {@code nullsFirst} null means Salesforce's default (first for ASC, last for DESC). */
public record OrderItem(FieldPath path, boolean descending, Boolean nullsFirst) {
  public boolean effectiveNullsFirst() {
    return nullsFirst != null ? nullsFirst : !descending;
  }
}
