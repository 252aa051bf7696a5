package dev.warden.localorg.model;

import java.util.List;

/**
 * What a deploy (or the seed) says about an object. Used both to define a new type and to extend an existing one:
 * fields are added or replaced by name, nothing is removed.
 *
 * @param keyPrefix null picks the next free prefix for the kind (custom: a00, a01, ...; events e00...; CMDT m00...)
 * @param capabilities null uses the kind's default
 * @param autoNumberFormat for custom objects whose Name is an AutoNumber, e.g. {@code QI-{000000}}; null = text Name
 */
public record ObjectDefinition(
        String name,
        ObjectKind kind,
        String label,
        String pluralLabel,
        String keyPrefix,
        SObjectType.Capabilities capabilities,
        List<FieldDef> fields,
        String autoNumberFormat) {

    public ObjectDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** A custom object, setting, event or CMDT type named by its suffix, with a text Name. */
    public static ObjectDefinition custom(String name, String label, List<FieldDef> fields) {
        return new ObjectDefinition(name, ObjectKind.fromApiName(name), label, label + "s", null, null, fields, null);
    }

    public ObjectDefinition withKind(ObjectKind k) {
        return new ObjectDefinition(name, k, label, pluralLabel, keyPrefix, capabilities, fields, autoNumberFormat);
    }

    public ObjectDefinition withAutoNumber(String format) {
        return new ObjectDefinition(name, kind, label, pluralLabel, keyPrefix, capabilities, fields, format);
    }
}
