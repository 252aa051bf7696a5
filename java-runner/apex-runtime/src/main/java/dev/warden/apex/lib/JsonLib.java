package dev.warden.apex.lib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.link.FieldSlot;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.ApexSet;
import dev.warden.apex.value.Blob;
import dev.warden.apex.value.EnumValue;
import dev.warden.apex.value.SObjectValue;
import dev.warden.apex.value.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON.serialize (class fields in declaration order, nulls written unless suppressed; map keys in insertion order,
 * UNCONFIRMED) and JSON.deserializeUntyped (whole numbers as Integer, or Long when they do not fit; others Decimal).
 */
final class JsonLib implements Builtin {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String name() {
        return "JSON";
    }

    @Override
    public Set<String> statics() {
        return Set.of("serialize", "serializepretty", "deserializeuntyped", "deserialize", "deserializestrict");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "serialize":
            case "serializepretty": {
                boolean suppressNulls = a.size() > 1 && Boolean.TRUE.equals(a.get(1));
                JsonNode n = node(f, a.get(0), suppressNulls);
                try {
                    return m.equals("serialize")
                            ? MAPPER.writeValueAsString(n)
                            : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n);
                } catch (JsonProcessingException e) {
                    throw Errors.apex(f, "JSONException", e.getOriginalMessage());
                }
            }
            case "deserializeuntyped": {
                String text = Args.strNotNull(f, a, 0);
                try {
                    return untyped(MAPPER.readTree(text));
                } catch (JsonProcessingException e) {
                    throw Errors.apex(f, "JSONException", e.getOriginalMessage());
                }
            }
            case "deserialize":
            case "deserializestrict": {
                String text = Args.strNotNull(f, a, 0);
                if (!(a.get(1) instanceof TypeLib.TypeToken t)) {
                    throw Errors.npe(f);
                }
                try {
                    return typed(f, MAPPER.readTree(text), t.type(), m.equals("deserializestrict"));
                } catch (JsonProcessingException e) {
                    throw Errors.apex(f, "JSONException", e.getOriginalMessage());
                }
            }
            default:
                throw Args.noSuch(f, "JSON", m, a);
        }
    }

    /**
     * JSON into an Apex type: class instances get the named fields set (constructors and initialisers are not run;
     * unknown names are ignored, or a JSONException for deserializeStrict; UNCONFIRMED wording), SObjects their fields.
     */
    static Object typed(Frame f, JsonNode n, dev.warden.apex.exec.RType t, boolean strict) {
        if (n == null || n.isNull()) {
            return null;
        }
        switch (t.kind()) {
            case OBJECT:
                return untyped(n);
            case LIST:
            case SET: {
                if (!n.isArray()) {
                    throw Errors.apex(f, "JSONException", "Expected " + t + " but found " + n.getNodeType());
                }
                List<Object> items = new ArrayList<>();
                for (JsonNode c : n) {
                    items.add(typed(f, c, t.a(), strict));
                }
                if (t.kind() == dev.warden.apex.exec.RType.Kind.LIST) {
                    return new ApexList(t.a().ref(), items);
                }
                ApexSet s = new ApexSet(t.a().ref());
                items.forEach(s::add);
                return s;
            }
            case MAP: {
                ApexMap m = new ApexMap(t.a().ref(), t.b().ref());
                Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    m.put(
                            dev.warden.apex.exec.Types.coerce(f, e.getKey(), t.a()),
                            typed(f, e.getValue(), t.b(), strict));
                }
                return m;
            }
            case SOBJECT: {
                if (t.sobject() == null) {
                    throw Errors.unsupported("JSON.deserialize into SObject without a concrete type", f);
                }
                SObjectValue s = new SObjectValue(t.sobject());
                Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    var fi = t.sobject().field(e.getKey());
                    if (fi != null) {
                        dev.warden.apex.exec.SObjects.put(
                                f,
                                s,
                                fi.name(),
                                typed(
                                        f,
                                        e.getValue(),
                                        dev.warden.apex.exec.SObjects.fieldType(f.tx.program, fi),
                                        strict));
                    }
                }
                return s;
            }
            case CLASS: {
                if (t.cls().platform || t.cls().isInterface() || t.cls().isEnum()) {
                    if (t.cls().isEnum() && n.isTextual()) {
                        int i = 0;
                        for (String v : t.cls().enumValues) {
                            if (v.equalsIgnoreCase(n.asText())) {
                                return new EnumValue(t.cls().name(), v, i);
                            }
                            i++;
                        }
                        return null;
                    }
                    throw Errors.unsupported("JSON.deserialize into " + t, f);
                }
                ApexObject o = new ApexObject(t.cls());
                Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    FieldSlot fs = t.cls().instanceField(e.getKey());
                    if (fs == null) {
                        if (strict) {
                            throw Errors.apex(
                                    f,
                                    "JSONException",
                                    "No such column '" + e.getKey() + "' on "
                                            + t.cls().name());
                        }
                        continue;
                    }
                    o.fields[fs.index] = typed(f, e.getValue(), f.tx.program.types.resolve(fs.type, fs.owner), strict);
                }
                return o;
            }
            default: {
                Object v = untyped(n);
                if (t.kind() == dev.warden.apex.exec.RType.Kind.DATE && v instanceof String s) {
                    return LocalDate.parse(s.substring(0, Math.min(10, s.length())));
                }
                if (t.kind() == dev.warden.apex.exec.RType.Kind.DATETIME && v instanceof String s) {
                    return java.time.OffsetDateTime.parse(s.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                            .toInstant();
                }
                if (t.kind() == dev.warden.apex.exec.RType.Kind.BLOB && v instanceof String s) {
                    return new Blob(Base64.getDecoder().decode(s));
                }
                return dev.warden.apex.exec.Types.cast(f, v instanceof Integer i && t.isNumeric() ? i : v, t);
            }
        }
    }

    static Object untyped(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            ApexMap m = new ApexMap(TypeRef.of("String", null), TypeRef.of("Object", null));
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), untyped(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            ApexList l = new ApexList(TypeRef.of("Object", null));
            for (JsonNode c : n) {
                l.items.add(untyped(c));
            }
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt()
                    ? (Object) n.intValue()
                    : n.canConvertToLong() ? (Object) n.longValue() : n.decimalValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        return n.asText();
    }

    static JsonNode node(Frame f, Object v, boolean suppressNulls) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof ApexId || v instanceof EnumValue) {
            return NODES.textNode(v.toString());
        }
        if (v instanceof LocalDate d) {
            return NODES.textNode(d.toString());
        }
        if (v instanceof Instant i) {
            return NODES.textNode(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(i));
        }
        if (v instanceof Blob b) {
            return NODES.textNode(Base64.getEncoder().encodeToString(b.bytes()));
        }
        if (v instanceof ApexList l) {
            ArrayNode arr = NODES.arrayNode();
            for (Object o : l.items) {
                arr.add(node(f, o, suppressNulls));
            }
            return arr;
        }
        if (v instanceof ApexSet s) {
            ArrayNode arr = NODES.arrayNode();
            for (Object o : s.items.values()) {
                arr.add(node(f, o, suppressNulls));
            }
            return arr;
        }
        if (v instanceof ApexMap m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<Object, Object> e : m.entries.values()) {
                if (e.getValue() == null && suppressNulls) {
                    continue;
                }
                o.set(Values.text(e.getKey()), node(f, e.getValue(), suppressNulls));
            }
            return o;
        }
        if (v instanceof SObjectValue s) {
            ObjectNode o = NODES.objectNode();
            ObjectNode attrs = o.putObject("attributes");
            attrs.put("type", s.typeName());
            for (String name : s.fieldNames()) {
                Object val = s.get(name);
                if (val == null && suppressNulls) {
                    continue;
                }
                o.set(name, node(f, val, suppressNulls));
            }
            return o;
        }
        if (v instanceof ApexObject obj && !obj.type.isException()) {
            ObjectNode o = NODES.objectNode();
            List<dev.warden.apex.link.ClassInfo> chain = new ArrayList<>();
            for (dev.warden.apex.link.ClassInfo c = obj.type; c != null && !c.platform; c = c.superclass) {
                chain.add(0, c);
            }
            for (dev.warden.apex.link.ClassInfo c : chain) {
                for (FieldSlot fs : c.instanceFields.values()) {
                    if (fs.declaration.getClass().getSimpleName().equals("Field")
                            && ((dev.warden.apex.lower.Decl.Field) fs.declaration)
                                    .modifiers()
                                    .contains("transient")) {
                        continue;
                    }
                    Object val = obj.fields[fs.index];
                    if (val == null && suppressNulls) {
                        continue;
                    }
                    o.set(fs.name, node(f, val, suppressNulls));
                }
            }
            return o;
        }
        throw Errors.unsupported("JSON.serialize of " + Values.typeName(v), f);
    }
}
