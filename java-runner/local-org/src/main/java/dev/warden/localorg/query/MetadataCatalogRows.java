package dev.warden.localorg.query;

import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.MetadataCatalogObjects;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Schema;
import dev.warden.soql.SoqlRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of EntityDefinition (one per object of the schema) and FieldDefinition (one per field), computed from the
 * schema when queried, never stored. DurableId is the object's API name and {@code Object.Field} for a field, as
 * Salesforce answers for standard objects; for custom objects and fields Salesforce answers 01I/00N ids instead
 * (a known difference). A custom metadata relationship to either holds that DurableId, so {@link #byDurableId}
 * follows it. Every row's Id field reads Salesforce's all-zero id.
 */
final class MetadataCatalogRows {
    static final String ZERO_ID = "000000000000000AAA";

    private MetadataCatalogRows() {}

    static boolean serves(String objectName) {
        return objectName.equalsIgnoreCase(MetadataCatalogObjects.ENTITY)
                || objectName.equalsIgnoreCase(MetadataCatalogObjects.FIELD);
    }

    /** EntityDefinition.Fields: its FieldDefinition rows (EntityDefinitionId, not a stored reference field). */
    static List<dev.warden.soql.ChildRelationship> children(String objectName) {
        return objectName.equalsIgnoreCase(MetadataCatalogObjects.ENTITY)
                ? List.of(new dev.warden.soql.ChildRelationship(
                        "Fields", MetadataCatalogObjects.FIELD, "EntityDefinitionId"))
                : List.of();
    }

    static List<SoqlRow> rows(Schema schema, String objectName) {
        List<SoqlRow> out = new ArrayList<>();
        boolean entities = objectName.equalsIgnoreCase(MetadataCatalogObjects.ENTITY);
        for (SObjectType t : schema.all()) {
            if (entities) {
                out.add(entity(t));
            } else {
                for (FieldDef f : t.fields()) {
                    out.add(field(t, f));
                }
            }
        }
        return out;
    }

    /** The EntityDefinition ({@code Account}) or FieldDefinition ({@code Account.Name}) with this DurableId, or null. */
    static SoqlRow byDurableId(Schema schema, String durableId) {
        int dot = durableId.indexOf('.');
        SObjectType t = schema.get(dot < 0 ? durableId : durableId.substring(0, dot));
        if (t == null) {
            return null;
        }
        if (dot < 0) {
            return entity(t);
        }
        FieldDef f = t.field(durableId.substring(dot + 1));
        return f == null ? null : field(t, f);
    }

    private static SoqlRow entity(SObjectType t) {
        Map<String, Object> v = new HashMap<>();
        v.put("QualifiedApiName", t.name());
        v.put("DeveloperName", developerName(t.name()));
        v.put("MasterLabel", t.label());
        v.put("Label", t.label());
        v.put("PluralLabel", t.pluralLabel());
        v.put("DurableId", t.name());
        v.put("KeyPrefix", t.keyPrefix());
        v.put("IsCustomSetting", t.kind() == dev.warden.localorg.model.ObjectKind.CUSTOM_SETTING);
        v.put("IsQueryable", t.capabilities().queryable());
        return new CatalogRow(MetadataCatalogObjects.ENTITY, t.name(), v);
    }

    private static SoqlRow field(SObjectType t, FieldDef f) {
        Map<String, Object> v = new HashMap<>();
        v.put("QualifiedApiName", f.name());
        v.put("DeveloperName", developerName(f.name()));
        v.put("MasterLabel", f.label());
        v.put("Label", f.label());
        v.put("DurableId", t.name() + "." + f.name());
        v.put("DataType", f.type().name());
        v.put("EntityDefinitionId", t.name());
        v.put("RelationshipName", f.relationshipName());
        v.put("IsCalculated", f.calculation() != null);
        return new CatalogRow(MetadataCatalogObjects.FIELD, t.name() + "." + f.name(), v);
    }

    /** API name without its suffix (Log__c → Log), as DeveloperName reads. */
    private static String developerName(String apiName) {
        int suffix = apiName.indexOf("__");
        return suffix > 0 && apiName.lastIndexOf("__") == apiName.length() - 3
                ? apiName.substring(0, apiName.length() - 3)
                : apiName;
    }

    /**
     * The row's identity for the engine is its DurableId (child subqueries such as {@code (SELECT ... FROM Fields)}
     * match children to parents by it); its Id field still reads the all-zero id, as on Salesforce.
     */
    private record CatalogRow(String objectName, String id, Map<String, Object> values) implements SoqlRow {
        @Override
        public Object get(String canonicalFieldName) {
            return canonicalFieldName.equals("Id") ? ZERO_ID : values.get(canonicalFieldName);
        }

        @Override
        public boolean isDeleted() {
            return false;
        }
    }
}
