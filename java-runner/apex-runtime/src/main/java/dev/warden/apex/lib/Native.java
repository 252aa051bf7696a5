package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.NativeObject;
import java.util.List;

/** An instance of a platform type implemented in Java, with its instance methods and properties. */
public interface Native extends NativeObject {
    Object call(Frame f, String method, List<Object> args);

    default Object get(Frame f, String property) {
        throw Errors.unsupported(apexType() + "." + property, f);
    }

    default void set(Frame f, String property, Object value) {
        throw Errors.unsupported("assigning " + apexType() + "." + property, f);
    }
}
