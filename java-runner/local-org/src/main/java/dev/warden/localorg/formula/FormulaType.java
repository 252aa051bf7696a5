package dev.warden.localorg.formula;

/** The static type of a formula expression (the formula editor's data types). */
public enum FormulaType {
    TEXT("Text"),
    NUMBER("Number"),
    CHECKBOX("Boolean"),
    DATE("Date"),
    DATETIME("DateTime"),
    PICKLIST("Picklist"),
    MULTIPICKLIST("Multi-Select Picklist"),
    NULL("Null");

    private final String label;

    FormulaType(String label) {
        this.label = label;
    }

    /** The name Salesforce's formula errors use ("Expected Number, received Text"). */
    public String label() {
        return label;
    }

    /** {@code NULL} (a NULL literal or an always-blank value) fits every type. */
    boolean accepts(FormulaType other) {
        return other == this || other == NULL || this == NULL;
    }
}
