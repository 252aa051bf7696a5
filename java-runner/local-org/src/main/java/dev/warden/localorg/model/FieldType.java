package dev.warden.localorg.model;

/**
 * Salesforce field types the local org stores. Same constants as {@code dev.warden.soql.FieldType}, so the query
 * adapter maps them by name; {@link #describeName()} is the lower-case name REST describe uses.
 */
public enum FieldType {
    ID,
    REFERENCE,
    STRING,
    TEXTAREA,
    PICKLIST,
    MULTIPICKLIST,
    EMAIL,
    PHONE,
    URL,
    BOOLEAN,
    INT,
    LONG,
    DOUBLE,
    CURRENCY,
    PERCENT,
    DATE,
    DATETIME,
    BASE64;

    public String describeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The Apex/SOAP type name used in column metadata and SOAP {@code xsi:type}. */
    public String apexType() {
        return switch (this) {
            case ID, REFERENCE -> "Id";
            case BOOLEAN -> "Boolean";
            case INT -> "Integer";
            case LONG -> "Long";
            case DOUBLE, CURRENCY, PERCENT -> "Double";
            case DATE -> "Date";
            case DATETIME -> "Datetime";
            case BASE64 -> "Blob";
            default -> "String";
        };
    }

    public boolean isText() {
        return switch (this) {
            case ID, REFERENCE, STRING, TEXTAREA, PICKLIST, MULTIPICKLIST, EMAIL, PHONE, URL -> true;
            default -> false;
        };
    }

    public boolean isNumber() {
        return switch (this) {
            case INT, LONG, DOUBLE, CURRENCY, PERCENT -> true;
            default -> false;
        };
    }
}
