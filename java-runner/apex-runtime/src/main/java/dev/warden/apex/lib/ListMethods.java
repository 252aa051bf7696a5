package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.RType;
import dev.warden.apex.exec.Types;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.SObjectValue;
import dev.warden.apex.value.Values;
import java.util.ArrayList;
import java.util.List;

/** List instance methods. */
final class ListMethods {
    private ListMethods() {}

    static Object call(Frame f, ApexList l, String m, List<Object> a) {
        RType elem = l.elementType == null ? null : f.tx.program.types.tryResolve(l.elementType, null);
        switch (m) {
            case "add":
                if (a.size() == 2) {
                    int i = Args.integer(f, a, 0);
                    if (i < 0 || i > l.items.size()) {
                        throw Errors.apex(f, "ListException", "List index out of bounds: " + i);
                    }
                    l.items.add(i, Types.coerce(f, a.get(1), elem));
                } else {
                    l.items.add(Types.coerce(f, a.get(0), elem));
                }
                return null;
            case "addall": {
                Object o = a.get(0);
                if (o == null) {
                    throw Errors.npe(f);
                }
                List<Object> src = o instanceof ApexList other
                        ? new ArrayList<>(other.items)
                        : new ArrayList<>(((ApexSet) o).items.values());
                for (Object x : src) {
                    l.items.add(Types.coerce(f, x, elem));
                }
                return null;
            }
            case "get":
                return index(f, l, Args.integer(f, a, 0));
            case "set": {
                int i = Args.integer(f, a, 0);
                index(f, l, i);
                l.items.set(i, Types.coerce(f, a.get(1), elem));
                return null;
            }
            case "remove": {
                int i = Args.integer(f, a, 0);
                index(f, l, i);
                return l.items.remove(i);
            }
            case "size":
                return l.items.size();
            case "isempty":
                return l.items.isEmpty();
            case "clear":
                l.items.clear();
                return null;
            case "contains":
                for (Object o : l.items) {
                    if (Values.apexEquals(o, a.get(0))) {
                        return true;
                    }
                }
                return false;
            case "indexof":
                for (int i = 0; i < l.items.size(); i++) {
                    if (Values.apexEquals(l.items.get(i), a.get(0))) {
                        return i;
                    }
                }
                return -1;
            case "clone":
            case "deepclone": {
                ApexList c = new ApexList(l.elementType, new ArrayList<>());
                for (Object o : l.items) {
                    c.items.add(m.equals("deepclone") && o instanceof SObjectValue s ? s.copy() : o);
                }
                return c;
            }
            case "sort":
                if (a.size() == 1 && a.get(0) instanceof dev.warden.apex.value.ApexObject cmp) {
                    // a Comparator: its compare(a, b)
                    l.items.sort(
                            (x, y) -> ((Number) InstanceMethods.call(f, cmp, "compare", java.util.Arrays.asList(x, y)))
                                    .intValue());
                    return null;
                }
                if (l.items.stream().anyMatch(o -> o instanceof dev.warden.apex.value.ApexObject)) {
                    // Comparable: the elements' own compareTo(Object)
                    l.items.sort((x, y) -> ((Number) InstanceMethods.call(f, x, "compareto", List.of(y))).intValue());
                    return null;
                }
                try {
                    l.items.sort((x, y) -> x == null ? (y == null ? 0 : -1) : y == null ? 1 : Values.compare(x, y));
                } catch (IllegalArgumentException e) {
                    throw Errors.unsupported("List.sort of " + l.elementType, f);
                }
                return null;
            case "equals":
                return Values.apexEquals(l, a.get(0));
            case "tostring":
                return Values.text(l);
            case "getsobjecttype":
                return elem != null && elem.sobject() != null ? new SchemaLib.SObjectTypeToken(elem.sobject()) : null;
            default:
                throw Args.noSuch(f, "List", m, a);
        }
    }

    private static Object index(Frame f, ApexList l, int i) {
        if (i < 0 || i >= l.items.size()) {
            throw Errors.apex(f, "ListException", "List index out of bounds: " + i);
        }
        return l.items.get(i);
    }
}
