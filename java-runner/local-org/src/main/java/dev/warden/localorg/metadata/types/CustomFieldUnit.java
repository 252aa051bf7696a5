package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.bool;
import static dev.warden.localorg.metadata.MetadataXml.child;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * CustomField: a {@code <fields>} element of {@code objects/X.object}, parsed into the schema's field model. Deployed
 * with its object, it lands through the object; deployed alone ({@code --metadata CustomField:X.F}), it is added to
 * the object that is already in the org, and nothing else in the object file is applied.
 */
public final class CustomFieldUnit extends ChildUnit {
    public CustomFieldUnit() {
        super("CustomField", CustomObjectUnit.TYPE, "fields");
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        Element field = element(c, ctx);
        if (field == null) {
            return;
        }
        String object = c.parentName();
        SObjectType type = ctx.org().schema().get(object);
        c.created(type == null || type.field(c.memberName()) == null);
        if (ctx.deploying("CustomObject", object)) {
            return; // parsed (and failed, if bad) with its object
        }
        try {
            c.parsed(fieldDef(object, field, ctx));
        } catch (IllegalArgumentException e) {
            c.fail(e.getMessage());
        }
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        String object = c.parentName();
        ctx.org()
                .audit()
                .record(
                        ctx.actor(),
                        "Customize",
                        c.created() ? "createdCF" : "changedCF",
                        (c.created() ? "Created" : "Changed") + " custom field " + c.fullName());
        if (ctx.org().schema().get(object) == null) {
            throw new dev.warden.localorg.data.OrgException(
                    "INVALID_CROSS_REFERENCE_KEY", "no CustomObject named " + object + " found");
        }
        if (c.parsed() instanceof FieldDef f) {
            for (FieldDef part : expand(f, c.xml() == null ? null : fieldElement(c.xml(), c.memberName()))) {
                ctx.org().schema().putField(object, part);
            }
            mergeIntoObject(c, ctx);
        }
    }

