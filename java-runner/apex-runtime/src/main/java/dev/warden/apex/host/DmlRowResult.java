package dev.warden.apex.host;

import java.util.List;

/** The outcome of one row of a DML call: its id (new for inserts) or errors; {@code created} for upserts. */
public record DmlRowResult(String id, boolean success, boolean created, List<DmlError> errors) {
    public DmlRowResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static DmlRowResult ok(String id, boolean created) {
        return new DmlRowResult(id, true, created, List.of());
    }

    public static DmlRowResult failed(String id, DmlError error) {
        return new DmlRowResult(id, false, false, List.of(error));
    }
}
