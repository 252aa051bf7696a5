package dev.warden.localorg.data;

import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parent references by external id in a row: {@code "Widget__r": {"Code__c": "W-1"}} (REST JSON, or a nested
 * sObject in SOAP) sets the lookup field {@code Widget__c} to the id of the Widget whose External ID Code__c is W-1,
 * as Salesforce resolves foreign keys in inserts, updates and upserts.
 */
final class ForeignKeys {
    private ForeignKeys() {}

    /** {@code values} with every relationship entry replaced by its lookup field and the parent's id. */
    static Map<String, ?> resolve(OrgDatabase db, SObjectType type, Map<String, ?> values) {
        if (values.values().stream().noneMatch(v -> v instanceof Map)) {
            return values;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> ref)) {
                out.put(e.getKey(), e.getValue());
                continue;
            }
            FieldDef lookup = lookupFor(type, e.getKey());
            if (lookup == null) {
                throw new OrgException(
                        "INVALID_FIELD",
                        "No such column '" + e.getKey() + "' on sobject of type " + type.name(),
                        List.of(e.getKey()));
            }
            out.put(lookup.name(), parentId(db, lookup, ref));
        }
        return out;
    }

    /** The reference field named by a relationship: its relationship name, Parent__c → Parent__r, Account → AccountId. */
    private static FieldDef lookupFor(SObjectType type, String relationship) {
        for (FieldDef f : type.fields()) {
            if (f.type() != FieldType.REFERENCE) {
                continue;
            }
            String n = f.name();
            boolean byName = relationship.equalsIgnoreCase(f.relationshipName())
                    || (n.endsWith("__c") && relationship.equalsIgnoreCase(n.substring(0, n.length() - 3) + "__r"))
                    || (n.endsWith("Id") && relationship.equalsIgnoreCase(n.substring(0, n.length() - 2)));
            if (byName) {
                return f;
            }
        }
        return null;
    }

    private static String parentId(OrgDatabase db, FieldDef lookup, Map<?, ?> ref) {
        String targetName = null;
        if (ref.get("attributes") instanceof Map<?, ?> attrs && attrs.get("type") != null) {
            targetName = attrs.get("type").toString();
        } else if (ref.get("type") != null && !(ref.get("type") instanceof Map)) {
            targetName = ref.get("type").toString(); // SOAP: <type> of the nested sObject
        } else if (lookup.referenceTo().size() == 1) {
            targetName = lookup.referenceTo().get(0);
        }
        SObjectType target = targetName == null ? null : db.schema().get(targetName);
        if (target == null) {
            throw new OrgException(
                    "INVALID_FIELD",
                    "The parent of " + lookup.name() + " needs attributes.type" + " (the field references "
                            + lookup.referenceTo() + ")",
                    List.of(lookup.name()));
        }
        List<Map.Entry<?, ?>> keys = new ArrayList<>();
        for (Map.Entry<?, ?> k : ref.entrySet()) {
            if (!k.getKey().equals("attributes") && !k.getKey().equals("type")) {
                keys.add(k);
            }
        }
        if (keys.size() != 1) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "INVALID_FIELD",
                    "A parent reference on " + lookup.name() + " needs exactly one" + " external ID field, found "
                            + keys.size(),
                    List.of(lookup.name()));
        }
        String fieldName = keys.get(0).getKey().toString();
        Object value = keys.get(0).getValue();
        FieldDef key = target.field(fieldName);
        if (key == null || !(key.name().equals("Id") || key.externalId() || (!key.custom() && key.unique()))) {
            // The platform's words for a non-key field (as commonly reported).
            throw new OrgException(
                    "INVALID_FIELD",
                    "Field name provided, " + fieldName + " is not an External ID or indexed field for "
                            + target.name(),
                    List.of(lookup.name()));
        }
        List<Record> found = value == null
                ? List.of()
                : key.name().equals("Id")
                        ? (db.live(value.toString()) == null ? List.of() : List.of(db.live(value.toString())))
                        : db.findBy(target.name(), key.name(), Values.coerce(key, value));
        if (found.isEmpty()) {
            // The platform's words (as commonly reported).
            throw new OrgException(
                    "INVALID_FIELD",
                    "Foreign key external ID: " + value + " not found for field " + key.name() + " in entity "
                            + target.name(),
                    List.of(lookup.name()));
        }
        if (found.size() > 1) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "DUPLICATE_EXTERNAL_ID",
                    "Foreign key external ID: " + value + " matches " + found.size() + " records for field "
                            + key.name() + " in entity " + target.name(),
                    List.of(lookup.name()));
        }
        return found.get(0).id();
    }
}
