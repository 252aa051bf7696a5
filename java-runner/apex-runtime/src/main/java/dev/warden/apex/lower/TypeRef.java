package dev.warden.apex.lower;

import java.util.List;
import java.util.Locale;

/** A written type: dotted name parts, type arguments, array dimensions ({@code String[]} is a List of String). */
public record TypeRef(List<String> names, List<TypeRef> args, Pos pos) {
    public TypeRef {
        names = List.copyOf(names);
        args = List.copyOf(args);
    }

    public static TypeRef of(String name, Pos pos, TypeRef... args) {
        return new TypeRef(List.of(name), List.of(args), pos);
    }

    public String name() {
        return String.join(".", names);
    }

    public String last() {
        return names.get(names.size() - 1);
    }

    /** The name lower-cased, without a leading System. or Schema. namespace. */
    public String key() {
        String n = name().toLowerCase(Locale.ROOT);
        if (n.startsWith("system.") || n.startsWith("schema.")) {
            n = n.substring(7);
        }
        return n;
    }

    public boolean is(String simple) {
        return key().equals(simple.toLowerCase(Locale.ROOT));
    }

    public TypeRef arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    @Override
    public String toString() {
        if (args.isEmpty()) {
            return name();
        }
        StringBuilder b = new StringBuilder(name()).append('<');
        for (int i = 0; i < args.size(); i++) {
            b.append(i == 0 ? "" : ",").append(args.get(i));
        }
        return b.append('>').toString();
    }
}
