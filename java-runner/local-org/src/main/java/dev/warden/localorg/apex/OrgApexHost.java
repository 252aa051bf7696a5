package dev.warden.localorg.apex;

import dev.warden.apex.host.AccessMode;
import dev.warden.apex.host.ApexHost;
import dev.warden.apex.host.DmlError;
import dev.warden.apex.host.DmlOperation;
import dev.warden.apex.host.DmlRowResult;
import dev.warden.apex.host.HostUser;
import dev.warden.apex.host.ObjectAccess;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowError;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The Apex runtime's view of one local org ({@link ApexHost}): describes from the org's schema, queries over the
 * record store, DML through {@link OrgDatabase#dml}'s pipeline (so Apex DML fires triggers, platform rules and
 * validation like every API), savepoints on the undo log, effective access from {@link Access}, custom metadata and
 * hierarchy settings from their records, platform events through the same pipeline (they land in the event log).
 */
public final class OrgApexHost implements ApexHost {
    private final Org org;
    private final OrgDatabase db;
    /** (object, id) a running test may see: null outside tests; SeeAllData=false hides rows the test did not create. */
    private volatile BiPredicate<String, String> testVisibility;

    public OrgApexHost(Org org) {
        this.org = org;
        this.db = org.db();
    }

    public Org org() {
        return org;
    }

    /** Sets (or clears, with null) the SeeAllData=false filter the test runner applies while a test runs. */
    public void testVisibility(BiPredicate<String, String> visible) {
        this.testVisibility = visible;
    }

    @Override
    public SObjectSchema describe(String objectName) {
        // an installed managed package's Apex names its own objects without the namespace (model.Namespaces)
        SObjectType type = dev.warden.localorg.model.Namespaces.resolve(org.schema(), objectName);
        return type == null ? null : namespaced(schema(type));
    }

    @Override
    public SObjectSchema describeByKeyPrefix(String keyPrefix) {
        if (keyPrefix == null || keyPrefix.length() != 3) {
            return null;
        }
        SObjectType type = org.schema().forId(keyPrefix + "000000000000");
        return type == null ? null : namespaced(schema(type));
    }

    private static SObjectSchema schema(SObjectType type) {
        List<FieldInfo> fields = new ArrayList<>(type.fieldCount());
        for (FieldDef f : type.fields()) {
            fields.add(
                    new FieldInfo(f.name(), FieldType.valueOf(f.type().name()), f.referenceTo(), f.relationshipName()));
        }
        return new SObjectSchema(new SObjectInfo(type.name(), fields), type.keyPrefix(), kind(type));
    }

    /** Fields and relationships of installed managed packages answer to their unqualified names too. */
    private SObjectSchema namespaced(SObjectSchema s) {
        List<String> namespaces = dev.warden.localorg.model.Namespaces.of(org.schema());
        return namespaces.isEmpty()
                ? s
                : new SObjectSchema(s.info().withNamespaces(namespaces), s.keyPrefix(), s.kind());
    }

    /** The full name of an object the Apex names (a managed package's own objects without the namespace). */
    private String canonical(String typeName) {
        SObjectType t = dev.warden.localorg.model.Namespaces.resolve(org.schema(), typeName);
        return t == null ? typeName : t.name();
    }

    private static SObjectSchema.Kind kind(SObjectType type) {
        return switch (type.kind()) {
            case STANDARD -> SObjectSchema.Kind.STANDARD;
            case CUSTOM_OBJECT -> SObjectSchema.Kind.CUSTOM;
            case CUSTOM_METADATA -> SObjectSchema.Kind.CUSTOM_METADATA;
            case PLATFORM_EVENT -> SObjectSchema.Kind.PLATFORM_EVENT;
            // the schema gives every custom setting SetupOwnerId; list settings are not told apart yet
            case CUSTOM_SETTING -> SObjectSchema.Kind.HIERARCHY_SETTING;
        };
    }

    /**
     * The store as SOQL sees it. USER mode hides objects the user may not read (INVALID_TYPE, as the platform answers
     * for an object the user cannot see); a running test with SeeAllData=false sees only the rows it created, plus
     * setup objects (users, profiles, permission sets, ...) and custom metadata, which tests always see.
     */
    @Override
    public SoqlSource soqlSource(AccessMode mode, String userId) {
        Access access = mode == AccessMode.USER ? Access.ofUser(db, userId) : null;
        Predicate<SObjectType> visible = access == null
                ? t -> true
                : t -> t.kind() == ObjectKind.STANDARD
                        || access.object(t.name()).read();
        OrgSoqlSource base = new OrgSoqlSource(db, visible);
        BiPredicate<String, String> filter = testVisibility;
        SoqlSource source = filter == null ? base : new TestVisibleSource(base, filter);
        return NamespacedSoqlSource.over(source, org.schema());
    }

