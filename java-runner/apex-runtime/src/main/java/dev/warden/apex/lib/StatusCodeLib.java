package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.EnumValue;
import java.util.List;
import java.util.Set;

/** System.StatusCode: any code name is a value (the platform has hundreds). */
final class StatusCodeLib implements Builtin {
    @Override
    public String name() {
        return "StatusCode";
    }

    @Override
    public Set<String> statics() {
        return Set.of();
    }

    @Override
    public Set<String> properties() {
        return new java.util.AbstractSet<>() {
            @Override
            public boolean contains(Object o) {
                return true;
            }

            @Override
            public java.util.Iterator<String> iterator() {
                return java.util.Collections.emptyIterator();
            }

            @Override
            public int size() {
                return 0;
            }
        };
    }

    @Override
    public Object property(Frame f, String n) {
        return new EnumValue("System.StatusCode", n.toUpperCase(java.util.Locale.ROOT), 0);
    }

    @Override
    public Object call(Frame f, String method, List<Object> args) {
        throw dev.warden.apex.exec.Errors.unsupported("StatusCode." + method, f);
    }
}
