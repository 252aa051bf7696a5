package dev.warden.soql.ast;

/** Comparison operators of a WHERE condition. */
public enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    LIKE("LIKE"),
    IN("IN"),
    NOT_IN("NOT IN"),
    INCLUDES("INCLUDES"),
    EXCLUDES("EXCLUDES");

    private final String text;

    Operator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
