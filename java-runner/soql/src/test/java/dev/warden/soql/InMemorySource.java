package dev.warden.soql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A record store for tests: describes plus rows kept in insertion order. */
final class InMemorySource implements SoqlSource {
    private final Map<String, SObjectInfo> describes = new HashMap<>();
    private final Map<String, List<SoqlRow>> rows = new HashMap<>();
    private final Map<String, SoqlRow> byId15 = new HashMap<>();
    private final java.util.Set<String> withDeleted = new java.util.HashSet<>();

    private final Map<String, List<ChildRelationship>> children = new HashMap<>();

    InMemorySource child(String parent, String relationshipName, String childObject, String field) {
        children.computeIfAbsent(parent, k -> new ArrayList<>())
                .add(new ChildRelationship(relationshipName, childObject, field));
        return this;
    }

    @Override
    public List<ChildRelationship> childRelationships(String objectApiName) {
        return children.getOrDefault(objectApiName, List.of());
    }

    InMemorySource object(String name, FieldInfo... fields) {
        describes.put(name.toLowerCase(Locale.ROOT), new SObjectInfo(name, List.of(fields)));
        rows.put(name, new ArrayList<>());
        return this;
    }

    /** Adds a row; {@code values} alternate field name and value. */
    Row add(String object, String id, Object... values) {
        return insert(object, id, false, values);
    }

    Row addDeleted(String object, String id, Object... values) {
        return insert(object, id, true, values);
    }

    private Row insert(String object, String id, boolean deleted, Object... values) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("Id", id);
        for (int i = 0; i < values.length; i += 2) {
            map.put((String) values[i], values[i + 1]);
        }
        Row row = new Row(object, id, map, deleted);
        if (deleted) {
            withDeleted.add(object);
        }
        rows.get(object).add(row);
        byId15.put(id.substring(0, 15), row);
        return row;
    }

    @Override
    public SObjectInfo describe(String objectName) {
        return describes.get(objectName.toLowerCase(Locale.ROOT));
    }

    @Override
    public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
        List<SoqlRow> all = rows.getOrDefault(objectApiName, List.of());
        if (includeDeleted || !withDeleted.contains(objectApiName)) {
            return all;
        }
        return all.stream().filter(r -> !r.isDeleted()).toList();
    }

    @Override
    public SoqlRow byId(String id) {
        return id.length() < 15 ? null : byId15.get(id.substring(0, 15));
    }

    record Row(String objectName, String id, Map<String, Object> values, boolean isDeleted) implements SoqlRow {
        @Override
        public Object get(String canonicalFieldName) {
            return values.get(canonicalFieldName);
        }
    }
}
