package dev.warden.apex.value;

import dev.warden.apex.lower.TypeRef;
import java.util.LinkedHashMap;
import java.util.Map;

/** An Apex Map with Apex key equality; insertion order kept (UNCONFIRMED against Salesforce's iteration order). */
public final class ApexMap {
    public final TypeRef keyType;
    public final TypeRef valueType;
    public final LinkedHashMap<Key, Map.Entry<Object, Object>> entries = new LinkedHashMap<>();

    public ApexMap(TypeRef keyType, TypeRef valueType) {
        this.keyType = keyType;
        this.valueType = valueType;
    }

    /**
     * True for the maps Salesforce's describe answers (fields.getMap(), getGlobalDescribe()): String keys are looked up
     * ignoring case, so {@code getMap().get('Name')} finds the key {@code name}.
     */
    public boolean caseInsensitiveKeys;

    /** The key as this map compares it. */
    public Key key(Object k) {
        return new Key(caseInsensitiveKeys && k instanceof String s ? s.toLowerCase(java.util.Locale.ROOT) : k);
    }

    public Object put(Object k, Object v) {
        Map.Entry<Object, Object> old = entries.put(key(k), new java.util.AbstractMap.SimpleEntry<>(k, v));
        return old == null ? null : old.getValue();
    }

    public Object get(Object k) {
        Map.Entry<Object, Object> e = entries.get(key(k));
        return e == null ? null : e.getValue();
    }

    public boolean containsKey(Object k) {
        return entries.containsKey(key(k));
    }
}
