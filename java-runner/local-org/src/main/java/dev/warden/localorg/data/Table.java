package dev.warden.localorg.data;

import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.SObjectType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows of one type: id to row array, plus value indexes (unique fields eagerly, others on first lookup).
 * Indexes hold live (not deleted) rows only. Not thread-safe: {@link OrgDatabase} guards it.
 */
final class Table {
    final SObjectType type;
    private final LinkedHashMap<String, Object[]> rows = new LinkedHashMap<>();
    private final Map<Integer, Map<Object, Set<String>>> indexes = new HashMap<>();
    private int deletedSlot = -1;
    long autoNumber;

    Table(SObjectType type) {
        this.type = type;
        for (FieldDef f : type.fields()) {
            if (f.unique()) {
                index(type.slot(f.name()));
            }
        }
    }

    Object[] get(String id) {
        return rows.get(id);
    }

    int size() {
        return rows.size();
    }

    Collection<Object[]> all() {
        return rows.values();
    }

    void put(String id, Object[] row) {
        Object[] old = rows.put(id, row);
        reindex(id, old, row);
    }

    void remove(String id) {
        Object[] old = rows.remove(id);
        reindex(id, old, null);
    }

    boolean isLive(Object[] row) {
        if (row == null) {
            return false;
        }
        if (deletedSlot < 0) {
            deletedSlot = type.slot("IsDeleted");
        }
        return deletedSlot < 0 || deletedSlot >= row.length || !Boolean.TRUE.equals(row[deletedSlot]);
    }

    boolean hasIndex(int slot) {
        return indexes.containsKey(slot);
    }

    /** Ids of live rows whose field at {@code slot} equals {@code value} (strings case-insensitively). */
    Set<String> lookup(int slot, Object value) {
        Set<String> ids = index(slot).get(key(value));
        return ids == null ? Set.of() : ids;
    }

    private Map<Object, Set<String>> index(int slot) {
        Map<Object, Set<String>> idx = indexes.get(slot);
        if (idx == null) {
            idx = new HashMap<>();
            indexes.put(slot, idx);
            for (Map.Entry<String, Object[]> e : rows.entrySet()) {
                if (isLive(e.getValue())) {
                    add(idx, e.getKey(), at(e.getValue(), slot));
                }
            }
        }
        return idx;
    }

    private void reindex(String id, Object[] old, Object[] row) {
        for (Map.Entry<Integer, Map<Object, Set<String>>> e : indexes.entrySet()) {
            int slot = e.getKey();
            Object before = isLive(old) ? at(old, slot) : null;
            Object after = isLive(row) ? at(row, slot) : null;
            boolean wasIn = isLive(old) && before != null;
            boolean isIn = isLive(row) && after != null;
            if (wasIn && isIn && key(before).equals(key(after))) {
                continue;
            }
            if (wasIn) {
                Set<String> ids = e.getValue().get(key(before));
                if (ids != null) {
                    ids.remove(id);
                    if (ids.isEmpty()) {
                        e.getValue().remove(key(before));
                    }
                }
            }
            if (isIn) {
                add(e.getValue(), id, after);
            }
        }
    }

    private static void add(Map<Object, Set<String>> idx, String id, Object value) {
        if (value != null) {
            idx.computeIfAbsent(key(value), k -> new HashSet<>(2)).add(id);
        }
    }

    private static Object at(Object[] row, int slot) {
        return slot < row.length ? row[slot] : null;
    }

    private static Object key(Object v) {
        return v instanceof String s ? s.toLowerCase(Locale.ROOT) : v;
    }

    List<String> ids() {
        return new ArrayList<>(rows.keySet());
    }
}
