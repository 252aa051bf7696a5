package dev.warden.localorg.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records to and from the REST API's JSON. */
final class RecordJson {
    private RecordJson() {}

    static String sobjectUrl(String version, String type, String id) {
        return "/services/data/v" + version + "/sobjects/" + type + "/" + id;
    }

    static Map<String, Object> attributes(String version, String type, String id) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", type);
        if (id != null) {
            a.put("url", sobjectUrl(version, type, id));
        }
        return a;
    }

    /** A stored record as GET /sobjects/{type}/{id} answers it (all fields, or {@code only}). */
    static Map<String, Object> render(String version, Record r, List<String> only) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attributes", attributes(version, r.objectName(), r.id()));
        SObjectType type = r.type();
        if (only == null) {
            for (FieldDef f : type.fields()) {
                m.put(f.name(), value(version, r.objectName(), r.id(), f, r.get(f.name())));
            }
        } else {
            for (String name : only) {
                FieldDef f = type.field(name.trim());
                if (f == null) {
                    throw new OrgException(
                            "INVALID_FIELD", "No such column '" + name.trim() + "' on sobject of type " + type.name());
                }
                m.put(f.name(), value(version, r.objectName(), r.id(), f, r.get(f.name())));
            }
        }
        return m;
    }

    static Object value(String version, String objectName, String id, FieldDef f, Object v) {
        if (v instanceof byte[]) {
            return sobjectUrl(version, objectName, id) + "/" + f.name();
        }
        if (v == null && f != null && f.type() == FieldType.BOOLEAN) {
            return false;
        }
        return Values.toJson(v);
    }

    /** A JSON object of field values (attributes ignored) to the data service's input map. */
    static Map<String, Object> fields(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new OrgException("JSON_PARSER_ERROR", "The request body must be a JSON object of field values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals("attributes")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isObject() && isParentReference(v)) {
                out.put(
                        e.getKey(),
                        parentReference(v)); // {"Widget__r": {"Code__c": "W-1"}}: resolved by the write path
                continue;
            }
            if (v.isObject() || v.isArray()) {
                throw new OrgException(
                        "INVALID_FIELD",
                        "Cannot deserialize instance of " + e.getKey()
                                + " from " + (v.isObject() ? "START_OBJECT" : "START_ARRAY")
                                + ": nested values other than a parent reference by external id are not supported by the"
                                + " local org",
                        List.of(e.getKey()));
            }
            out.put(e.getKey(), scalar(v));
        }
        return out;
    }

    /** An object of scalars, optionally with {@code attributes} of scalars: a parent reference by external id. */
    private static boolean isParentReference(JsonNode v) {
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode x = e.getValue();
            boolean ok = e.getKey().equals("attributes")
                    ? x.isObject()
                            && x.properties().stream()
                                    .allMatch(a -> a.getValue().isValueNode())
                    : x.isValueNode();
            if (!ok || e.getKey().equals("records")) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> parentReference(JsonNode v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (e.getKey().equals("attributes")) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                e.getValue().properties().forEach(a -> attrs.put(a.getKey(), scalar(a.getValue())));
                m.put("attributes", attrs);
            } else {
                m.put(e.getKey(), scalar(e.getValue()));
            }
        }
        return m;
    }

    static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.asText();
    }
}
