package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.RType;
import dev.warden.apex.exec.Types;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.Key;
import dev.warden.apex.value.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Set instance methods (elements compared with Apex key equality: Strings case-sensitively). */
final class SetMethods {
    private SetMethods() {}

    private static Collection<Object> items(Frame f, Object o) {
        if (o == null) {
            throw Errors.npe(f);
        }
        return o instanceof ApexList l ? new ArrayList<>(l.items) : new ArrayList<>(((ApexSet) o).items.values());
    }

    static Object call(Frame f, ApexSet s, String m, List<Object> a) {
        RType elem = s.elementType == null ? null : f.tx.program.types.tryResolve(s.elementType, null);
        switch (m) {
            case "add":
                return s.add(Types.coerce(f, a.get(0), elem));
            case "addall": {
                boolean changed = false;
                for (Object o : items(f, a.get(0))) {
                    changed |= s.add(Types.coerce(f, o, elem));
                }
                return changed;
            }
            case "contains":
                return s.contains(Types.coerce(f, a.get(0), elem));
            case "containsall": {
                for (Object o : items(f, a.get(0))) {
                    if (!s.contains(o)) {
                        return false;
                    }
                }
                return true;
            }
            case "remove":
                return s.items.remove(new Key(a.get(0))) != null;
            case "removeall": {
                boolean changed = false;
                for (Object o : items(f, a.get(0))) {
                    changed |= s.items.remove(new Key(o)) != null;
                }
                return changed;
            }
            case "retainall": {
                ApexSet keep = new ApexSet(null);
                for (Object o : items(f, a.get(0))) {
                    keep.add(o);
                }
                return s.items.keySet().retainAll(keep.items.keySet());
            }
            case "size":
                return s.items.size();
            case "isempty":
                return s.items.isEmpty();
            case "clear":
                s.items.clear();
                return null;
            case "clone": {
                ApexSet c = new ApexSet(s.elementType);
                c.items.putAll(s.items);
                return c;
            }
            case "equals":
                return Values.apexEquals(s, a.get(0));
            case "tostring":
                return Values.text(s);
            default:
                throw Args.noSuch(f, "Set", m, a);
        }
    }
}
