package dev.warden.apex.lower;

/** A place in an Apex source: the class or trigger name, 1-based line and column (as Salesforce reports them). */
public record Pos(String unit, int line, int column) {
    @Override
    public String toString() {
        return unit + ": line " + line + ", column " + column;
    }
}
