package dev.warden.runner.salesforce;

import dev.warden.runner.org.OrgModel.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-row results of a multi-row write, whichever API carried them (REST composite/sobjects or Partner SOAP), read
 * one way: work that is already done counts as done, so re-running converges.
 */
public final class RowOutcomes {
    private RowOutcomes() {}

    /** One row's result: the record id on success, else the first error code and the error text. */
    public record Row(boolean success, String id, String errorCode, String message) {}

    /**
     * The assignments created, in input order. DUPLICATE_VALUE (already assigned) counts as done, as sf does; any other
     * failure throws. The provisioner restores from its journal snapshot, so the rows that went through need no list.
     */
    public static List<Assignment> assignments(
            String what, String userId, List<Map.Entry<String, String>> entries, List<Row> rows) {
        List<Assignment> created = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Row r = rows.get(i);
            var e = entries.get(i);
            if (r.success()) {
                created.add(new Assignment(r.id(), e.getValue(), e.getKey()));
            } else if (!"DUPLICATE_VALUE".equals(r.errorCode())) {
                failures.add(e.getKey() + ": " + r.message());
            }
        }
        if (!failures.isEmpty()) {
            throw new SalesforceException(
                    "assignment", 400, null, what + " to " + userId + " failed for " + String.join(" | ", failures));
        }
        return created;
    }

    /** ENTITY_IS_DELETED (already gone) counts as done; any other failure throws. */
    public static void deletions(List<Row> rows) {
        List<String> failures = new ArrayList<>();
        for (Row r : rows) {
            if (!r.success() && !"ENTITY_IS_DELETED".equals(r.errorCode())) {
                failures.add(r.id() + ": " + r.message());
            }
        }
        if (!failures.isEmpty()) {
            throw new SalesforceException("delete assignments", 400, "DELETE_FAILED", String.join(" | ", failures));
        }
    }
}
