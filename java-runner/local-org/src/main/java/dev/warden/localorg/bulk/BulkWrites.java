package dev.warden.localorg.bulk;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.model.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk jobs' one way into the database: the batch write path ({@link OrgDatabase#dml} and {@link OrgDatabase#upsert})
 * with allOrNone=false, so a failed row does not undo the others (Bulk API semantics) and triggers fire once per
 * chunk of 200, as for every other API.
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
    static List<Outcome> write(
            OrgDatabase db,
            Caller caller,
            String objectName,
            String operation,
            String externalIdField,
            List<Map<String, Object>> rows) {
        List<RowResult> results = switch (operation) {
            case "insert" -> db.dml(caller, Operation.INSERT, objectName, rows, false);
            case "update" -> db.dml(caller, Operation.UPDATE, objectName, rows, false);
            // hardDelete skips the recycle bin on Salesforce; the local org's delete is the same row removal for
            // non-undeletable types and a soft delete otherwise (documented).
            case "delete", "hardDelete" -> db.dml(caller, Operation.DELETE, objectName, idsOnly(rows), false);
            case "upsert" -> db.upsert(caller, objectName, externalIdField, rows, false);
            default -> throw new IllegalArgumentException("operation " + operation);
        };
        List<Outcome> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RowResult r = results.get(i);
            String id = r.id() != null ? r.id() : idOf(rows.get(i));
            out.add(
                    r.success()
                            ? new Outcome(id, r.created() || operation.equals("insert"), null)
                            : new Outcome(
                                    id,
                                    false,
                                    r.errors().isEmpty()
                                            ? new OrgException("UNKNOWN_EXCEPTION", "the row was not saved", List.of())
                                            : r.errors().get(0).toException()));
        }
        return out;
    }

    private static List<Map<String, Object>> idsOnly(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Id", row.get("Id"));
            out.add(m);
        }
        return out;
    }

    private static String idOf(Map<String, Object> row) {
        Object id = row.get("Id");
        return id == null || !Ids.isValid(id.toString()) ? null : Ids.canonical(id.toString());
    }
}
