package dev.warden.apex.value;

import dev.warden.apex.host.SObjectSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SObject in Apex: its type and the fields that are set (case-insensitive names, canonical names kept), parent
 * records from relationship paths, child lists from subqueries. Only set fields are written by DML.
 */
public final class SObjectValue {
    public final SObjectSchema schema;
    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    public boolean readOnly;
    /** Came from a query: reading a field that was not selected is an SObjectException, as in Apex. */
    public boolean fromQuery;
    /** Errors added with addError (DmlError values); a trigger's rows with errors fail their DML. */
    public final List<Object> errors = new ArrayList<>();

    public SObjectValue(SObjectSchema schema) {
        this.schema = schema;
    }

    public String typeName() {
        return schema.name();
    }

    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Object get(String name) {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    public void put(String canonicalName, Object value) {
        String key = canonicalName.toLowerCase(Locale.ROOT);
        names.putIfAbsent(key, canonicalName);
        values.put(key, value);
    }

    public void remove(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        names.remove(key);
        values.remove(key);
    }

    /** Field names as set (canonical), in the order they were first set. */
    public List<String> fieldNames() {
        return new ArrayList<>(names.values());
    }

    public ApexId id() {
        return get("Id") instanceof ApexId id ? id : null;
    }

    public SObjectValue copy() {
        SObjectValue c = new SObjectValue(schema);
        c.fromQuery = fromQuery;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            c.names.put(e.getKey(), names.get(e.getKey()));
            c.values.put(e.getKey(), e.getValue());
        }
        return c;
    }

    /** Value equality as Apex compares SObjects (type and every set field). */
    Object contentKey() {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("$type", schema.name());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            k.put(e.getKey(), new Key(e.getValue()));
        }
        return k;
    }
}
