package dev.warden.localorg.model;

import java.util.List;

/**
 * One field of an sObject type.
 *
 * @param name API name, canonical case
 * @param required must be given on create (nillable=false and no default); REQUIRED_FIELD_MISSING otherwise
 * @param createable may be set by a non-system caller on insert
 * @param updateable may be set by a non-system caller on update
 * @param picklistValues allowed values for picklists (empty = unrestricted)
 * @param defaultValue stored on insert when the field is not given (null = none)
 * @param unique values must be unique across the type's live rows (case-insensitive); DUPLICATE_VALUE otherwise
 * @param externalId the field is an External ID: an upsert key (REST {@code sobjects/T/Field/value}, SOAP upsert)
 * @param childRelationshipName for a reference field, the name its parent uses for the children in subqueries
 *     ({@code Children__r} in {@code SELECT Id, (SELECT Id FROM Children__r) FROM Parent__c}); null = none
 * @param calculation for a formula or roll-up summary field, how its value is computed on read; null = stored
 */
public record FieldDef(
        String name,
        String label,
        FieldType type,
        List<String> referenceTo,
        String relationshipName,
        boolean required,
        boolean createable,
        boolean updateable,
        boolean custom,
        List<String> picklistValues,
        int length,
        Object defaultValue,
        boolean unique,
        boolean externalId,
        String childRelationshipName,
        FieldCalculation calculation) {

    /** A stored (not calculated) field. */
    public FieldDef(
            String name,
            String label,
            FieldType type,
            List<String> referenceTo,
            String relationshipName,
            boolean required,
            boolean createable,
            boolean updateable,
            boolean custom,
            List<String> picklistValues,
            int length,
            Object defaultValue,
            boolean unique,
            boolean externalId,
            String childRelationshipName) {
        this(
                name,
                label,
                type,
                referenceTo,
                relationshipName,
                required,
                createable,
                updateable,
                custom,
                picklistValues,
                length,
                defaultValue,
                unique,
                externalId,
                childRelationshipName,
                null);
    }

    /** The value is computed on every read (formula, roll-up summary), never stored. */
    public boolean calculated() {
        return calculation != null;
    }

    /** A field that is no External ID and has no child relationship. */
    public FieldDef(
            String name,
            String label,
            FieldType type,
            List<String> referenceTo,
            String relationshipName,
            boolean required,
            boolean createable,
            boolean updateable,
            boolean custom,
            List<String> picklistValues,
            int length,
            Object defaultValue,
            boolean unique) {
        this(
                name,
                label,
                type,
                referenceTo,
                relationshipName,
                required,
                createable,
                updateable,
                custom,
                picklistValues,
                length,
                defaultValue,
                unique,
                false,
                null);
    }

    public FieldDef {
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
    }

    public boolean nillable() {
        return !required && type != FieldType.BOOLEAN && type != FieldType.ID;
    }

    public static Builder of(String name, FieldType type) {
        return new Builder(name, type);
    }

    /** Fluent construction; defaults: optional, createable, updateable, label = name. */
    public static final class Builder {
        private final String name;
        private final FieldType type;
        private String label;
        private List<String> referenceTo = List.of();
        private String relationshipName;
        private boolean required;
        private boolean createable = true;
        private boolean updateable = true;
        private List<String> picklist = List.of();
        private int length;
        private Object defaultValue;
        private boolean unique;
        private boolean externalId;
        private String childRelationshipName;
        private FieldCalculation calculation;

        private Builder(String name, FieldType type) {
            this.name = name;
            this.type = type;
            this.length = switch (type) {
                case ID, REFERENCE -> 18;
                case STRING, PICKLIST, EMAIL, URL -> 255;
                case PHONE -> 40;
                case TEXTAREA -> 32768;
                case MULTIPICKLIST -> 4099;
                default -> 0;
            };
            if (type == FieldType.BOOLEAN) {
                defaultValue = Boolean.FALSE;
            }
        }

        public Builder label(String l) {
            label = l;
            return this;
        }

        public Builder required() {
            required = true;
            return this;
        }

        public Builder readOnly() {
            createable = false;
            updateable = false;
            return this;
        }

        public Builder createOnly() {
            updateable = false;
            return this;
        }

        public Builder length(int l) {
            length = l;
            return this;
        }

        public Builder defaultValue(Object v) {
            defaultValue = v;
            return this;
        }

        public Builder unique() {
            unique = true;
            return this;
        }

        public Builder externalId() {
            externalId = true;
            return this;
        }

        public Builder picklist(List<String> values) {
            picklist = values;
            return this;
        }
        /** The name the referenced parent uses for this field's children in subqueries. */
        public Builder childRelationship(String name) {
            childRelationshipName = name;
            return this;
        }
        /** A formula or roll-up summary field: read-only, computed on read. */
        public Builder calculated(FieldCalculation c) {
            calculation = c;
            createable = false;
            updateable = false;
            return this;
        }

        public Builder references(String relationship, String... targets) {
            referenceTo = List.of(targets);
            relationshipName = relationship;
            return this;
        }

        public FieldDef build() {
            boolean custom = name.endsWith("__c");
            return new FieldDef(
                    name,
                    label != null ? label : defaultLabel(name),
                    type,
                    referenceTo,
                    relationshipName,
                    required,
                    createable,
                    updateable,
                    custom,
                    picklist,
                    length,
                    defaultValue,
                    unique,
                    externalId,
                    childRelationshipName,
                    calculation);
        }

        private static String defaultLabel(String apiName) {
            String base = apiName.endsWith("__c") ? apiName.substring(0, apiName.length() - 3) : apiName;
            return base.replace('_', ' ');
        }
    }
}
