package dev.warden.localorg.model;

import java.util.List;

/**
 * EntityDefinition and FieldDefinition: the org's objects and fields as read-only rows, computed from the schema on
 * every query ({@code query.MetadataCatalogRows}), so custom metadata relationships to them
 * ({@code Object__r.QualifiedApiName}, {@code SObjectField__r.QualifiedApiName}) resolve. Only the common fields are
 * modelled; {@code EntityDefinition.Fields} is the child relationship of the fields. UNCONFIRMED: the key
 * prefixes (no row here is addressed by Id: every row's Id field reads Salesforce's all-zero
 * {@code 000000000000000AAA}).
 */
public final class MetadataCatalogObjects {
    public static final String ENTITY = "EntityDefinition";
    public static final String FIELD = "FieldDefinition";

    private MetadataCatalogObjects() {}

    static void register(Schema s) {
        s.define(new ObjectDefinition(
                ENTITY,
                ObjectKind.STANDARD,
                "Entity Definition",
                "Entity Definitions",
                "4ie",
                SObjectType.Capabilities.READ_ONLY,
                List.of(
                        text("QualifiedApiName"),
                        text("DeveloperName"),
                        text("MasterLabel"),
                        text("Label"),
                        text("PluralLabel"),
                        text("DurableId"),
                        text("KeyPrefix"),
                        text("NamespacePrefix"),
                        FieldDef.of("IsCustomSetting", FieldType.BOOLEAN)
                                .readOnly()
                                .build(),
                        FieldDef.of("IsQueryable", FieldType.BOOLEAN).readOnly().build()),
                null));
        s.define(new ObjectDefinition(
                FIELD,
                ObjectKind.STANDARD,
                "Field Definition",
                "Field Definitions",
                "4if",
                SObjectType.Capabilities.READ_ONLY,
                List.of(
                        text("QualifiedApiName"),
                        text("DeveloperName"),
                        text("MasterLabel"),
                        text("Label"),
                        text("DurableId"),
                        text("DataType"),
                        text("RelationshipName"),
                        FieldDef.of("IsCalculated", FieldType.BOOLEAN)
                                .readOnly()
                                .build(),
                        text("NamespacePrefix"),
                        // The entity's DurableId; EntityDefinition.QualifiedApiName follows it like a lookup.
                        FieldDef.of("EntityDefinitionId", FieldType.STRING)
                                .readOnly()
                                .references("EntityDefinition", ENTITY)
                                .build()),
                null));
    }

    private static FieldDef text(String name) {
        return FieldDef.of(name, FieldType.STRING).readOnly().build();
    }
}
