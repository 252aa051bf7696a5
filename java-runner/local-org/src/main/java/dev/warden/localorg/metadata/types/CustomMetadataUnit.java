package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.child;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/** CustomMetadata: a record {@code Type.Record} becomes a row of {@code Type__mdt} (upsert by DeveloperName). */
public final class CustomMetadataUnit extends StoredUnit {
    /** Per deploy: target record (Type__mdt.Name, lower case) -> records waiting for its id, as {id, field}. */
    private static final Map<DeployContext, Map<String, List<String[]>>> PENDING =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Per deploy: the records already applied (a relationship's target may be applied before its turn). */
    private static final Map<DeployContext, Set<Component>> APPLIED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static boolean relationshipToMetadata(FieldDef def) {
        return def != null
                && def.type() == dev.warden.localorg.model.FieldType.REFERENCE
                && !def.referenceTo().isEmpty()
                && def.referenceTo().get(0).toLowerCase(Locale.ROOT).endsWith("__mdt");
    }

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
            ctx.org()
                    .schema()
                    .get(typeName)
                    .fields()
                    .forEach(f -> known.add(f.name().toLowerCase(Locale.ROOT)));
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
        if (!APPLIED.computeIfAbsent(ctx, k -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))
                .add(c)) {
            return; // applied earlier in this deploy, as the target of another record's relationship
        }
        Org org = ctx.org();
        int dot = c.fullName().indexOf('.');
        String typeName =
                org.schema().get(c.fullName().substring(0, dot) + "__mdt").name();
        String developerName = c.fullName().substring(dot + 1);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("DeveloperName", developerName);
        String label = text(c.xml(), "label");
        values.put("MasterLabel", label == null ? developerName : label);
        values.put("Label", label == null ? developerName : label);
        values.put("QualifiedApiName", developerName);
        values.put("Language", "en_US");
        Map<String, String> later = new LinkedHashMap<>();
        for (Element v : children(c.xml(), "values")) {
            Element value = child(v, "value");
            boolean nil = value == null
                    || "true".equals(value.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
            String field = text(v, "field");
            Object content = nil ? null : value.getTextContent();
            FieldDef def = org.schema().get(typeName).field(field);
            if (content != null && relationshipToMetadata(def)) {
                // A relationship names its target record by DeveloperName; a target deployed later in this same
                // deploy is linked when it is applied.
                String target = def.referenceTo().get(0);
                Record r = org.db().findOne(target, "DeveloperName", content);
                Component targetRecord = r == null
                        ? ctx.deployed("CustomMetadata", target.substring(0, target.length() - 5) + "." + content)
                        : null;
                if (targetRecord != null && targetRecord.ok()) {
                    // The target is in this deploy: apply it first, so a required relationship has its value on
                    // insert (a cycle falls through to the link made when the target is applied).
                    apply(targetRecord, ctx);
                    r = org.db().findOne(target, "DeveloperName", content);
                }
                if (r == null
                        && ctx.deploying("CustomMetadata", target.substring(0, target.length() - 5) + "." + content)) {
                    later.put(def.name(), target + "." + content);
                    continue;
                }
                if (r == null) {
                    throw new IllegalArgumentException(
                            "Invalid value for " + field + ": no " + target + " record named " + content);
                }
                content = r.id();
            }
            if (content != null) {
                content = MetadataRelationshipValues.durableId(
                        org.schema(), typeName, def, content.toString(), c.xml(), ctx);
            }
            values.put(field, content);
        }
        Record existing = org.db().findOne(typeName, "DeveloperName", developerName);
        c.created(existing == null);
        if (existing == null) {
            c.id(org.db().insert(ctx.sys(), typeName, values));
        } else {
            org.db().update(ctx.sys(), existing.id(), values);
            c.id(existing.id());
        }
        Map<String, List<String[]>> pending = PENDING.computeIfAbsent(ctx, k -> new HashMap<>());
        later.forEach(
                (field, target) -> pending.computeIfAbsent(target.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(new String[] {c.id(), field}));
        for (String[] waiting :
                pending.getOrDefault((typeName + "." + developerName).toLowerCase(Locale.ROOT), List.of())) {
            org.db().update(ctx.sys(), waiting[0], Map.of(waiting[1], c.id()));
        }
        org.audit()
                .record(
                        ctx.actor(),
                        "Custom Metadata Types",
                        "changedCustomMetadataRecord",
                        "Deployed custom metadata record " + c.fullName());
        ctx.keep(c);
    }

    @Override
    public void delete(Org org, String actor, String member) {
        int dot = member.indexOf('.');
        Record r = dot < 0
                ? null
                : org.db().findOne(member.substring(0, dot) + "__mdt", "DeveloperName", member.substring(dot + 1));
        if (r != null) {
            org.db().delete(Caller.system(actor), r.id());
        }
        super.delete(org, actor, member);
    }
}
