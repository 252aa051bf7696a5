package dev.warden.localorg.devhub;

import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType.Capabilities;
import dev.warden.localorg.model.Schema;
import java.util.Arrays;
import java.util.List;

/**
 * How the Dev Hub's platform objects (scratch orgs, packaging, install requests) are declared: standard objects
 * whose fields the platform writes, so every field built here is read-only to API callers.
 */
public final class PlatformObjects {
    private PlatformObjects() {}

    public static FieldDef.Builder str(String name, int length) {
        return FieldDef.of(name, FieldType.STRING).length(length).readOnly();
    }

    public static FieldDef.Builder text(String name) {
        return FieldDef.of(name, FieldType.TEXTAREA).length(32000).readOnly();
    }

    public static FieldDef.Builder bool(String name) {
        return FieldDef.of(name, FieldType.BOOLEAN).readOnly().defaultValue(false);
    }

    public static FieldDef.Builder integer(String name) {
        return FieldDef.of(name, FieldType.INT).readOnly();
    }

    public static FieldDef.Builder ref(String name, String relationship, String target) {
        return FieldDef.of(name, FieldType.REFERENCE).readOnly().references(relationship, target);
    }

    /** Defines a standard object with label, plural label (label + "s"), key prefix, capabilities and fields. */
    public static void define(
            Schema schema, String name, String prefix, String label, Capabilities caps, FieldDef.Builder... fields) {
        List<FieldDef> defs = Arrays.stream(fields).map(FieldDef.Builder::build).toList();
        schema.define(new ObjectDefinition(name, ObjectKind.STANDARD, label, label + "s", prefix, caps, defs, null));
    }
}