    @Override
    public List<String> list(Org org) {
        List<String> out = new ArrayList<>(super.list(org));
        for (SObjectType t : org.schema().all()) {
            for (FieldDef f : t.fields()) {
                String name = t.name() + "." + f.name();
                if (f.custom() && out.stream().noneMatch(name::equalsIgnoreCase)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        int dot = member.indexOf('.');
        SObjectType t = dot < 0 ? null : org.schema().get(member.substring(0, dot));
        if (t != null && t.field(member.substring(dot + 1)) != null) {
            // Records keep their values by field slot, so the schema cannot drop a field: refuse rather than pretend.
            throw new IllegalArgumentException("The local org cannot delete the field " + member + " from its schema;"
                    + " delete its object, or reset the org");
        }
        super.delete(org, actor, member);
    }

    private static Element fieldElement(Element objectFile, String name) {
        return DeployContext.find(objectFile, "fields", name);
    }

    /** A geolocation field is stored as its two number components, as the platform exposes them. */
    static List<FieldDef> expand(FieldDef f, Element xml) {
        if (xml == null || !"Location".equals(text(xml, "type"))) {
            return List.of(f);
        }
        String base = f.name().substring(0, f.name().length() - 3);
        return List.of(
                f,
                FieldDef.of(base + "__Latitude__s", FieldType.DOUBLE)
                        .label(f.label() + " (Latitude)")
                        .build(),
                FieldDef.of(base + "__Longitude__s", FieldType.DOUBLE)
                        .label(f.label() + " (Longitude)")
                        .build());
    }

    /** A CustomField element as the org's field model (types per the Metadata API's FieldType). */
    static FieldDef fieldDef(String objectName, Element f, DeployContext ctx) {
        String name = text(f, "fullName");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*__c")) {
            throw new IllegalArgumentException(
                    "Invalid field name " + name + " on " + objectName + ": custom field names end in __c");
        }
        String type = text(f, "type");
        if (type == null) {
            throw new IllegalArgumentException("Field " + objectName + "." + name + ": Must specify the type");
        }
        // A formula field is read-only and computed on every read (formula.OrgCalculatedFields).
        boolean formula = text(f, "formula") != null && !text(f, "formula").isEmpty();
        FieldDef.Builder b = switch (type) {
            case "Text" -> FieldDef.of(name, FieldType.STRING).length(requireLength(f, objectName, name, 255));
            case "EncryptedText" -> FieldDef.of(name, FieldType.STRING).length(requireLength(f, objectName, name, 175));
            case "TextArea" -> FieldDef.of(name, FieldType.TEXTAREA).length(255);
            case "LongTextArea", "Html" ->
                FieldDef.of(name, FieldType.TEXTAREA).length(requireLength(f, objectName, name, 131072));
            case "Checkbox" ->
                FieldDef.of(name, FieldType.BOOLEAN).defaultValue(Boolean.parseBoolean(text(f, "defaultValue")));
            case "Number" -> FieldDef.of(name, FieldType.DOUBLE);
            case "Currency" -> FieldDef.of(name, FieldType.CURRENCY);
            case "Percent" -> FieldDef.of(name, FieldType.PERCENT);
            case "Date" -> FieldDef.of(name, FieldType.DATE);
            case "DateTime" -> FieldDef.of(name, FieldType.DATETIME);
            // Time values are kept as their ISO text (HH:mm:ss.SSSZ): the schema has no time type.
            case "Time" -> FieldDef.of(name, FieldType.STRING).length(13);
            case "Email" -> FieldDef.of(name, FieldType.EMAIL);
            case "Phone" -> FieldDef.of(name, FieldType.PHONE);
            case "Url" -> FieldDef.of(name, FieldType.URL);
            case "Picklist" -> FieldDef.of(name, FieldType.PICKLIST);
            case "MultiselectPicklist" -> FieldDef.of(name, FieldType.MULTIPICKLIST);
            case "AutoNumber" -> FieldDef.of(name, FieldType.STRING).readOnly();
            // Roll-up summaries are computed on read from the master-detail children (formula.RollupSummaries).
            case "Summary" ->
                FieldDef.of(name, CalculatedFieldDefs.rollupType(f, ctx))
                        .calculated(CalculatedFieldDefs.rollup(objectName, name, f, ctx));
            // Geolocation: the compound field itself; its __Latitude__s/__Longitude__s parts are added beside it.
            case "Location" -> FieldDef.of(name, FieldType.STRING).readOnly();
            // A custom metadata relationship to another custom metadata type is a reference (Other__r.Field__c and
            // child subqueries work; records name the target by DeveloperName). To EntityDefinition/FieldDefinition
            // it holds the entity's API name as text.
            case "MetadataRelationship" -> {
                String target = text(f, "referenceTo");
                if (target != null
                        && (target.equalsIgnoreCase("EntityDefinition")
                                || target.equalsIgnoreCase("FieldDefinition"))) {
                    // Kept as text (the entity's or field's DurableId, see CustomMetadataUnit) with a relationship
                    // that follows it to the computed EntityDefinition/FieldDefinition rows
                    // (Object__r.QualifiedApiName).
                    yield FieldDef.of(name, FieldType.STRING)
                            .references(
                                    name.substring(0, name.length() - 3) + "__r",
                                    target.equalsIgnoreCase("EntityDefinition")
                                            ? "EntityDefinition"
                                            : "FieldDefinition");
                }
                if (target == null || !target.toLowerCase(java.util.Locale.ROOT).endsWith("__mdt")) {
                    yield FieldDef.of(name, FieldType.STRING);
                }
                if (!ctx.objectKnown(target)) {
                    throw new IllegalArgumentException("Field " + objectName + "." + name + ": referenceTo value of '"
                            + target + "' does not resolve to a valid sObject type");
                }
                String children = text(f, "relationshipName");
                yield FieldDef.of(name, FieldType.REFERENCE)
                        .references(name.substring(0, name.length() - 3) + "__r", target)
                        .childRelationship(children == null || children.isEmpty() ? null : children + "__r");
            }
            case "Lookup", "MasterDetail" -> {
                String target = text(f, "referenceTo");
                if (target == null || target.isEmpty() || !ctx.objectKnown(target)) {
                    throw new IllegalArgumentException("Field " + objectName + "." + name + ": referenceTo value of '"
                            + target + "' does not resolve to a valid sObject type");
                }
                // Parent relationship: the field name with __r (Parent__r.Name); relationshipName names the children
                // on the parent ((SELECT Id FROM Children__r) FROM Parent__c).
                String children = text(f, "relationshipName");
                yield FieldDef.of(name, FieldType.REFERENCE)
                        .references(name.substring(0, name.length() - 3) + "__r", target)
                        .childRelationship(children == null || children.isEmpty() ? null : children + "__r");
            }
            default ->
                throw new IllegalArgumentException("Field " + objectName + "." + name + ": Invalid type: " + type);
        };
        if (formula) {
            b.calculated(CalculatedFieldDefs.formula(objectName, f, b.build().type(), ctx));
        }
        String label = text(f, "label");
        if (label != null) {
            b.label(label);
        }
        if (bool(f, "required", false) || "MasterDetail".equals(type)) {
            b.required();
        }
        if (bool(f, "unique", false)) {
            b.unique();
        }
        if (bool(f, "externalId", false)) {
            b.externalId();
        }
        String dflt = text(f, "defaultValue");
        if (dflt != null && !dflt.isEmpty() && type.matches("Number|Currency|Percent")) {
            try {
                b.defaultValue(Double.parseDouble(dflt));
            } catch (NumberFormatException e) {
                // A formula default (e.g. an expression) is not evaluated by the local org.
            }
        }
        if (type.contains("Picklist")) {
            Element valueSet = child(f, "valueSet");
            Element definition = valueSet == null ? null : child(valueSet, "valueSetDefinition");
            List<String> values = new ArrayList<>();
            String picklistDefault = null;
            if (definition != null) {
                for (Element v : children(definition, "value")) {
                    values.add(text(v, "fullName"));
                    if (bool(v, "default", false)) {
                        picklistDefault = text(v, "fullName");
                    }
                }
            }
            if (valueSet != null && bool(valueSet, "restricted", false)) {
                b.picklist(values);
            }
            if (picklistDefault != null) {
                b.defaultValue(picklistDefault);
            }
        }
        return b.build();
    }

    private static int requireLength(Element f, String objectName, String name, int dflt) {
        String l = text(f, "length");
        if (l == null || l.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Field " + objectName + "." + name + ": invalid length " + l);
        }
    }
}
