package dev.warden.apex.exec;

import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.SObjectValue;
import java.util.ArrayList;
import java.util.Map;

/** Collection behaviour the language itself uses: iteration, indexing, copy constructors. */
public final class Collections {
    private Collections() {}

    @SuppressWarnings("unchecked")
    static Iterable<Object> iterate(Frame f, Object coll) {
        if (coll instanceof ApexList l) {
            return new ArrayList<>(l.items);
        }
        if (coll instanceof ApexSet s) {
            return new ArrayList<>(s.items.values());
        }
        throw Errors.unsupported("iterating over " + dev.warden.apex.value.Values.typeName(coll), f);
    }

    static Object index(Frame f, Object target, Object index) {
        if (target == null || index == null) {
            throw Errors.npe(f);
        }
        if (!(target instanceof ApexList l)) {
            throw Errors.unsupported("[] on " + dev.warden.apex.value.Values.typeName(target), f);
        }
        int i = ((Number) index).intValue();
        if (i < 0 || i >= l.items.size()) {
            throw Errors.apex(f, "ListException", "List index out of bounds: " + i);
        }
        return l.items.get(i);
    }

    static void setIndex(Frame f, Object target, Object index, Object value) {
        if (target == null || index == null) {
            throw Errors.npe(f);
        }
        ApexList l = (ApexList) target;
        int i = ((Number) index).intValue();
        if (i < 0 || i >= l.items.size()) {
            throw Errors.apex(f, "ListException", "List index out of bounds: " + i);
        }
        RType e = l.elementType == null ? null : f.tx.program.types.tryResolve(l.elementType, null);
        l.items.set(i, Types.coerce(f, value, e));
    }

    /** {@code new List<T>(other)}, {@code new Set<T>(other)}, {@code new Map<Id, S>(records)}, or empty. */
    static Object copy(Frame f, RType t, Object from, boolean hasArg) {
        if (hasArg && from == null) {
            throw Errors.npe(f);
        }
        switch (t.kind()) {
            case LIST -> {
                ApexList l = new ApexList(t.a().ref());
                if (from instanceof Integer n) {
                    return l;
                }
                if (from != null) {
                    for (Object o : iterate(f, from)) {
                        l.items.add(Types.coerce(f, o, t.a()));
                    }
                }
                return l;
            }
            case SET -> {
                ApexSet s = new ApexSet(t.a().ref());
                if (from != null) {
                    for (Object o : iterate(f, from)) {
                        s.add(Types.coerce(f, o, t.a()));
                    }
                }
                return s;
            }
            default -> {
                ApexMap m = new ApexMap(t.a().ref(), t.b().ref());
                if (from instanceof ApexMap other) {
                    for (Map.Entry<Object, Object> e : other.entries.values()) {
                        m.put(e.getKey(), e.getValue());
                    }
                } else if (from instanceof ApexList records) {
                    for (Object o : records.items) {
                        SObjectValue s = (SObjectValue) o;
                        ApexId id = s.id();
                        if (id == null) {
                            throw Errors.apex(
                                    f, "ListException", "Row with null Id at index: " + records.items.indexOf(o));
                        }
                        m.put(id, s);
                    }
                }
                return m;
            }
        }
    }
}
