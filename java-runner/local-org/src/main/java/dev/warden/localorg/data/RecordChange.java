package dev.warden.localorg.data;

import dev.warden.localorg.model.SObjectType;
import java.util.Map;

/**
 * One DML event as listeners see it, like an Apex trigger context for a single record.
 *
 * @param before the stored record before the change (null on insert)
 * @param after the stored record after the change (null in the before phase and on delete)
 * @param draft in the before phase of insert/update: the values about to be written, by canonical field name;
 *              a listener may change them (like a before trigger); null otherwise
 */
public record RecordChange(
        Operation operation,
        Phase phase,
        SObjectType type,
        String id,
        Record before,
        Record after,
        Map<String, Object> draft,
        Caller caller) {

    public enum Operation {
        INSERT,
        UPDATE,
        DELETE,
        UNDELETE
    }

    public enum Phase {
        BEFORE,
        AFTER
    }

    public String objectName() {
        return type.name();
    }

    /** The value after the change if known, else the draft value, else the value before. */
    public Object value(String field) {
        if (after != null) {
            return after.get(field);
        }
        if (draft != null) {
            for (Map.Entry<String, Object> e : draft.entrySet()) {
                if (e.getKey().equalsIgnoreCase(field)) {
                    return e.getValue();
                }
            }
        }
        return before == null ? null : before.get(field);
    }

    /** True when an update changes {@code field}. */
    public boolean changed(String field) {
        if (operation != Operation.UPDATE) {
            return true;
        }
        Object old = before == null ? null : before.get(field);
        return !java.util.Objects.equals(old, value(field));
    }
}
