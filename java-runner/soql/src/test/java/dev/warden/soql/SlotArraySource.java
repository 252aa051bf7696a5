package dev.warden.soql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A store laid out like the local org's: each row an Object[] indexed by the field's slot, with
 * {@link SoqlSource#accessor} answering slot reads. Copies an {@link InMemorySource}; for the benchmark.
 */
final class SlotArraySource implements SoqlSource {
    private final InMemorySource describes;
    private final Map<String, Map<String, Integer>> slots = new HashMap<>();
    private final Map<String, List<SoqlRow>> rows = new HashMap<>();
    private final Map<String, SoqlRow> byId15 = new HashMap<>();

    SlotArraySource(InMemorySource from, String... objects) {
        this.describes = from;
        for (String object : objects) {
            SObjectInfo info = from.describe(object);
            Map<String, Integer> index = new HashMap<>();
            for (FieldInfo f : info.fields()) {
                index.put(f.name().toLowerCase(Locale.ROOT), index.size());
            }
            slots.put(info.name(), index);
            List<SoqlRow> copied = new ArrayList<>();
            for (SoqlRow row : from.rows(info.name(), true)) {
                Object[] values = new Object[index.size()];
                for (FieldInfo f : info.fields()) {
                    values[index.get(f.name().toLowerCase(Locale.ROOT))] = row.get(f.name());
                }
                ArrayRow copy = new ArrayRow(info.name(), values, index, row.isDeleted());
                copied.add(copy);
                byId15.put(row.id().substring(0, 15), copy);
            }
            rows.put(info.name(), copied);
        }
    }

    @Override
    public SObjectInfo describe(String objectName) {
        return describes.describe(objectName);
    }

    @Override
    public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
        return rows.getOrDefault(objectApiName, List.of());
    }

    @Override
    public SoqlRow byId(String id) {
        return id.length() < 15 ? null : byId15.get(id.length() == 15 ? id : id.substring(0, 15));
    }

    @Override
    public Function<SoqlRow, Object> accessor(String objectApiName, String canonicalFieldName) {
        int slot = slots.get(objectApiName).get(canonicalFieldName.toLowerCase(Locale.ROOT));
        return row -> ((ArrayRow) row).values[slot];
    }

    private record ArrayRow(String objectName, Object[] values, Map<String, Integer> index, boolean isDeleted)
            implements SoqlRow {
        @Override
        public String id() {
            return (String) values[0];
        }

        @Override
        public Object get(String canonicalFieldName) {
            Integer slot = index.get(canonicalFieldName.toLowerCase(Locale.ROOT));
            return slot == null ? null : values[slot];
        }
    }
}
