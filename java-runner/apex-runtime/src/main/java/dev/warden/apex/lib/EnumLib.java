package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.EnumValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A platform enum (AccessLevel, LoggingLevel): its values as static properties. */
class EnumLib implements Builtin {
    private final String name;
    private final List<String> values;

    EnumLib(String name, String... values) {
        this.name = name;
        this.values = List.of(values);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> statics() {
        return Set.of("values");
    }

    @Override
    public Set<String> properties() {
        Set<String> s = new LinkedHashSet<>();
        for (String v : values) {
            s.add(v.toLowerCase(Locale.ROOT));
        }
        return s;
    }

    @Override
    public Object property(Frame f, String n) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equalsIgnoreCase(n)) {
                return new EnumValue(name, values.get(i), i);
            }
        }
        throw Errors.unsupported(name + "." + n, f);
    }

    @Override
    public Object call(Frame f, String method, List<Object> args) {
        throw Errors.unsupported(name + "." + method, f);
    }
}
