package dev.warden.apex.host;

import dev.warden.soql.FieldInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.SObjectInfo;
import java.util.Locale;

/**
 * Describe of one object as the runtime needs it: the soql module's fields, the key prefix, and what kind of object
 * it is (custom settings and custom metadata have their own Apex methods; platform events are published).
 */
public record SObjectSchema(SObjectInfo info, String keyPrefix, Kind kind) {
    public enum Kind {
        STANDARD,
        CUSTOM,
        HIERARCHY_SETTING,
        LIST_SETTING,
        CUSTOM_METADATA,
        PLATFORM_EVENT
    }

    public String name() {
        return info.name();
    }

    public FieldInfo field(String name) {
        return info.field(name);
    }

    public FieldInfo relationship(String name) {
        return info.relationship(name);
    }

    /** The Apex type a field reads as: custom Number fields are Decimal, as in Apex. */
    public static String apexType(FieldType type) {
        return switch (type) {
            case ID, REFERENCE -> "Id";
            case BOOLEAN -> "Boolean";
            case INT -> "Integer";
            case LONG -> "Long";
            case DOUBLE, CURRENCY, PERCENT -> "Decimal";
            case DATE -> "Date";
            case DATETIME -> "Datetime";
            case BASE64 -> "Blob";
            default -> "String";
        };
    }

    public boolean is(String objectName) {
        return name().toLowerCase(Locale.ROOT).equals(objectName.toLowerCase(Locale.ROOT));
    }
}
