package dev.warden.localorg.data;

import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RecordChange.Phase;
import dev.warden.localorg.model.SObjectType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One DML chunk as a {@link TriggerHook} sees it, like Apex's {@code Trigger} context. All lists have
 * {@link #size()} entries in the same order (row {@code i} of {@code oldRecords}, {@code newRows} and {@code ids}
 * is the same record), except where noted.
 *
 * <ul>
 *   <li>{@link #oldRecords()}: the stored records before the change (update, delete, undelete); empty on insert
 *       (Apex: {@code Trigger.old} is null there).</li>
 *   <li>{@link #newRows()}: insert/update/undelete; empty on delete. In {@code before} of insert/update the maps are
 *       the values about to be written and may be changed (canonical field names; values are converted like API
 *       input; the field must exist on the type, writability is not checked: triggers run in system mode). On update
 *       a map holds the whole record with the changes applied. In {@code after} the maps are read-only copies of the
 *       stored records, {@code Id} included.</li>
 *   <li>{@link #ids()}: the record ids; null entries in {@code before} insert.</li>
 * </ul>
 */
public final class TriggerBatch {
    private final Operation operation;
    private final Phase phase;
    private final SObjectType type;
    private final Caller caller;
    private final List<Record> oldRecords;
    private final List<Map<String, Object>> newRows;
    private final List<String> ids;
    private final int depth;
    private final List<List<RowError>> errors;

    TriggerBatch(
            Operation operation,
            Phase phase,
            SObjectType type,
            Caller caller,
            List<Record> oldRecords,
            List<Map<String, Object>> newRows,
            List<String> ids,
            int depth) {
        this.operation = operation;
        this.phase = phase;
        this.type = type;
        this.caller = caller;
        this.oldRecords = Collections.unmodifiableList(oldRecords);
        this.newRows = Collections.unmodifiableList(newRows);
        this.ids = Collections.unmodifiableList(ids);
        this.depth = depth;
        this.errors = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            errors.add(null);
        }
    }

    public Operation operation() {
        return operation;
    }

    public Phase phase() {
        return phase;
    }

    public boolean isBefore() {
        return phase == Phase.BEFORE;
    }

    public boolean isAfter() {
        return phase == Phase.AFTER;
    }

    public SObjectType type() {
        return type;
    }

    public String objectName() {
        return type.name();
    }
    /** Who does the DML: the API caller (the running user of Apex triggers), or a system caller. */
    public Caller caller() {
        return caller;
    }

    public int size() {
        return ids.size();
    }

    public List<Record> oldRecords() {
        return oldRecords;
    }

    public List<Map<String, Object>> newRows() {
        return newRows;
    }

    public List<String> ids() {
        return ids;
    }

    /** 1 for hooks fired by a top-level DML call, 2 for DML done by such a hook, ... up to the maximum depth. */
    public int depth() {
        return depth;
    }

    /** Fails row {@code rowIndex} (0-based, in this batch) with FIELD_CUSTOM_VALIDATION_EXCEPTION, like SObject.addError. */
    public void addError(int rowIndex, String message) {
        addError(rowIndex, null, message);
    }

    /** Like {@code SObject.Field.addError}: the error names {@code field}. */
    public void addError(int rowIndex, String field, String message) {
        if (rowIndex < 0 || rowIndex >= size()) {
            throw new IndexOutOfBoundsException("row " + rowIndex + " of a trigger batch of " + size());
        }
        List<RowError> list = errors.get(rowIndex);
        if (list == null) {
            list = new ArrayList<>(1);
            errors.set(rowIndex, list);
        }
        list.add(
                new RowError("FIELD_CUSTOM_VALIDATION_EXCEPTION", message, field == null ? List.of() : List.of(field)));
    }

    public boolean hasErrors(int rowIndex) {
        return errors.get(rowIndex) != null;
    }

    List<RowError> errorsOf(int rowIndex) {
        return errors.get(rowIndex);
    }
}
