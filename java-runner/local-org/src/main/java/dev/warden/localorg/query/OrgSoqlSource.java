package dev.warden.localorg.query;

import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.SObjectType;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The org's records as the SOQL engine sees them. Only queryable types are visible; {@code visible} hides types the
 * querying user may not read (Salesforce answers INVALID_TYPE for those, as for unknown types).
 */
public final class OrgSoqlSource implements SoqlSource {
    private final OrgDatabase db;
    private final Predicate<SObjectType> visible;

    public OrgSoqlSource(OrgDatabase db, Predicate<SObjectType> visible) {
        this.db = db;
        this.visible = visible;
    }

    public OrgSoqlSource(OrgDatabase db) {
        this(db, t -> true);
    }

    @Override
    public SObjectInfo describe(String objectName) {
        SObjectType type = db.schema().get(objectName);
        if (type == null || !type.capabilities().queryable() || !visible.test(type)) {
            return null;
        }
        List<FieldInfo> fields = new ArrayList<>(type.fieldCount());
        for (FieldDef f : type.fields()) {
            fields.add(
                    new FieldInfo(f.name(), FieldType.valueOf(f.type().name()), f.referenceTo(), f.relationshipName()));
        }
        return new SObjectInfo(type.name(), fields);
    }

    /** Every reference field that names a child relationship and points at the object, as that object's children. */
    @Override
    public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
        if (MetadataCatalogRows.serves(objectApiName)) {
            return MetadataCatalogRows.rows(db.schema(), objectApiName);
        }
        List<Record> records = db.rows(objectApiName, includeDeleted);
        return () -> new Iterator<>() {
            private final Iterator<Record> it = records.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public SoqlRow next() {
                return new Row(it.next());
            }
        };
    }

    /** Resolves the field's slot once per query, so a scan reads row arrays instead of looking names up per row. */
    @Override
    public Function<SoqlRow, Object> accessor(String objectApiName, String canonicalFieldName) {
        SObjectType type = db.schema().get(objectApiName);
        int slot = type == null ? -1 : type.slot(canonicalFieldName);
        if (slot < 0) {
            return row -> row.get(canonicalFieldName);
        }
        return row ->
                row instanceof Row r && r.record().type() == type ? r.record().at(slot) : row.get(canonicalFieldName);
    }

    /** Child relationships named in the schema (Account.Contacts, ...) whose child type this caller may see. */
    @Override
    public List<dev.warden.soql.ChildRelationship> childRelationships(String objectApiName) {
        List<dev.warden.soql.ChildRelationship> out = new ArrayList<>(MetadataCatalogRows.children(objectApiName));
        for (dev.warden.localorg.model.ChildRelationshipDef c : db.schema().childRelationships(objectApiName)) {
            SObjectType child = db.schema().get(c.childObject());
            if (child != null && child.capabilities().queryable() && visible.test(child)) {
                out.add(new dev.warden.soql.ChildRelationship(c.relationshipName(), c.childObject(), c.field()));
            }
        }
        return out;
    }

    @Override
    public SoqlRow byId(String id) {
        Record r = db.retrieve(id);
        if (r == null) {
            // a custom metadata relationship to EntityDefinition/FieldDefinition holds a DurableId, not an Id
            return MetadataCatalogRows.byDurableId(db.schema(), id);
        }
        return r == null ? null : new Row(r);
    }

    private record Row(Record record) implements SoqlRow {
        @Override
        public String objectName() {
            return record.objectName();
        }

        @Override
        public String id() {
            return record.id();
        }

        @Override
        public Object get(String canonicalFieldName) {
            return record.get(canonicalFieldName);
        }

        @Override
        public boolean isDeleted() {
            return record.isDeleted();
        }
    }
}
