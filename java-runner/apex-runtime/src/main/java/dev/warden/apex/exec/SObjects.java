package dev.warden.apex.exec;

import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.value.SObjectValue;
import dev.warden.soql.FieldInfo;

/** Reading and writing SObject fields with Apex's field types and errors. */
public final class SObjects {
    private SObjects() {}

    public static RType fieldType(Program p, FieldInfo fi) {
        if (fi == ChangeEvents.HEADER) {
            return ChangeEvents.HEADER_TYPE;
        }
        return switch (SObjectSchema.apexType(fi.type())) {
            case "Id" -> RType.ID_T;
            case "Boolean" -> RType.BOOLEAN_T;
            case "Integer" -> RType.INTEGER_T;
            case "Long" -> RType.LONG_T;
            case "Decimal" -> RType.DECIMAL_T;
            case "Date" -> RType.DATE_T;
            case "Datetime" -> RType.DATETIME_T;
            case "Blob" -> RType.BLOB_T;
            default -> RType.STRING_T;
        };
    }

    public static Object get(Frame f, SObjectValue s, String canonical) {
        if (!s.has(canonical) && s.fromQuery && !canonical.equalsIgnoreCase("Id")) {
            throw Errors.apex(
                    f,
                    "SObjectException",
                    "SObject row was retrieved via SOQL without querying the requested " + "field: " + s.typeName()
                            + "." + canonical);
        }
        Object v = s.get(canonical);
        if (v == null) {
            // a checkbox is never null in Apex: an unset one reads false
            FieldInfo fi = s.schema.field(canonical);
            if (fi != null && fi.type() == dev.warden.soql.FieldType.BOOLEAN) {
                return false;
            }
        }
        return v;
    }

    public static void put(Frame f, SObjectValue s, String name, Object value) {
        if (s.readOnly) {
            throw Errors.apex(f, "FinalException", "Record is read-only");
        }
        FieldInfo fi = s.schema.field(name);
        if (fi == null) {
            FieldInfo rel = s.schema.relationship(name);
            if (rel != null) {
                s.put(rel.relationshipName(), value);
                return;
            }
            throw Errors.apex(f, "SObjectException", "Invalid field " + name + " for " + s.typeName());
        }
        s.put(fi.name(), Types.coerce(f, value, fieldType(f.tx.program, fi)));
    }
}
