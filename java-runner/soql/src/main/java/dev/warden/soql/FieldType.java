package dev.warden.soql;

/** Salesforce field (SOAP) types the evaluator distinguishes. */
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

    /** Text compared case-insensitively, filterable with LIKE. */
    public boolean isText() {
        return switch (this) {
            case STRING, TEXTAREA, PICKLIST, MULTIPICKLIST, EMAIL, PHONE, URL -> true;
            default -> false;
        };
    }

    public boolean isId() {
        return this == ID || this == REFERENCE;
    }

    public boolean isNumber() {
        return switch (this) {
            case INT, LONG, DOUBLE, CURRENCY, PERCENT -> true;
            default -> false;
        };
    }

    /** The Apex type name reported in query column metadata ({@code columns=true}). */
    public String apexType() {
        return switch (this) {
            case ID, REFERENCE -> "Id";
            case BOOLEAN -> "Boolean";
            case INT -> "Integer";
            case LONG -> "Long";
            case DOUBLE, PERCENT -> "Double";
            case CURRENCY -> "Decimal";
            case DATE -> "Date";
            case DATETIME -> "Datetime";
            case BASE64 -> "Blob";
            default -> "String";
        };
    }

    /** The type word Salesforce uses in "must be of type ..." filter errors. */
    public String soapName() {
        return switch (this) {
            case ID -> "id";
            case REFERENCE -> "reference";
            case BOOLEAN -> "boolean";
            case INT -> "int";
            case LONG -> "long";
            case DOUBLE -> "double";
            case CURRENCY -> "currency";
            case PERCENT -> "percent";
            case DATE -> "date";
            case DATETIME -> "dateTime";
            case BASE64 -> "base64";
            case MULTIPICKLIST -> "multipicklist";
            case PICKLIST -> "picklist";
            case TEXTAREA -> "textarea";
            case EMAIL -> "email";
            case PHONE -> "phone";
            case URL -> "url";
            default -> "string";
        };
    }
}
