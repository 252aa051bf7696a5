package dev.warden.localorg.bulk;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk jobs' one way into the database. Every record stands alone (Bulk API semantics: a failed row does not undo
 * the others). Today this runs the data service's per-record writes inside one transaction per chunk, each record in
 * its own nested transaction so a failure rolls back only that record. When {@code OrgDatabase.dml(...)} (the batch
 * write path) is merged, {@link #write} is the one method to switch to it.
 */
final class BulkWrites {
    private BulkWrites() {}

    /** One row's outcome: the record id (null when none) and whether it was created, or the error. */
    record Outcome(String id, boolean created, OrgException error) {
        boolean success() {
            return error == null;
        }
    }

    /**
     * Applies {@code operation} (insert, update, upsert, delete, hardDelete) to {@code rows} of {@code objectName}
     * (canonical field name to value; null means "set to null"). {@code externalIdField} is for upsert.
     */
    static List<Outcome> write(OrgDatabase db, Caller caller, String objectName, String operation,
            String externalIdField, List<Map<String, Object>> rows) {
        List<Outcome> out = new ArrayList<>(rows.size());
        db.transaction(() -> {
            for (Map<String, Object> row : rows) {
                try {
                    out.add(db.transaction(() -> one(db, caller, objectName, operation, externalIdField, row)));
                } catch (OrgException e) {
                    out.add(new Outcome(idOf(row), false, e));
                }
            }
        });
        return out;
    }

    private static Outcome one(OrgDatabase db, Caller caller, String objectName, String operation,
            String externalIdField, Map<String, Object> row) {
        switch (operation) {
            case "insert" -> {
                return new Outcome(db.insert(caller, objectName, row), true, null);
            }
            case "update" -> {
                String id = requireId(row);
                db.update(caller, id, row);
                return new Outcome(Ids.canonical(id), false, null);
            }
            case "delete", "hardDelete" -> {
                // hardDelete skips the recycle bin on Salesforce; the local org's delete is the same row removal
                // for non-undeletable types and a soft delete otherwise (documented).
                String id = requireId(row);
                Record r = db.live(id);
                if (r == null || !r.objectName().equalsIgnoreCase(objectName)) {
                    throw new OrgException("ENTITY_IS_DELETED", "entity is deleted", List.of());
                }
                db.delete(caller, id);
                return new Outcome(r.id(), false, null);
            }
            case "upsert" -> {
                return upsert(db, caller, objectName, externalIdField, row);
            }
            default -> throw new IllegalArgumentException("operation " + operation);
        }
    }

    /** Upsert by Id or by an external id field: no match inserts, one match updates, several is an error. */
    private static Outcome upsert(OrgDatabase db, Caller caller, String objectName, String externalIdField,
            Map<String, Object> row) {
        Object key = row.get(externalIdField);
        if ("Id".equalsIgnoreCase(externalIdField)) {
            if (key == null) {
                Map<String, Object> values = new java.util.LinkedHashMap<>(row);
                values.remove("Id");
                return new Outcome(db.insert(caller, objectName, values), true, null);
            }
            db.update(caller, key.toString(), row);
            return new Outcome(Ids.canonical(key.toString()), false, null);
        }
        if (key == null) {
            throw new OrgException("MISSING_ARGUMENT", externalIdField + " not specified", List.of(externalIdField));
        }
        Object value = dev.warden.localorg.data.Values.coerce(db.schema().get(objectName).field(externalIdField), key);
        List<Record> matches = db.findBy(objectName, externalIdField, value).stream().filter(r -> !r.isDeleted())
                .toList();
        if (matches.size() > 1) {
            // Wording UNCONFIRMED.
            throw new OrgException("DUPLICATE_EXTERNAL_ID", externalIdField + ": more than one record found for"
                    + " external id field: " + matches.stream().map(Record::id).toList(), List.of(externalIdField));
        }
        if (matches.isEmpty()) {
            return new Outcome(db.insert(caller, objectName, row), true, null);
        }
        String id = matches.get(0).id();
        Map<String, Object> values = new java.util.LinkedHashMap<>(row);
        values.remove(externalIdField);
        db.update(caller, id, values);
        return new Outcome(id, false, null);
    }

    private static String requireId(Map<String, Object> row) {
        Object id = row.get("Id");
        if (id == null) {
            throw new OrgException("MISSING_ARGUMENT", "Id not specified in an update call", List.of("Id"));
        }
        return id.toString();
    }

    private static String idOf(Map<String, Object> row) {
        Object id = row.get("Id");
        return id == null || !Ids.isValid(id.toString()) ? null : Ids.canonical(id.toString());
    }
}
