package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.child;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.setup.Org;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/** CustomMetadata: a record {@code Type.Record} becomes a row of {@code Type__mdt} (upsert by DeveloperName). */
public final class CustomMetadataUnit extends StoredUnit {
    public CustomMetadataUnit() {
        super(MetadataType.xml("CustomMetadata", "customMetadata", "md"));
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, "CustomMetadata")) {
            return;
        }
        int dot = c.fullName().indexOf('.');
        if (dot < 0) {
            c.fail("Invalid custom metadata record name " + c.fullName() + ": expected Type.Record");
            return;
        }
        String typeName = c.fullName().substring(0, dot) + "__mdt";
        if (!ctx.objectKnown(typeName)) {
            c.fail("Custom metadata type " + typeName + " does not exist");
            return;
        }
        Set<String> known = new HashSet<>();
        if (ctx.org().schema().get(typeName) != null) {
            ctx.org().schema().get(typeName).fields().forEach(f -> known.add(f.name().toLowerCase(Locale.ROOT)));
        }
        Element file = ctx.objectFile(typeName);
        if (file != null) {
            for (Element f : children(file, "fields")) {
                known.add(String.valueOf(text(f, "fullName")).toLowerCase(Locale.ROOT));
            }
        }
        for (Element v : children(c.xml(), "values")) {
            String field = text(v, "field");
            if (field == null || !known.contains(field.toLowerCase(Locale.ROOT))) {
                c.fail("The field " + field + " does not exist on " + typeName);
                return;
            }
        }
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        int dot = c.fullName().indexOf('.');
        String typeName = org.schema().get(c.fullName().substring(0, dot) + "__mdt").name();
        String developerName = c.fullName().substring(dot + 1);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("DeveloperName", developerName);
        String label = text(c.xml(), "label");
        values.put("MasterLabel", label == null ? developerName : label);
        values.put("Label", label == null ? developerName : label);
        values.put("QualifiedApiName", developerName);
        values.put("Language", "en_US");
        for (Element v : children(c.xml(), "values")) {
            Element value = child(v, "value");
            boolean nil = value == null
                    || "true".equals(value.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
            values.put(text(v, "field"), nil ? null : value.getTextContent());
        }
        Record existing = org.db().findOne(typeName, "DeveloperName", developerName);
        c.created(existing == null);
        if (existing == null) {
            c.id(org.db().insert(ctx.sys(), typeName, values));
        } else {
            org.db().update(ctx.sys(), existing.id(), values);
            c.id(existing.id());
        }
        org.audit().record(ctx.actor(), "Custom Metadata Types", "changedCustomMetadataRecord",
                "Deployed custom metadata record " + c.fullName());
        ctx.keep(c);
    }

    @Override
    public void delete(Org org, String actor, String member) {
        int dot = member.indexOf('.');
        Record r = dot < 0 ? null : org.db().findOne(member.substring(0, dot) + "__mdt", "DeveloperName",
                member.substring(dot + 1));
        if (r != null) {
            org.db().delete(Caller.system(actor), r.id());
        }
        super.delete(org, actor, member);
    }
}
