package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.child;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.XmlOut.el;
import static dev.warden.localorg.metadata.XmlOut.el2;
import static dev.warden.localorg.metadata.XmlOut.xml;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.DeployedFiles;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * CustomObject: {@code objects/X.object} becomes a schema type (custom object, custom setting, platform event or
 * custom metadata type, by suffix and {@code customSettingsType}) with the fields in the file; the file is kept
 * whole for retrieve, so the child types inside it (list views, validation rules, record types, ...) come back too.
 * A standard object's file adds its custom fields to the modelled standard object.
 */
public final class CustomObjectUnit implements MetadataUnit {
    public static final MetadataType TYPE = MetadataType.xml("CustomObject", "objects", "object");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    static ObjectKind kindOf(String name, Element xml) {
        ObjectKind kind = ObjectKind.fromApiName(name);
        if (kind == ObjectKind.CUSTOM_OBJECT && xml != null && text(xml, "customSettingsType") != null) {
            return ObjectKind.CUSTOM_SETTING;
        }
        return kind;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, "CustomObject")) {
            return;
        }
        String name = c.fullName();
        ObjectKind kind = kindOf(name, c.xml());
        boolean exists = ctx.org().schema().get(name) != null;
        if (kind == ObjectKind.STANDARD) {
            if (!exists) {
                c.fail("The local org does not model the standard object " + name);
                return;
            }
            c.parsed(fields(c, ctx));
            return;
        }
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*__(c|e|mdt)") || name.contains("___")) {
            c.fail("Invalid custom object name: " + name);
            return;
        }
        String label = text(c.xml(), "label");
        if (!exists && (label == null || label.isEmpty())) {
            c.fail("Must specify a non-empty label for the CustomObject");
            return;
        }
        if (kind == ObjectKind.PLATFORM_EVENT) {
            String eventType = text(c.xml(), "eventType");
            if (eventType != null && !eventType.equals("HighVolume")) {
                // StandardVolume is deprecated; creating one "returns an error" (metadata-and-api.md 6.2). Wording
                // UNCONFIRMED.
                c.fail("Platform events with eventType " + eventType + " can't be created; use HighVolume");
                return;
            }
            String publish = text(c.xml(), "publishBehavior");
            if (publish != null
                    && !Set.of("PublishAfterCommit", "PublishImmediately").contains(publish)) {
                c.fail("Invalid publishBehavior " + publish + ": expected PublishAfterCommit or PublishImmediately");
                return;
            }
        }
        Element nameField = child(c.xml(), "nameField");
        if (nameField != null
                && "AutoNumber".equals(text(nameField, "type"))
                && (text(nameField, "displayFormat") == null
                        || text(nameField, "displayFormat").isEmpty())) {
            c.fail("An AutoNumber name field needs a displayFormat");
            return;
        }
        c.parsed(fields(c, ctx));
    }

    /** The file's custom fields; a bad field fails its CustomField component (when listed) and the object. */
    private static List<FieldDef> fields(Component c, DeployContext ctx) {
        List<FieldDef> fields = new ArrayList<>();
        for (Element f : children(c.xml(), "fields")) {
            String fieldName = text(f, "fullName");
            if (fieldName != null
                    && !fieldName.endsWith("__c")
                    && ObjectKind.fromApiName(c.fullName()) == ObjectKind.STANDARD) {
                continue; // a standard field's settings: the modelled standard field stays as it is
            }
            try {
                FieldDef def = CustomFieldUnit.fieldDef(c.fullName(), f, ctx);
                fields.addAll(CustomFieldUnit.expand(def, f));
            } catch (IllegalArgumentException e) {
                Component field = ctx.deployed("CustomField", c.fullName() + "." + fieldName);
                if (field != null) {
                    field.fail(e.getMessage());
                    c.fail("Field " + fieldName + " failed: " + e.getMessage());
                } else {
                    c.fail(e.getMessage());
                }
            }
        }
        return fields;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        String name = c.fullName();
        boolean exists = org.schema().get(name) != null;
        c.created(!exists);
        ObjectKind kind = kindOf(name, c.xml());
        List<FieldDef> fields = c.parsed() == null ? List.of() : (List<FieldDef>) c.parsed();
        String autoNumber = null;
        Element nameField = child(c.xml(), "nameField");
        if (nameField != null && "AutoNumber".equals(text(nameField, "type"))) {
            autoNumber = text(nameField, "displayFormat");
        }
        String label = text(c.xml(), "label");
        String plural = text(c.xml(), "pluralLabel");
        org.schema()
                .define(new ObjectDefinition(
                        exists ? org.schema().get(name).name() : name,
                        kind,
                        label == null || label.isEmpty() ? null : label,
                        plural == null || plural.isEmpty() ? null : plural,
                        null,
                        null,
                        fields,
                        autoNumber));
        org.audit()
                .record(
                        ctx.actor(),
                        "Customize",
                        exists ? "changedCustomObject" : "createdCustomObject",
                        (exists ? "Changed" : "Created") + " custom object " + name);
        ctx.store(new DeployedFiles.StoredFile(
                "CustomObject", name, c.fileName(), c.content() != null ? c.content() : XmlOut.serialize(c.xml())));
    }

    @Override
    public List<String> list(Org org) {
        List<String> out = new ArrayList<>();
        org.schema().all().stream().filter(SObjectType::custom).forEach(t -> out.add(t.name()));
        for (DeployedFiles.StoredFile f : DeployedFiles.of(org).ofType("CustomObject")) {
            if (out.stream().noneMatch(f.fullName()::equalsIgnoreCase)
                    && org.schema().get(f.fullName()) != null) {
                out.add(f.fullName());
            }
        }
        return out;
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        return MetadataUnit.oneXmlFile(TYPE, member, readXml(org, member));
    }

    @Override
    public String readXml(Org org, String member) {
        DeployedFiles.StoredFile f = DeployedFiles.of(org).get("CustomObject", member);
        if (f != null) {
            return new String(f.bytes(), StandardCharsets.UTF_8);
        }
        SObjectType t = org.schema().get(member);
        return t == null || !t.custom() ? null : generated(t);
    }

    @Override
    public void delete(Org org, String actor, String member) {
        SObjectType t = org.schema().get(member);
        if (t == null || !t.custom()) {
            throw new IllegalArgumentException(
                    t == null
                            ? "No CustomObject named " + member + " found"
                            : "Cannot delete the standard object " + member);
        }
        org.schema().remove(member);
        DeployedFiles.of(org).remove("CustomObject", member);
        org.audit().record(actor, "Customize", "deletedCustomObject", "Deleted custom object " + member);
    }

    private static String generated(SObjectType t) {
        StringBuilder b = new StringBuilder();
        if (t.kind() == ObjectKind.CUSTOM_SETTING) {
            b.append(el("customSettingsType", "Hierarchy"));
        }
        b.append(el("deploymentStatus", "Deployed"));
        for (FieldDef f : t.fields()) {
            if (f.custom()) {
                b.append("    <fields>\n")
                        .append(el2("fullName", f.name()))
                        .append(el2("label", f.label()))
                        .append(el2("type", fieldType(f)))
                        .append("    </fields>\n");
            }
        }
        b.append(el("label", t.label())).append(el("pluralLabel", t.pluralLabel()));
        return xml("CustomObject", b.toString());
    }

    private static String fieldType(FieldDef f) {
        return switch (f.type()) {
            case BOOLEAN -> "Checkbox";
            case DOUBLE, INT, LONG -> "Number";
            case CURRENCY -> "Currency";
            case PERCENT -> "Percent";
            case DATE -> "Date";
            case DATETIME -> "DateTime";
            case EMAIL -> "Email";
            case PHONE -> "Phone";
            case URL -> "Url";
            case PICKLIST -> "Picklist";
            case MULTIPICKLIST -> "MultiselectPicklist";
            case REFERENCE -> "Lookup";
            case TEXTAREA -> "LongTextArea";
            default -> "Text";
        };
    }
}
