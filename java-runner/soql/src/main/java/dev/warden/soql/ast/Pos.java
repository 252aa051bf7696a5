package dev.warden.soql.ast;

/** A place in the query text: 1-based row and column, as Salesforce reports them. */
public record Pos(int row, int column) {}