    @Override
    public List<DmlRowResult> dml(
            DmlOperation operation,
            String requestedObjectName,
            List<Map<String, Object>> rows,
            boolean allOrNone,
            AccessMode mode,
            String userId) {
        String objectName = requestedObjectName == null ? null : canonical(requestedObjectName);
        if (mode == AccessMode.USER && !allowed(operation, objectName, userId)) {
            List<DmlRowResult> refused = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                refused.add(DmlRowResult.failed(
                        null,
                        new DmlError(
                                "INSUFFICIENT_ACCESS_OR_READONLY",
                                "insufficient access rights on object id",
                                List.of())));
            }
            return refused;
        }
        // Apex DML runs in system mode: read-only fields stay read-only for the pipeline only through the
        // runtime's own checks; the platform's system-field rules still apply inside the pipeline.
        Caller caller = Caller.system(userId);
        return db.transaction(() -> switch (operation) {
            case INSERT -> results(db.dml(caller, Operation.INSERT, objectName, rows, allOrNone));
            case UPDATE -> results(db.dml(caller, Operation.UPDATE, objectName, rows, allOrNone));
            case DELETE -> results(db.dml(caller, Operation.DELETE, objectName, ids(rows), allOrNone));
            case UNDELETE -> results(db.dml(caller, Operation.UNDELETE, objectName, ids(rows), allOrNone));
            case UPSERT -> upsertById(caller, objectName, rows, allOrNone);
        });
    }

    private boolean allowed(DmlOperation op, String objectName, String userId) {
        SObjectType type = org.schema().get(objectName);
        if (type == null || type.kind() == ObjectKind.STANDARD) {
            return true; // standard objects are not access-checked by the local org (docs/local-org.md)
        }
        Access.ObjectAccess a = Access.ofUser(db, userId).object(type.name());
        return switch (op) {
            case INSERT -> a.create();
            case UPDATE -> a.edit();
            case DELETE, UNDELETE -> a.delete();
            case UPSERT -> a.create() && a.edit();
        };
    }

    private static List<Map<String, Object>> ids(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Id", r.get("Id"));
            out.add(m);
        }
        return out;
    }

    /** Apex {@code upsert records} without a field: rows with an Id are updated, the others inserted. */
    private List<DmlRowResult> upsertById(
            Caller caller, String objectName, List<Map<String, Object>> rows, boolean allOrNone) {
        List<Map<String, Object>> inserts = new ArrayList<>();
        List<Map<String, Object>> updates = new ArrayList<>();
        List<Boolean> isInsert = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            boolean insert = r.get("Id") == null;
            (insert ? inserts : updates).add(r);
            isInsert.add(insert);
        }
        List<RowResult> ins =
                inserts.isEmpty() ? List.of() : db.dml(caller, Operation.INSERT, objectName, inserts, allOrNone);
        List<RowResult> ups =
                updates.isEmpty() ? List.of() : db.dml(caller, Operation.UPDATE, objectName, updates, allOrNone);
        List<DmlRowResult> out = new ArrayList<>();
        int i = 0;
        int u = 0;
        for (boolean insert : isInsert) {
            RowResult r = insert ? ins.get(i++) : ups.get(u++);
            out.add(new DmlRowResult(r.id(), r.success(), insert && r.success(), errors(r)));
        }
        return out;
    }

    private static List<DmlRowResult> results(List<RowResult> rows) {
        List<DmlRowResult> out = new ArrayList<>(rows.size());
        for (RowResult r : rows) {
            out.add(new DmlRowResult(r.id(), r.success(), r.created(), errors(r)));
        }
        return out;
    }

    private static List<DmlError> errors(RowResult r) {
        List<DmlError> out = new ArrayList<>();
        for (RowError e : r.errors()) {
            out.add(new DmlError(e.statusCode(), e.message(), e.fields()));
        }
        return out;
    }

    @Override
    public Object setSavepoint() {
        return db.setSavepoint();
    }

    @Override
    public void rollback(Object savepoint) {
        db.rollback((OrgDatabase.Savepoint) savepoint);
    }

    @Override
    public List<Map<String, Object>> customMetadata(String typeName) {
        typeName = canonical(typeName);
        if (org.schema().get(typeName) == null) {
            return List.of();
        }
        return db.rows(typeName, false).stream().map(Record::toMap).toList();
    }

    /** The user's record, else the profile's, else the org default (fields are not merged; UNCONFIRMED). */
    @Override
    public Map<String, Object> hierarchySetting(String typeName, String userId) {
        typeName = canonical(typeName);
        if (org.schema().get(typeName) == null) {
            return null;
        }
        List<String> owners = new ArrayList<>();
        if (userId != null) {
            owners.add(userId);
            Record user = db.live(userId);
            if (user != null && user.get("ProfileId") != null) {
                owners.add(user.getString("ProfileId"));
            }
        }
        owners.add(org.orgId());
        BiPredicate<String, String> filter = testVisibility;
        for (String owner : owners) {
            for (Record r : db.findBy(typeName, "SetupOwnerId", owner)) {
                if (filter == null || filter.test(r.objectName(), r.id())) {
                    return r.toMap();
                }
            }
        }
        return null;
    }

    /**
     * Auto-number: an object's Name with an auto-number format. Other read-only text fields may be auto-number
     * fields the schema does not mark (custom AutoNumber fields, Case.CaseNumber, ...): unknown, so the runtime fails
     * loudly; everything else is not.
     */
    @Override
    public Boolean isAutoNumber(String objectName, String fieldName) {
        SObjectType type = dev.warden.localorg.model.Namespaces.resolve(org.schema(), objectName);
        FieldDef f = type == null ? null : type.field(fieldName);
        if (f == null) {
            return null;
        }
        if (f.name().equals("Name") && org.schema().autoNumberFormat(type.name()) != null) {
            return true;
        }
        boolean text = f.type() == dev.warden.localorg.model.FieldType.STRING;
        return text && !f.createable() && !f.updateable() && !f.name().equals("Name") ? null : Boolean.FALSE;
    }

    @Override
    public Map<String, Object> hierarchySettingRecord(String typeName, String ownerId) {
        typeName = canonical(typeName);
        if (org.schema().get(typeName) == null || ownerId == null) {
            return null;
        }
        String owner = dev.warden.apex.value.ApexId.parse(ownerId).toString();
        BiPredicate<String, String> filter = testVisibility;
        for (Record r : db.findBy(typeName, "SetupOwnerId", owner)) {
            if (filter == null || filter.test(r.objectName(), r.id())) {
                return r.toMap();
            }
        }
        return null;
    }

    @Override
    public HostUser user(String userId) {
        Record r = userId == null ? null : db.live(userId);
        if (r == null || !"User".equals(r.objectName())) {
            return null;
        }
        return new HostUser(
                r.id(),
                r.getString("Username"),
                r.getString("Name") != null ? r.getString("Name") : r.getString("LastName"),
                r.getString("Email"),
                r.getString("ProfileId"),
                org.orgId());
    }

    @Override
    public HostUser defaultUser() {
        return user(org.adminUserId());
    }

    @Override
    public boolean hasCustomPermission(String userId, String permissionName) {
        return Access.ofUser(db, userId).hasCustomPermission(permissionName);
    }

    @Override
    public ObjectAccess objectAccess(String userId, String objectName) {
        SObjectType type = dev.warden.localorg.model.Namespaces.resolve(org.schema(), objectName);
        if (type == null) {
            return new ObjectAccess(false, false, false, false);
        }
        if (type.kind() == ObjectKind.STANDARD) {
            return ObjectAccess.ALL;
        }
        Access.ObjectAccess a = Access.ofUser(db, userId).object(type.name());
        return new ObjectAccess(a.read(), a.create(), a.edit(), a.delete());
    }

    /** EventBus.publish: the events go through the write path (listeners, the event log) one by one. */
    @Override
    public List<DmlRowResult> publish(String eventType, List<Map<String, Object>> events) {
        eventType = canonical(eventType);
        String user = org.adminUserId();
        dev.warden.apex.exec.Transaction tx = dev.warden.apex.exec.Transaction.current();
        if (tx != null && tx.user() != null) {
            user = tx.user().id();
        }
        Caller caller = Caller.system(user);
        List<DmlRowResult> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            try {
                out.add(DmlRowResult.ok(db.insert(caller, eventType, e), true));
            } catch (OrgException ex) {
                out.add(DmlRowResult.failed(null, new DmlError(ex.errorCode(), ex.getMessage(), ex.fields())));
            }
        }
        return out;
    }

    @Override
    public Clock clock() {
        return db.clock();
    }
}
