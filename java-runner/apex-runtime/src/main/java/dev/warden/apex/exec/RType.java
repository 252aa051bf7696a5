package dev.warden.apex.exec;

import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.lower.TypeRef;

/** A resolved type: what a TypeRef names once classes and the org's objects are known. */
public record RType(Kind kind, String name, ClassInfo cls, SObjectSchema sobject, RType a, RType b) {
    public enum Kind {
        OBJECT,
        STRING,
        ID,
        INTEGER,
        LONG,
        DECIMAL,
        DOUBLE,
        BOOLEAN,
        DATE,
        DATETIME,
        TIME,
        BLOB,
        LIST,
        SET,
        MAP,
        SOBJECT,
        CLASS,
        NATIVE,
        VOID
    }

    public static final RType OBJECT_T = simple(Kind.OBJECT, "Object");
    public static final RType STRING_T = simple(Kind.STRING, "String");
    public static final RType ID_T = simple(Kind.ID, "Id");
    public static final RType INTEGER_T = simple(Kind.INTEGER, "Integer");
    public static final RType LONG_T = simple(Kind.LONG, "Long");
    public static final RType DECIMAL_T = simple(Kind.DECIMAL, "Decimal");
    public static final RType DOUBLE_T = simple(Kind.DOUBLE, "Double");
    public static final RType BOOLEAN_T = simple(Kind.BOOLEAN, "Boolean");
    public static final RType DATE_T = simple(Kind.DATE, "Date");
    public static final RType DATETIME_T = simple(Kind.DATETIME, "Datetime");
    public static final RType TIME_T = simple(Kind.TIME, "Time");
    public static final RType BLOB_T = simple(Kind.BLOB, "Blob");
    public static final RType SOBJECT_T = new RType(Kind.SOBJECT, "SObject", null, null, null, null);

    public static RType simple(Kind k, String name) {
        return new RType(k, name, null, null, null, null);
    }

    public static RType list(RType element) {
        return new RType(Kind.LIST, "List", null, null, element, null);
    }

    public static RType set(RType element) {
        return new RType(Kind.SET, "Set", null, null, element, null);
    }

    public static RType map(RType key, RType value) {
        return new RType(Kind.MAP, "Map", null, null, key, value);
    }

    public static RType sobject(SObjectSchema s) {
        return new RType(Kind.SOBJECT, s.name(), null, s, null, null);
    }

    public static RType ofClass(ClassInfo c) {
        return new RType(Kind.CLASS, c.name(), c, null, null, null);
    }

    public boolean isNumeric() {
        return kind == Kind.INTEGER || kind == Kind.LONG || kind == Kind.DECIMAL || kind == Kind.DOUBLE;
    }

    /** Back to a TypeRef (collections remember their element types this way). */
    public TypeRef ref() {
        return switch (kind) {
            case LIST -> TypeRef.of("List", null, a.ref());
            case SET -> TypeRef.of("Set", null, a.ref());
            case MAP -> TypeRef.of("Map", null, a.ref(), b.ref());
            default -> TypeRef.of(name, null);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LIST -> "List<" + a + ">";
            case SET -> "Set<" + a + ">";
            case MAP -> "Map<" + a + "," + b + ">";
            default -> name;
        };
    }
}
