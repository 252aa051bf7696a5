package dev.warden.localorg.data;

import java.util.List;

/**
 * The outcome of one row of {@link OrgDatabase#dml} or {@link OrgDatabase#upsert}.
 *
 * @param index the row's position in the call's input list
 * @param id the record id (canonical, 18 characters); null for a failed insert
 * @param errors empty on success
 * @param created upsert only: true when the row was inserted (false for updates and for every non-upsert call)
 */
public record RowResult(int index, String id, boolean success, List<RowError> errors, boolean created) {
    public RowResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The first error, or null on success. */
    public RowError firstError() {
        return errors.isEmpty() ? null : errors.get(0);
    }
}
