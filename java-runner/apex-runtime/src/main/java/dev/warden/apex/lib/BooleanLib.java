package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Boolean.valueOf: a String is true exactly when it is "true" ignoring case (the Apex reference); any other value
 * must already be a Boolean (Boolean.valueOf(Object) casts, as for a field value). UNCONFIRMED: what a null String
 * answers on Salesforce; here null, the cast of null.
 */
final class BooleanLib implements Builtin {
    @Override
    public String name() {
        return "Boolean";
    }

    @Override
    public Set<String> statics() {
        return Set.of("valueof");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        Object v = a.size() == 1 ? a.get(0) : null;
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return s.toLowerCase(Locale.ROOT).equals("true");
        }
        throw Errors.apex(
                f,
                "TypeException",
                "Invalid conversion from runtime type " + dev.warden.apex.value.Values.typeName(v) + " to Boolean");
    }
}
