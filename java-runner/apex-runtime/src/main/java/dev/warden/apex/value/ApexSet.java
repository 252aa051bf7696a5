package dev.warden.apex.value;

import dev.warden.apex.lower.TypeRef;
import java.util.LinkedHashMap;

/** An Apex Set: insertion order kept (Apex promises none; UNCONFIRMED that orders match). */
public final class ApexSet {
    public final TypeRef elementType;
    public final LinkedHashMap<Key, Object> items = new LinkedHashMap<>();

    public ApexSet(TypeRef elementType) {
        this.elementType = elementType;
    }

    public boolean add(Object v) {
        return items.putIfAbsent(new Key(v), v) == null && true;
    }

    public boolean contains(Object v) {
        return items.containsKey(new Key(v));
    }
}
