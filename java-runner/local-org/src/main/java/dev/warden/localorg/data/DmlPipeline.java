package dev.warden.localorg.data;

import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RecordChange.Phase;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.SObjectType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The batch write path behind {@link OrgDatabase#dml} and {@link OrgDatabase#upsert}: chunks, Salesforce's order of
 * execution per chunk, trigger hooks, all-or-none and partial saves (with the platform's retries), upsert
 * resolution. Runs under the database's write lock (inside {@link OrgDatabase#transaction}); the per-record save
 * itself is {@link OrgDatabase#save}. The contract is docs/local-org.md "Write path".
 */
final class DmlPipeline {
    /** Partial saves with triggers: first attempt plus two retries (Apex Developer Guide, "Bulk DML Exception Handling"). */
    private static final int MAX_ATTEMPTS = 3;

    private final OrgDatabase db;
    private final Map<String, List<TriggerHook>> hooks = new ConcurrentHashMap<>();
    private int triggerDepth;

    DmlPipeline(OrgDatabase db) {
        this.db = db;
    }

    void addHook(SObjectType type, TriggerHook hook) {
        hooks.computeIfAbsent(type.name().toLowerCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>())
                .add(hook);
    }

    void removeHook(String objectName, TriggerHook hook) {
        List<TriggerHook> list = hooks.get(objectName.toLowerCase(Locale.ROOT));
        if (list != null) {
            list.remove(hook);
        }
    }

    /** One row, all-or-none; its failure is thrown inside the transaction, so the transaction ends rolled back. */
    String single(Caller caller, Operation op, SObjectType named, Map<String, ?> values, String targetId) {
        Row row = new Row(0, values, targetId);
        db.transaction(() -> {
            run(caller, op, named, List.of(row), true);
            if (!row.ok()) {
                throw row.failure;
            }
            return null;
        });
        return row.id;
    }

    List<RowResult> dml(
            Caller caller, Operation op, SObjectType named, List<? extends Map<String, ?>> rows, boolean allOrNone) {
        List<Row> list = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, ?> values = rows.get(i);
            list.add(new Row(i, values, op == Operation.INSERT ? null : idOf(values)));
        }
        db.transaction(() -> run(caller, op, named, list, allOrNone));
        return results(list);
    }

    List<RowResult> upsert(
            Caller caller,
            SObjectType type,
            String externalIdField,
            List<? extends Map<String, ?>> rows,
            boolean allOrNone) {
        FieldDef key = upsertKey(type, externalIdField);
        List<Row> all = new ArrayList<>(rows.size());
        db.transaction(() -> {
            int mark = db.undoMark();
            List<Row> inserts = new ArrayList<>();
            List<Row> updates = new ArrayList<>();
            Map<Object, Row> seen = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, ?> values = rows.get(i);
                Object raw = valueOf(values, key.name());
                Row r = new Row(i, values, null);
                all.add(r);
                if (raw == null || raw.toString().isEmpty()) {
                    r.created = true;
                    inserts.add(r);
                    continue;
                }
                try {
                    Object k = key.name().equals("Id") ? canonicalId(raw.toString()) : Values.coerce(key, raw);
                    Object normal = k instanceof String s ? s.toLowerCase(Locale.ROOT) : k;
                    Row earlier = seen.put(normal, r);
                    if (earlier != null) {
                        // Wording UNCONFIRMED.
                        OrgException dup = new OrgException(
                                "DUPLICATE_EXTERNAL_ID",
                                "Duplicate external id specified: " + raw,
                                List.of(key.name()));
                        earlier.fail(dup);
                        r.fail(dup);
                        continue;
                    }
                    List<String> matches = matches(type, key, k);
                    if (matches.size() > 1) {
                        // Wording UNCONFIRMED.
                        r.fail(new OrgException(
                                "DUPLICATE_EXTERNAL_ID",
                                key.name() + ": more than one record found" + " for external id field: " + matches,
                                List.of(key.name())));
                    } else if (matches.size() == 1) {
                        r.targetId = matches.get(0);
                        updates.add(r);
                    } else if (key.name().equals("Id")) {
                        // An Id that names no record of the type; wording UNCONFIRMED.
                        r.fail(new OrgException("INVALID_ID_FIELD", "invalid record id", List.of("Id")));
                    } else {
                        r.created = true;
                        inserts.add(r);
                    }
                } catch (OrgException e) {
                    r.fail(e);
                }
            }
            boolean failed = all.stream().anyMatch(r -> !r.ok());
            if (!(failed && allOrNone)) {
                failed |= process(caller, Operation.INSERT, type, inserts, allOrNone);
                if (!(failed && allOrNone)) {
                    process(caller, Operation.UPDATE, type, updates, allOrNone);
                }
            }
            finish(mark, Operation.INSERT, inserts, allOrNone, all);
            finish(mark, Operation.UPDATE, updates, allOrNone, all);
            return null;
        });
        return results(all);
    }

    /** One row's state through the pipeline. */
    private static final class Row {
        final int index;
        final Map<String, ?> input;
        String targetId;
        SObjectType type;
        Record before;
        Map<String, Object> draft;
        String explicitId;
        String id;
        Record after;
        List<RowError> errors;
        OrgException failure;
        boolean created;

        Row(int index, Map<String, ?> input, String targetId) {
            this.index = index;
            this.input = input;
            this.targetId = targetId;
        }

        boolean ok() {
            return errors == null;
        }

        void fail(OrgException e) {
            if (errors == null) {
                errors = List.of(RowError.of(e));
                failure = e;
            }
        }

        void fail(List<RowError> list) {
            if (errors == null) {
                errors = List.copyOf(list);
                failure = list.get(0).toException();
            }
        }

        /** Back to the state before an attempt (a partial-save retry). */
        void reset(Operation op) {
            before = null;
            draft = null;
            explicitId = null;
            after = null;
            if (op == Operation.INSERT) {
                id = null;
            }
        }
    }

    private Void run(Caller caller, Operation op, SObjectType named, List<Row> rows, boolean allOrNone) {
        int mark = db.undoMark();
        process(caller, op, named, rows, allOrNone);
        finish(mark, op, rows, allOrNone, rows);
        return null;
    }

    /** Resolves types, then runs the chunks; true when a row failed. All-or-none stops at the first failing chunk. */
    private boolean process(Caller caller, Operation op, SObjectType named, List<Row> rows, boolean allOrNone) {
        boolean failed = false;
        for (Row r : rows) {
            if (r.ok()) {
                try {
                    r.type = op == Operation.INSERT ? named : typeOf(op, named, r.targetId);
                } catch (OrgException e) {
                    r.fail(e);
                }
            }
            failed |= !r.ok();
        }
        if (failed && allOrNone) {
            return true;
        }
        List<Row> chunk = new ArrayList<>();
        for (Row r : rows) {
            if (!r.ok()) {
                continue;
            }
            if (!chunk.isEmpty() && (chunk.get(0).type != r.type || chunk.size() == OrgDatabase.CHUNK_SIZE)) {
                failed |= runChunk(caller, op, chunk, allOrNone);
                chunk = new ArrayList<>();
                if (failed && allOrNone) {
                    return true;
                }
            }
            chunk.add(r);
        }
        if (!chunk.isEmpty()) {
            failed |= runChunk(caller, op, chunk, allOrNone);
        }
        return failed;
    }

    /** All-or-none with a failure: roll back to {@code mark}; every row that did not fail reports the rollback. */
    private void finish(int mark, Operation op, List<Row> rows, boolean allOrNone, List<Row> callRows) {
        if (!allOrNone || callRows.stream().allMatch(Row::ok)) {
            return;
        }
        db.rollbackTo(mark);
        for (Row r : rows) {
            if (r.ok()) {
                if (op == Operation.INSERT) {
                    r.id = null;
                }
                r.created = false;
                // The platform's own words (REST composite/sobjects, allOrNone).
                r.fail(new OrgException(
                        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                        "Record rolled back because not all"
                                + " records were valid and the request was using AllOrNone header"));
            }
        }
    }

    /**
     * One chunk. Without hooks a failing row is undone alone and the others stay. With hooks and a partial save, a
     * row failing after the hooks saw it rolls the chunk back and the remaining rows are retried (hooks fire
     * again), at most {@link #MAX_ATTEMPTS} attempts, as Salesforce does.
     */
    private boolean runChunk(Caller caller, Operation op, List<Row> chunk, boolean allOrNone) {
        SObjectType type = chunk.get(0).type;
        List<TriggerHook> hs = hooks.getOrDefault(type.name().toLowerCase(Locale.ROOT), List.of());
        int chunkMark = db.undoMark();
        for (int attempt = 1; ; attempt++) {
            List<Row> live = okRows(chunk);
            if (live.isEmpty()) {
                break;
            }
            boolean lateFailure = attempt(caller, op, type, live, hs);
            if (!lateFailure || allOrNone || hs.isEmpty()) {
                break;
            }
            List<Row> survivors = okRows(live);
            db.rollbackTo(chunkMark);
            survivors.forEach(r -> r.reset(op));
            if (survivors.isEmpty()) {
                break;
            }
            if (attempt == MAX_ATTEMPTS) {
                // Message from the Apex Developer Guide; the status code is UNCONFIRMED.
                OrgException e = new OrgException(
                        "UNKNOWN_EXCEPTION",
                        "Too many batch retries in the presence of Apex triggers and partial failures.");
                survivors.forEach(r -> r.fail(e));
                break;
            }
        }
        return chunk.stream().anyMatch(r -> !r.ok());
    }

    /** One attempt at a chunk; true when a row failed after the hooks had seen it. */
    private boolean attempt(Caller caller, Operation op, SObjectType type, List<Row> live, List<TriggerHook> hs) {
        for (Row r : live) {
            try {
                prepare(caller, op, type, r);
            } catch (OrgException e) {
                r.fail(e);
            }
        }
        List<Row> rows = okRows(live);
        if (rows.isEmpty()) {
            return false;
        }
        boolean hooked = !hs.isEmpty();
        if (hooked && triggerDepth >= OrgDatabase.MAX_TRIGGER_DEPTH) {
            // Salesforce: "maximum trigger depth exceeded" (exact surrounding text UNCONFIRMED).
            OrgException e = new OrgException(
                    "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", hs.get(0).name() + ": maximum trigger depth exceeded");
            rows.forEach(r -> r.fail(e));
            return false;
        }
        boolean late = false;
        if (hooked && op != Operation.UNDELETE) {
            TriggerBatch batch = batch(Phase.BEFORE, op, type, caller, rows);
            late |= fireHooks(hs, batch, rows);
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                if (r.ok() && (op == Operation.INSERT || op == Operation.UPDATE)) {
                    try {
                        r.draft = normalise(op, r, batch.newRows().get(i));
                    } catch (OrgException e) {
                        r.fail(e);
                        late = true;
                    }
                }
            }
        }
        for (Row r : okRows(rows)) {
            int rowMark = db.undoMark();
            try {
                r.after = db.save(caller, op, type, r.before, r.draft, r.explicitId);
                r.id = r.after.id();
            } catch (OrgException e) {
                db.rollbackTo(rowMark);
                r.fail(e);
                late |= hooked;
            }
        }
        List<Row> written = okRows(rows);
        if (hooked && !written.isEmpty()) {
            late |= fireHooks(hs, batch(Phase.AFTER, op, type, caller, written), written);
        }
        return late;
    }

    /** Runs the hooks of one phase; rows they reject fail. True when any row failed. */
    private boolean fireHooks(List<TriggerHook> hs, TriggerBatch batch, List<Row> rows) {
        triggerDepth++;
        try {
            for (TriggerHook h : hs) {
                if (batch.isBefore()) {
                    h.before(batch);
                } else {
                    h.after(batch);
                }
            }
        } catch (OrgException e) {
            rows.forEach(r -> r.fail(e));
            return true;
        } finally {
            triggerDepth--;
        }
        boolean failed = false;
        for (int i = 0; i < rows.size(); i++) {
            if (batch.hasErrors(i)) {
                rows.get(i).fail(batch.errorsOf(i));
                failed = true;
            }
        }
        return failed;
    }

    private TriggerBatch batch(Phase phase, Operation op, SObjectType type, Caller caller, List<Row> rows) {
        List<Record> old = new ArrayList<>(rows.size());
        List<Map<String, Object>> news = new ArrayList<>(rows.size());
        List<String> ids = new ArrayList<>(rows.size());
        for (Row r : rows) {
            ids.add(r.id);
            if (op != Operation.INSERT) {
                old.add(r.before);
            }
            if (op == Operation.DELETE) {
                continue;
            }
            if (phase == Phase.AFTER) {
                news.add(Collections.unmodifiableMap(r.after.toMap()));
            } else if (op == Operation.UPDATE) {
                Map<String, Object> whole = new LinkedHashMap<>(r.before.toMap());
                whole.putAll(r.draft);
                news.add(whole);
            } else {
                news.add(r.draft);
            }
        }
        return new TriggerBatch(op, phase, type, caller, old, news, ids, triggerDepth + 1);
    }

    /** A before hook's view of a row back to a draft: canonical names, converted values; on update only changes. */
    private static Map<String, Object> normalise(Operation op, Row r, Map<String, Object> view) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : view.entrySet()) {
            FieldDef f = r.type.field(e.getKey());
            if (f == null) {
                throw new OrgException(
                        "INVALID_FIELD",
                        "No such column '" + e.getKey() + "' on sobject of type " + r.type.name(),
                        List.of(e.getKey()));
            }
            if (f.name().equals("Id")) {
                continue;
            }
            if (op == Operation.UPDATE
                    && !r.draft.containsKey(f.name())
                    && OrgDatabase.sameValue(r.before.get(f.name()), e.getValue())) {
                continue;
            }
            out.put(f.name(), Values.coerce(f, e.getValue()));
        }
        return out;
    }

    /** System validation: the record exists, the type allows the operation, fields exist, are writable and convert. */
    private void prepare(Caller caller, Operation op, SObjectType type, Row r) {
        switch (op) {
            case INSERT -> {
                if (!caller.system() && !type.capabilities().createable()) {
                    throw new OrgException(
                            "INVALID_TYPE_FOR_OPERATION", "entity type " + type.name() + " does not support insert");
                }
                Map<String, ?> input = ForeignKeys.resolve(db, type, r.input);
                Map<String, Object> draft = db.draftOf(caller, type, input, true);
                for (FieldDef f : type.fields()) {
                    if (f.defaultValue() != null && !draft.containsKey(f.name())) {
                        draft.put(f.name(), f.defaultValue());
                    }
                }
                r.explicitId = (String) draft.remove("Id");
                r.draft = draft;
            }
            case UPDATE -> {
                Record before = db.requireLive(r.targetId);
                if (!caller.system() && !type.capabilities().updateable()) {
                    throw new OrgException(
                            "INVALID_TYPE_FOR_OPERATION", "entity type " + type.name() + " does not support update");
                }
                Map<String, ?> input = ForeignKeys.resolve(db, type, r.input);
                Map<String, Object> draft = db.draftOf(caller, type, input, false);
                Object givenId = draft.remove("Id");
                if (givenId != null && !Ids.canonical(givenId.toString()).equals(before.id())) {
                    throw new OrgException(
                            "INVALID_ID_FIELD", "The Id field should not be specified in the sobject data.");
                }
                r.before = before;
                r.id = before.id();
                r.draft = draft;
            }
            case DELETE -> {
                Record before = db.requireLive(r.targetId);
                if (!caller.system() && !type.capabilities().deletable()) {
                    throw new OrgException(
                            "INVALID_TYPE_FOR_OPERATION", "entity type " + type.name() + " does not support delete");
                }
                r.before = before;
                r.id = before.id();
            }
            case UNDELETE -> {
                Record before = inRecycleBin(r.targetId);
                r.before = before;
                r.id = before.id();
            }
        }
    }

    /** The type a row's Id names; the errors are those the row's operation reports for a bad or unknown id. */
    private SObjectType typeOf(Operation op, SObjectType named, String rawId) {
        SObjectType t = rawId != null && Ids.isValid(rawId) ? db.schema().forId(Ids.canonical(rawId)) : null;
        if (t == null) {
            if (op == Operation.UNDELETE) {
                inRecycleBin(rawId);
            }
            db.requireLive(rawId);
            throw OrgException.notFound();
        }
        if (named != null && t != named) {
            throw new OrgException(
                    "MALFORMED_ID", named.name() + " ID: id value of incorrect type: " + rawId, List.of("Id"));
        }
        return t;
    }

    private Record inRecycleBin(String rawId) {
        Record before = rawId == null ? null : db.retrieve(rawId);
        if (before == null) {
            throw new OrgException("INVALID_ID_FIELD", "invalid record id");
        }
        if (!before.isDeleted()) {
            throw new OrgException("UNDELETE_FAILED", "Entity is not in the recycle bin");
        }
        return before;
    }

    private FieldDef upsertKey(SObjectType type, String name) {
        FieldDef f = name == null ? null : type.field(name);
        if (f == null) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "INVALID_FIELD",
                    "Field " + name + " does not exist on " + type.name(),
                    name == null ? List.of() : List.of(name));
        }
        boolean idLookup = f.name().equals("Id") || f.externalId() || (!f.custom() && f.unique());
        if (!idLookup) {
            // Wording UNCONFIRMED (as commonly reported by SOAP upsert).
            throw new OrgException(
                    "INVALID_FIELD",
                    "Field name provided, " + f.name() + " is not an External ID or indexed field for " + type.name(),
                    List.of(f.name()));
        }
        return f;
    }

    private List<String> matches(SObjectType type, FieldDef key, Object value) {
        if (key.name().equals("Id")) {
            Object[] row = db.table(type).get((String) value);
            return row != null && db.table(type).isLive(row) ? List.of((String) value) : List.of();
        }
        return new ArrayList<>(db.table(type).lookup(type.slot(key.name()), value));
    }

    private static String canonicalId(String raw) {
        if (!Ids.isValid(raw)) {
            throw new OrgException("MALFORMED_ID", "Id: id value of incorrect type: " + raw, List.of("Id"));
        }
        return Ids.canonical(raw);
    }

    private static Object valueOf(Map<String, ?> values, String field) {
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String idOf(Map<String, ?> values) {
        Object id = valueOf(values, "Id");
        return id == null ? null : id.toString();
    }

    private static List<Row> okRows(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.ok()) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<RowResult> results(List<Row> rows) {
        List<RowResult> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            String id = r.id != null
                    ? r.id
                    : r.targetId != null && Ids.isValid(r.targetId) ? Ids.canonical(r.targetId) : r.targetId;
            out.add(new RowResult(r.index, id, r.ok(), r.errors, r.ok() && r.created));
        }
        return out;
    }
}
