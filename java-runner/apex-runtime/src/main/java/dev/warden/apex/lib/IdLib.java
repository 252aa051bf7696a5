package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.value.ApexId;
import java.util.List;
import java.util.Set;

/** Id.valueOf and Id's instance methods. */
final class IdLib implements Builtin {
    @Override
    public String name() {
        return "Id";
    }

    @Override
    public Set<String> statics() {
        return Set.of("valueof");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        String s = Args.str(f, a, 0);
        if (s == null) {
            return null;
        }
        ApexId id = ApexId.parse(s);
        if (id == null) {
            throw Errors.apex(f, "StringException", "Invalid id: " + s);
        }
        return id;
    }

    static Object instance(Frame f, ApexId id, String m, List<Object> a) {
        switch (m) {
            case "getsobjecttype": {
                SObjectSchema s = f.tx.host.describeByKeyPrefix(id.prefix());
                if (s == null) {
                    // UNCONFIRMED wording
                    throw Errors.apex(f, "SObjectException", "Invalid id: " + id);
                }
                return new SchemaLib.SObjectTypeToken(s);
            }
            case "to15":
                return id.id15();
            case "tostring":
                return id.toString();
            case "equals":
                return id.equals(a.get(0) instanceof String s ? ApexId.parse(s) : a.get(0));
            case "hashcode":
                return id.hashCode();
            default:
                throw Args.noSuch(f, "Id", m, a);
        }
    }
}
