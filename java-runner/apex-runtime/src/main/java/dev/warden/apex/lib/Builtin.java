package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import java.util.List;
import java.util.Set;

/** A platform type's static side (String.valueOf, Database.insert, Trigger.new, ...). One class per type. */
public interface Builtin {
    /** Apex name, e.g. "String", "Database". */
    String name();

    /** Lower-cased static method names this runtime implements (checked when code is compiled). */
    Set<String> statics();

    /** Lower-cased static properties (Trigger.new, RestContext.request, AccessLevel.USER_MODE). */
    default Set<String> properties() {
        return Set.of();
    }

    Object call(Frame f, String method, List<Object> args);

    default Object property(Frame f, String name) {
        throw Errors.unsupported(name() + "." + name, f);
    }

    default void setProperty(Frame f, String name, Object value) {
        throw Errors.unsupported("assigning " + name() + "." + name, f);
    }
}
