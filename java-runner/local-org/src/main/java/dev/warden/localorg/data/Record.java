package dev.warden.localorg.data;

import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.SObjectType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of one stored record. The store never mutates a row array in place (updates replace it),
 * so a snapshot stays consistent while other threads write.
 */
public final class Record {
    private final SObjectType type;
    private final Object[] values;
    private final CalculatedFields calculated;

    Record(SObjectType type, Object[] values) {
        this(null, type, values);
    }

    Record(CalculatedFields calculated, SObjectType type, Object[] values) {
        this.type = type;
        this.values = values;
        this.calculated = calculated;
    }

    public SObjectType type() {
        return type;
    }

    public String objectName() {
        return type.name();
    }

    public String id() {
        return (String) values[0];
    }

    /** Value of a field by name (case-insensitive); null when unset or unknown. */
    public Object get(String fieldName) {
        int slot = type.slot(fieldName);
        return slot < 0 ? null : at(slot);
    }

    /** The stored value, or for a calculated field (formula, roll-up summary) its value computed now. */
    public Object at(int slot) {
        if (calculated != null && slot < type.fieldCount()) {
            FieldDef f = type.fieldAt(slot);
            if (f.calculation() != null) {
                return calculated.value(this, f);
            }
        }
        return slot < values.length ? values[slot] : null;
    }

    public String getString(String fieldName) {
        Object v = get(fieldName);
        return v == null ? null : v.toString();
    }

    public boolean is(String fieldName) {
        return Boolean.TRUE.equals(get(fieldName));
    }

    public boolean isDeleted() {
        return is("IsDeleted");
    }

    /** Field name to value, definition order, unset fields left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < type.fieldCount(); i++) {
            Object v = at(i);
            if (v != null) {
                FieldDef f = type.fieldAt(i);
                m.put(f.name(), v);
            }
        }
        return m;
    }

    Object[] raw() {
        return values;
    }

    @Override
    public String toString() {
        return type.name() + "(" + id() + ")";
    }
}
