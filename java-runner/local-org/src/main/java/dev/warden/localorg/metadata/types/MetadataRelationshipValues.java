package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.child;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Schema;
import org.w3c.dom.Element;

/**
 * The value a custom metadata relationship to EntityDefinition or FieldDefinition holds in the org: the target's
 * DurableId ({@code Account}, {@code Account.Industry}), which SOQL answers for the field and follows for
 * {@code Object__r.QualifiedApiName}. A record file names a field by its API name alone; its object is the value of
 * the field's controlling field ({@code metadataRelationshipControllingField}). The record file itself is stored and
 * retrieved unchanged. UNCONFIRMED: Salesforce answers 01I/00N durable ids for custom objects and fields, and
 * refuses a record naming an object or field that does not exist (kept as written here).
 */
final class MetadataRelationshipValues {
    private MetadataRelationshipValues() {}

    static String durableId(
            Schema schema, String typeName, FieldDef def, String value, Element record, DeployContext ctx) {
        if (def == null || def.referenceTo().size() != 1) {
            return value;
        }
        String target = def.referenceTo().get(0);
        if (target.equals("EntityDefinition")) {
            SObjectType t = schema.get(value);
            return t == null ? value : t.name();
        }
        if (!target.equals("FieldDefinition") || value.contains(".")) {
            return value;
        }
        String controlling = controllingField(schema, typeName, def, ctx);
        String entity = controlling == null ? null : recordValue(record, controlling);
        SObjectType t = entity == null ? null : schema.get(entity);
        if (t == null) {
            return entity == null ? value : entity + "." + value;
        }
        FieldDef f = t.field(value);
        return t.name() + "." + (f == null ? value : f.name());
    }

    /** The controlling field's name: from the type's object file in this deploy, else its one EntityDefinition field. */
    private static String controllingField(Schema schema, String typeName, FieldDef def, DeployContext ctx) {
        Element file = ctx.objectFile(typeName);
        if (file != null) {
            for (Element f : children(file, "fields")) {
                String c = text(f, "metadataRelationshipControllingField");
                if (def.name().equalsIgnoreCase(text(f, "fullName")) && c != null && c.contains(".")) {
                    return c.substring(c.indexOf('.') + 1);
                }
            }
        }
        String only = null;
        SObjectType type = schema.get(typeName);
        for (FieldDef f : type == null ? java.util.List.<FieldDef>of() : type.fields()) {
            if (f.referenceTo().size() == 1 && f.referenceTo().get(0).equals("EntityDefinition")) {
                if (only != null) {
                    return null;
                }
                only = f.name();
            }
        }
        return only;
    }

    private static String recordValue(Element record, String field) {
        for (Element v : children(record, "values")) {
            if (field.equalsIgnoreCase(text(v, "field"))) {
                Element value = child(v, "value");
                return value == null ? null : value.getTextContent();
            }
        }
        return null;
    }
}
