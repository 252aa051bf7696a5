package dev.warden.localorg.data;

import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RecordChange.Phase;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The org's data service: every insert, update, delete and undelete goes through here — as batches through
 * {@link #dml} / {@link #upsert} (the write path, {@link DmlPipeline}: chunks of 200, trigger hooks, Salesforce's
 * order of execution), single-row calls being batches of one — so trigger hooks, the platform rules and the record
 * change listeners always run. One writer at a time; readers get
 * consistent snapshots. Work inside {@link #transaction} is all-or-none: an exception rolls every write of the
 * transaction back (nested transactions roll back to their own start, like a savepoint).
 */
public final class OrgDatabase {
    private final Schema schema;
    private final Clock clock;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Registration> listeners = new CopyOnWriteArrayList<>();
    private final List<TransactionListener> transactionListeners = new CopyOnWriteArrayList<>();
    private final List<PublishedEvent> events = new ArrayList<>();
    private final List<Undo> undo = new ArrayList<>();
    private int depth;
    private volatile CalculatedFields calculated;

    private record Registration(String objectName, RecordChangeListener listener, boolean platform) {}

    private record Undo(Table table, String id, Object[] previous, PublishedEvent event) {}

    /** A platform event published to the org's event bus (kept in order; shown by {@code /_local/state}). */
    public record PublishedEvent(
            String objectName, String id, String replayId, Instant publishedAt, Map<String, Object> fields) {}

    public OrgDatabase(Schema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    public Schema schema() {
        return schema;
    }

    /** Installs the computation of formula and roll-up summary fields for every record read from now on. */
    public void setCalculatedFields(CalculatedFields c) {
        calculated = c;
    }

    public Clock clock() {
        return clock;
    }

    /** Listens to changes of one object type ({@code objectName}) or of all types ({@code null}). */
    public void addListener(String objectName, RecordChangeListener listener) {
        listeners.add(new Registration(objectName, listener, false));
    }

    /** Platform rules run before any other listener in both phases. */
    public void addPlatformRule(String objectName, RecordChangeListener rule) {
        listeners.add(new Registration(objectName, rule, true));
    }

    /** Runs {@code work} as one all-or-none unit. */
    public <T> T transaction(Supplier<T> work) {
        lock.writeLock().lock();
        int mark = undo.size();
        depth++;
        boolean committed = false;
        try {
            if (depth == 1) {
                transactionListeners.forEach(TransactionListener::begin);
            }
            T result = work.get();
            if (depth == 1) {
                undo.clear();
                committed = true;
            }
            return result;
        } catch (RuntimeException | Error e) {
            rollbackTo(mark);
            throw e;
        } finally {
            if (depth == 1) {
                for (TransactionListener l : transactionListeners) {
                    l.end(committed);
                }
            }
            depth--;
            lock.writeLock().unlock();
        }
    }

    /**
     * Told when an outermost transaction begins and ends (each API call's writes are one), so per-transaction state
     * such as Apex static variables can live exactly as long as the transaction. Runs on the writing thread, under
     * the write lock; a listener must not throw.
     */
    public interface TransactionListener {
        void begin();

        void end(boolean committed);
    }

    public void addTransactionListener(TransactionListener listener) {
        transactionListeners.add(Objects.requireNonNull(listener));
    }

    /** True inside {@link #transaction} on this thread. */
    public boolean inTransaction() {
        return lock.isWriteLockedByCurrentThread() && depth > 0;
    }

    public void transaction(Runnable work) {
        transaction(() -> {
            work.run();
            return null;
        });
    }

    // ---------------------------------------------------------------- reads

    /** The record with this id (15 or 18 characters), deleted or not; null when unknown or malformed. */
    public Record retrieve(String id) {
        if (!Ids.isValid(id)) {
            return null;
        }
        String canonical = Ids.canonical(id);
        SObjectType type = schema.forId(canonical);
        if (type == null) {
            return null;
        }
        lock.readLock().lock();
        try {
            Object[] row = table(type).get(canonical);
            return row == null ? null : new Record(calculated, type, row);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A live (not deleted) record, or null. */
    public Record live(String id) {
        Record r = retrieve(id);
        return r == null || r.isDeleted() ? null : r;
    }

    /** Snapshot of a type's rows in insertion order. */
    public List<Record> rows(String objectName, boolean includeDeleted) {
        SObjectType type = requireType(objectName);
        lock.readLock().lock();
        try {
            Table t = table(type);
            List<Record> out = new ArrayList<>(t.size());
            for (Object[] row : t.all()) {
                if (includeDeleted || t.isLive(row)) {
                    out.add(new Record(calculated, type, row));
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int count(String objectName) {
        SObjectType type = requireType(objectName);
        lock.readLock().lock();
        try {
            return table(type).size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live records whose {@code field} equals {@code value} (strings compared case-insensitively), indexed. */
    public List<Record> findBy(String objectName, String field, Object value) {
        SObjectType type = requireType(objectName);
        int slot = type.slot(field);
        if (slot < 0) {
            throw new IllegalArgumentException("No field " + field + " on " + objectName);
        }
        Object key = value instanceof String s && type.fieldAt(slot).type() == FieldType.REFERENCE && Ids.isValid(s)
                ? Ids.canonical(s)
                : value;
        Table t = table(type);
        lock.readLock().lock();
        try {
            if (t.hasIndex(slot)) {
                return collect(type, t, slot, key);
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock(); // building an index on first use mutates the table
        try {
            return collect(type, t, slot, key);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private List<Record> collect(SObjectType type, Table t, int slot, Object key) {
        List<Record> out = new ArrayList<>();
        for (String id : t.lookup(slot, key)) {
            out.add(new Record(calculated, type, t.get(id)));
        }
        return out;
    }

    public Record findOne(String objectName, String field, Object value) {
        List<Record> found = findBy(objectName, field, value);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Platform events published so far, oldest first. */
    public List<PublishedEvent> publishedEvents() {
        lock.readLock().lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- writes (see DmlPipeline and docs "Write path")

    /** Salesforce's trigger chunk: hooks see at most this many rows at once. */
    public static final int CHUNK_SIZE = 200;
    /** Salesforce's maximum trigger depth: hooks nest at most this deep. */
    public static final int MAX_TRIGGER_DEPTH = 16;

    private final DmlPipeline pipeline = new DmlPipeline(this);

    /** Inserts one record (a batch of one, all-or-none); a failure is thrown as the row's {@link OrgException}. */
    public String insert(Caller caller, String objectName, Map<String, ?> values) {
        SObjectType type = requireType(objectName);
        return pipeline.single(caller, Operation.INSERT, type, values, null);
    }

    public void update(Caller caller, String id, Map<String, ?> values) {
        pipeline.single(caller, Operation.UPDATE, null, values, id);
    }

    public void delete(Caller caller, String id) {
        pipeline.single(caller, Operation.DELETE, null, Map.of(), id);
    }

    public void undelete(Caller caller, String id) {
        pipeline.single(caller, Operation.UNDELETE, null, Map.of(), id);
    }

    /** Registers a batch trigger on {@code objectName}; hooks run in registration order. */
    public void addTriggerHook(String objectName, TriggerHook hook) {
        pipeline.addHook(requireType(objectName), Objects.requireNonNull(hook));
    }

    public void removeTriggerHook(String objectName, TriggerHook hook) {
        pipeline.removeHook(objectName, hook);
    }

    /**
     * Batch DML, the write path of every API: rows are processed in chunks of at most {@link #CHUNK_SIZE} (a new
     * chunk also starts where the object type changes), each with Salesforce's order of execution (system
     * validation, before hooks, per record: platform rules + validation + write, after hooks), inside the caller's
     * transaction. See docs/local-org.md "Write path".
     *
     * @param objectName the type; required for insert; for update/delete/undelete null means "from each row's Id"
     * @param rows insert: field values; update: field values plus {@code Id}; delete/undelete: {@code Id}
     * @param allOrNone true: any row error rolls the whole call back (the other rows report
     *                  ALL_OR_NONE_OPERATION_ROLLED_BACK); false: failed rows are reported, the rest are saved
     * @return one result per row, in input order
     */
    public List<RowResult> dml(
            Caller caller, Operation op, String objectName, List<? extends Map<String, ?>> rows, boolean allOrNone) {
        SObjectType named = objectName == null ? null : requireType(objectName);
        if (op == Operation.INSERT && named == null) {
            throw new IllegalArgumentException("insert needs the object name");
        }
        return pipeline.dml(caller, op, named, rows, allOrNone);
    }

    /**
     * Upsert: each row is matched on {@code externalIdField} ({@code Id}, an External ID field, or a unique standard
     * field, which the platform calls idLookup) and resolves to an insert (no match) or an update (one match); then
     * the inserts and the updates run through {@link #dml}'s pipeline in one transaction (inserts first; order
     * UNCONFIRMED). {@link RowResult#created()} tells which. Several matches fail the row with DUPLICATE_EXTERNAL_ID.
     *
     * @throws OrgException INVALID_FIELD when the field does not exist or may not be used as an upsert key
     */
    public List<RowResult> upsert(
            Caller caller,
            String objectName,
            String externalIdField,
            List<? extends Map<String, ?>> rows,
            boolean allOrNone) {
        SObjectType type = requireType(objectName);
        return pipeline.upsert(caller, type, externalIdField, rows, allOrNone);
    }

    /** Inside a transaction: a point to roll back to, like Apex's {@code Database.setSavepoint()}. */
    public Savepoint setSavepoint() {
        requireTransaction();
        return new Savepoint(undo.size(), depth);
    }

    /** Undoes every write since {@code savepoint} (Apex's {@code Database.rollback}); the transaction goes on. */
    public void rollback(Savepoint savepoint) {
        requireTransaction();
        if (savepoint.mark() > undo.size() || savepoint.depth() > depth) {
            throw new IllegalStateException("savepoint is no longer valid");
        }
        rollbackTo(savepoint.mark());
    }

    /** A mark in the current transaction's undo log. */
    public record Savepoint(int mark, int depth) {}

    private void requireTransaction() {
        if (!inTransaction()) {
            throw new IllegalStateException("savepoints exist only inside OrgDatabase.transaction");
        }
    }

    /**
     * The save of one record, the pipeline's step 3: the platform rules' and record listeners' before phase,
     * validation again (required, references, picklists, unique), the write, their after phase. Returns the record
     * as stored (for delete: as it was, or as marked deleted).
     *
     * @param draft insert/update: the values to write (insert: may gain Name from an AutoNumber)
     */
    Record save(
            Caller caller,
            Operation op,
            SObjectType type,
            Record before,
            Map<String, Object> draft,
            String explicitId) {
        switch (op) {
            case INSERT -> {
                fire(new RecordChange(Operation.INSERT, Phase.BEFORE, type, null, null, null, draft, caller));
                Table table = table(type);
                String autoFormat = schema.autoNumberFormat(type.name());
                if (autoFormat != null) {
                    draft.put("Name", autoNumber(autoFormat, ++table.autoNumber));
                }
                validate(type, draft, null);
                String id = explicitId != null && caller.system() ? Ids.canonical(explicitId) : newId(type.keyPrefix());
                Instant now = clock.instant();
                Object[] row = new Object[type.fieldCount()];
                row[0] = id;
                for (Map.Entry<String, Object> e : draft.entrySet()) {
                    row[type.slot(e.getKey())] = e.getValue();
                }
                setIfPresent(type, row, "IsDeleted", Boolean.FALSE);
                setIfPresent(type, row, "CreatedDate", now);
                setIfPresent(type, row, "CreatedById", caller.userId());
                setIfPresent(type, row, "LastModifiedDate", now);
                setIfPresent(type, row, "LastModifiedById", caller.userId());
                setIfPresent(type, row, "SystemModstamp", now);
                if (type.slot("OwnerId") >= 0 && row[type.slot("OwnerId")] == null) {
                    row[type.slot("OwnerId")] = caller.userId();
                }
                Record after = new Record(calculated, type, row);
                if (type.kind() == ObjectKind.PLATFORM_EVENT) {
                    long replay = sequences
                            .computeIfAbsent("replay", k -> new AtomicLong())
                            .incrementAndGet();
                    row[type.slot("ReplayId")] = Long.toString(replay);
                    row[type.slot("EventUuid")] = java.util.UUID.randomUUID().toString();
                    PublishedEvent ev = new PublishedEvent(
                            type.name(), id, Long.toString(replay), now, Collections.unmodifiableMap(after.toMap()));
                    events.add(ev);
                    undo.add(new Undo(null, id, null, ev));
                } else {
                    table.put(id, row);
                    undo.add(new Undo(table, id, null, null));
                }
                fire(new RecordChange(Operation.INSERT, Phase.AFTER, type, id, null, after, null, caller));
                return after;
            }
            case UPDATE -> {
                fire(new RecordChange(Operation.UPDATE, Phase.BEFORE, type, before.id(), before, null, draft, caller));
                validate(type, draft, before);
                Object[] row = java.util.Arrays.copyOf(before.raw(), type.fieldCount());
                for (Map.Entry<String, Object> e : draft.entrySet()) {
                    row[type.slot(e.getKey())] = e.getValue();
                }
                Instant now = clock.instant();
                setIfPresent(type, row, "LastModifiedDate", now);
                setIfPresent(type, row, "LastModifiedById", caller.userId());
                setIfPresent(type, row, "SystemModstamp", now);
                Table table = table(type);
                table.put(before.id(), row);
                undo.add(new Undo(table, before.id(), before.raw(), null));
                Record after = new Record(calculated, type, row);
                fire(new RecordChange(Operation.UPDATE, Phase.AFTER, type, before.id(), before, after, null, caller));
                return after;
            }
            case DELETE -> {
                fire(new RecordChange(Operation.DELETE, Phase.BEFORE, type, before.id(), before, null, null, caller));
                Table table = table(type);
                Record after = before;
                if (type.capabilities().undeletable()) {
                    Object[] row = java.util.Arrays.copyOf(before.raw(), type.fieldCount());
                    row[type.slot("IsDeleted")] = Boolean.TRUE;
                    setIfPresent(type, row, "SystemModstamp", clock.instant());
                    table.put(before.id(), row);
                    after = new Record(calculated, type, row);
                } else {
                    table.remove(before.id());
                }
                undo.add(new Undo(table, before.id(), before.raw(), null));
                fire(new RecordChange(Operation.DELETE, Phase.AFTER, type, before.id(), before, null, null, caller));
                return after;
            }
            case UNDELETE -> {
                fire(new RecordChange(Operation.UNDELETE, Phase.BEFORE, type, before.id(), before, null, null, caller));
                Object[] row = java.util.Arrays.copyOf(before.raw(), type.fieldCount());
                row[type.slot("IsDeleted")] = Boolean.FALSE;
                checkUnique(type, row, before.id());
                Table table = table(type);
                table.put(before.id(), row);
                undo.add(new Undo(table, before.id(), before.raw(), null));
                Record after = new Record(calculated, type, row);
                fire(new RecordChange(Operation.UNDELETE, Phase.AFTER, type, before.id(), before, after, null, caller));
                return after;
            }
            default -> throw new IllegalArgumentException("operation " + op);
        }
    }

    int undoMark() {
        return undo.size();
    }

    // ---------------------------------------------------------------- helpers

    /** Canonical-name draft from API input: unknown fields and fields the caller may not write are errors. */
    Map<String, Object> draftOf(Caller caller, SObjectType type, Map<String, ?> values, boolean create) {
        Map<String, Object> draft = new LinkedHashMap<>();
        List<String> notWritable = new ArrayList<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            FieldDef f = type.field(e.getKey());
            if (f == null) {
                throw new OrgException(
                        "INVALID_FIELD",
                        "No such column '" + e.getKey() + "' on sobject of type " + type.name(),
                        List.of(e.getKey()));
            }
            if (f.name().equals("Id")) {
                if (e.getValue() != null) {
                    draft.put("Id", e.getValue().toString());
                }
                continue;
            }
            boolean writable = create ? f.createable() : f.updateable();
            if (!caller.system() && !writable) {
                notWritable.add(f.name());
                continue;
            }
            draft.put(f.name(), Values.coerce(f, e.getValue()));
        }
        if (!notWritable.isEmpty()) {
            throw new OrgException(
                    "INVALID_FIELD_FOR_INSERT_UPDATE",
                    "Unable to create/update fields: "
                            + String.join(", ", notWritable)
                            + ". Please check the security settings of this field and verify"
                            + " that it is read/write for your user or administrator.",
                    notWritable);
        }
        return draft;
    }

    private void validate(SObjectType type, Map<String, Object> draft, Record before) {
        List<String> missing = new ArrayList<>();
        for (FieldDef f : type.fields()) {
            if (!f.required()) {
                continue;
            }
            boolean given = draft.containsKey(f.name());
            Object v = given ? draft.get(f.name()) : before == null ? null : before.get(f.name());
            if (v == null && (before == null || given)) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new OrgException("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
        }
        for (Map.Entry<String, Object> e : draft.entrySet()) {
            FieldDef f = type.field(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (f.type() == FieldType.REFERENCE) {
                e.setValue(checkReference(f, v.toString()));
            } else if (f.type() == FieldType.PICKLIST
                    && !f.picklistValues().isEmpty()
                    && f.picklistValues().stream().noneMatch(p -> p.equals(v))) {
                throw new OrgException(
                        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                        f.label() + ": bad value for restricted picklist field: " + v,
                        List.of(f.name()));
            }
        }
        Object[] probe = new Object[type.fieldCount()];
        if (before != null) {
            System.arraycopy(before.raw(), 0, probe, 0, Math.min(before.raw().length, probe.length));
        }
        draft.forEach((k, v) -> probe[type.slot(k)] = v);
        checkUnique(type, probe, before == null ? null : before.id());
    }

    private String checkReference(FieldDef f, String value) {
        if (!Ids.isValid(value)) {
            throw new OrgException(
                    "MALFORMED_ID", f.label() + ": id value of incorrect type: " + value, List.of(f.name()));
        }
        String id = Ids.canonical(value);
        SObjectType target = schema.forId(id);
        if (target != null
                && !f.referenceTo().isEmpty()
                && f.referenceTo().stream().noneMatch(t -> t.equalsIgnoreCase(target.name()))) {
            throw new OrgException(
                    "FIELD_INTEGRITY_EXCEPTION",
                    f.label() + ": id value of incorrect type: " + value,
                    List.of(f.name()));
        }
        Object[] row = target == null ? null : table(target).get(id);
        if (row == null || !table(target).isLive(row)) {
            throw new OrgException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of(f.name()));
        }
        return id;
    }

    private void checkUnique(SObjectType type, Object[] row, String selfId) {
        Table t = table(type);
        for (FieldDef f : type.fields()) {
            if (!f.unique()) {
                continue;
            }
            int slot = type.slot(f.name());
            Object v = slot < row.length ? row[slot] : null;
            if (v == null) {
                continue;
            }
            for (String other : t.lookup(slot, v)) {
                if (!other.equals(selfId)) {
                    throw new OrgException(
                            "DUPLICATE_VALUE",
                            "duplicate value found: " + f.name() + " duplicates value on record with id: " + other,
                            List.of(f.name()));
                }
            }
        }
    }

    private void fire(RecordChange change) {
        for (Registration r : listeners) {
            if (r.objectName() == null || r.objectName().equalsIgnoreCase(change.objectName())) {
                if (change.phase() == Phase.BEFORE) {
                    r.listener().beforeChange(change);
                } else {
                    r.listener().afterChange(change);
                }
            }
        }
    }

    void rollbackTo(int mark) {
        for (int i = undo.size() - 1; i >= mark; i--) {
            Undo u = undo.remove(i);
            if (u.event() != null) {
                events.remove(u.event());
            } else if (u.previous() == null) {
                u.table().remove(u.id());
            } else {
                u.table().put(u.id(), u.previous());
            }
        }
    }

    Record requireLive(String rawId) {
        if (rawId == null || !Ids.isValid(rawId)) {
            throw new OrgException("MALFORMED_ID", "Record ID: id value of incorrect type: " + rawId, List.of("Id"));
        }
        Record r = retrieve(rawId);
        if (r == null) {
            throw OrgException.notFound();
        }
        if (r.isDeleted()) {
            throw new OrgException("ENTITY_IS_DELETED", "entity is deleted");
        }
        return r;
    }

    private SObjectType requireType(String objectName) {
        SObjectType type = schema.get(objectName);
        if (type == null) {
            throw OrgException.invalidType(objectName);
        }
        return type;
    }

    Table table(SObjectType type) {
        return tables.computeIfAbsent(type.name().toLowerCase(Locale.ROOT), k -> new Table(type));
    }

    private String newId(String prefix) {
        return Ids.make(
                prefix, sequences.computeIfAbsent(prefix, k -> new AtomicLong()).incrementAndGet());
    }

    /**
     * Puts a saved row back as it was (loading a state file): no rules, no listeners, no validation. The id sequence
     * of its key prefix moves past it, and an AutoNumber counter past its Name.
     */
    public void restoreRow(String objectName, Map<String, ?> values) {
        SObjectType type = requireType(objectName);
        lock.writeLock().lock();
        try {
            Object[] row = new Object[type.fieldCount()];
            for (Map.Entry<String, ?> e : values.entrySet()) {
                FieldDef f = type.field(e.getKey());
                if (f != null) {
                    row[type.slot(f.name())] = Values.coerce(f, e.getValue());
                }
            }
            String id = Ids.canonical((String) row[0]);
            row[0] = id;
            Table table = table(type);
            table.put(id, row);
            reserveIds(type.keyPrefix(), Ids.sequence(id));
            if (schema.autoNumberFormat(type.name()) != null && row[type.slot("Name")] instanceof String name) {
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("(\\d+)\\D*$").matcher(name);
                if (m.find()) {
                    table.autoNumber = Math.max(table.autoNumber, Long.parseLong(m.group(1)));
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Puts a saved platform event back into the event log (loading a state file). */
    public void restoreEvent(PublishedEvent event) {
        lock.writeLock().lock();
        try {
            events.add(event);
            sequences
                    .computeIfAbsent("replay", k -> new AtomicLong())
                    .accumulateAndGet(Long.parseLong(event.replayId()), Math::max);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Makes sure generated ids never collide with explicitly given ones (the seed uses fixed ids). */
    public void reserveIds(String prefix, long upTo) {
        sequences.computeIfAbsent(prefix, k -> new AtomicLong()).accumulateAndGet(upTo, Math::max);
    }

    private static void setIfPresent(SObjectType type, Object[] row, String field, Object value) {
        int slot = type.slot(field);
        if (slot >= 0) {
            row[slot] = value;
        }
    }

    private static String autoNumber(String format, long n) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\{(0+)\\}").matcher(format);
        if (!m.find()) {
            return format + n;
        }
        String digits = String.format(Locale.ROOT, "%0" + m.group(1).length() + "d", n);
        return format.substring(0, m.start()) + digits + format.substring(m.end());
    }

    /** True when two stored values are equal the way the platform compares them. */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}
