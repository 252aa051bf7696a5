package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.exec.RType;
import dev.warden.apex.lower.TypeRef;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Type.forName (user classes and SObjects) and Type's instance methods. */
public final class TypeLib implements Builtin {
    @Override
    public String name() {
        return "Type";
    }

    @Override
    public Set<String> statics() {
        return Set.of("forname");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        String name = Args.strNotNull(f, a, a.size() - 1);
        RType t = f.tx.program.types.tryResolve(new TypeRef(Arrays.asList(name.split("\\.")), List.of(), null), null);
        return t == null ? null : new TypeToken(t);
    }

    /** A Type value ({@code X.class}, Type.forName). */
    public record TypeToken(RType type) implements Native {
        @Override
        public String apexType() {
            return "Type";
        }

        /** String.valueOf(Type) and string concatenation print the type's name. */
        @Override
        public String toString() {
            return String.valueOf(type);
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            switch (m) {
                case "getname":
                case "tostring":
                    return type.toString();
                case "newinstance":
                    if (type.kind() == RType.Kind.CLASS && !type.cls().platform) {
                        return Invoker.construct(f, type.cls(), new Object[0]);
                    }
                    if (type.kind() == RType.Kind.SOBJECT && type.sobject() != null) {
                        return new dev.warden.apex.value.SObjectValue(type.sobject());
                    }
                    throw dev.warden.apex.exec.Errors.unsupported("Type.newInstance of " + type, f);
                case "equals":
                    return a.get(0) instanceof TypeToken o && o.type.toString().equalsIgnoreCase(type.toString());
                case "hashcode":
                    return type.toString().toLowerCase(java.util.Locale.ROOT).hashCode();
                default:
                    throw Args.noSuch(f, "Type", m, a);
            }
        }
    }
}
