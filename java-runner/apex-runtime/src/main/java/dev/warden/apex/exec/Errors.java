package dev.warden.apex.exec;

import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexObject;

/** Raising platform exceptions with Salesforce's type names and messages. */
public final class Errors {
    private Errors() {}

    /** A new platform exception object (e.g. "TypeException"), its stack captured now. */
    public static ApexObject create(Transaction tx, String typeName, String message) {
        ClassInfo c = tx.program.platformException(typeName);
        ApexObject e = new ApexObject(c);
        e.state.put("message", message);
        e.state.put("stack", tx.stackTrace());
        return e;
    }

    public static ApexThrow apex(Transaction tx, String typeName, String message) {
        return new ApexThrow(create(tx, typeName, message));
    }

    public static ApexThrow apex(Frame f, String typeName, String message) {
        return apex(f.tx, typeName, message);
    }

    public static ApexThrow npe(Frame f) {
        return apex(f, "NullPointerException", "Attempt to de-reference a null object");
    }

    /** System.LimitException, which Apex code cannot catch. */
    public static ApexThrow limit(Transaction tx, String message) {
        return apex(tx, "LimitException", message);
    }

    public static UnsupportedFeature unsupported(String feature, Frame f) {
        return new UnsupportedFeature(feature, f == null ? null : f.pos);
    }

    public static UnsupportedFeature unsupported(String feature, Pos pos) {
        return new UnsupportedFeature(feature, pos);
    }
}
