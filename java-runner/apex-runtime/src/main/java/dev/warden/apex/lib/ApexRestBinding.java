package dev.warden.apex.lib;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.RType;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.Decl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Apex REST's request and response bodies for {@code @Http*} methods, with no HTTP in sight: a JSON request body
 * is an object whose keys name the method's parameters (Salesforce's "an attempt is made to deserialize the request
 * body into those parameters"), and a non-void return value is serialized as JSON into the response body. XML
 * bodies are not supported here; the host refuses them loudly.
 */
public final class ApexRestBinding {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApexRestBinding() {}

    /** The request body could not be bound; the host answers 400 with {@link #errorCode()} and the message. */
    public static final class BadBody extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadBody(String message) {
            super(message, null, false, false);
        }

        /** UNCONFIRMED: the error code Salesforce uses for an Apex REST body it cannot deserialize. */
        public String errorCode() {
            return "JSON_PARSER_ERROR";
        }
    }

    /**
     * The arguments for {@code method} from a JSON body: each top-level key binds the parameter of that name
     * (exact name first, then ignoring case: UNCONFIRMED), converted as JSON.deserialize converts to the declared
     * type; parameters without a key are null. A key that names no parameter is refused as Salesforce does
     * ("Unexpected parameter encountered during deserialization"; UNCONFIRMED wording beyond that phrase).
     */
    public static Object[] arguments(Frame f, MethodInfo method, byte[] body) {
        var params = method.decl.params();
        Object[] out = new Object[params.size()];
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return out;
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            byName.put(params.get(i).name(), i);
        }
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadBody("Expected a JSON object whose keys name the parameters of " + method.owner.name()
                        + "." + method.name() + " " + at(p.currentTokenLocation()));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation where = p.currentTokenLocation();
                p.nextToken();
                JsonNode value = MAPPER.readTree(p);
                Integer index = byName.get(key);
                if (index == null) {
                    index = byName.entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase(key))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElse(null);
                }
                if (index == null) {
                    throw new BadBody(
                            "Unexpected parameter encountered during deserialization: " + key + " " + at(where));
                }
                Decl.Param param = params.get(index);
                RType type = f.tx.program.types.resolve(param.type(), method.owner);
                out[index] = JsonLib.typed(f, value, type, false);
            }
        } catch (JsonProcessingException e) {
            throw new BadBody(e.getOriginalMessage() + " " + at(e.getLocation()));
        } catch (IOException e) {
            throw new BadBody(e.getMessage());
        }
        return out;
    }

    /** A returned value as Apex REST writes it: JSON.serialize's shape, nulls included. */
    public static byte[] serialize(Frame f, Object returned) {
        try {
            return MAPPER.writeValueAsBytes(JsonLib.node(f, returned, false));
        } catch (JsonProcessingException e) {
            throw dev.warden.apex.exec.Errors.apex(f, "JSONException", e.getOriginalMessage());
        }
    }

    private static String at(JsonLocation l) {
        return l == null ? "" : "at [line:" + l.getLineNr() + ", column:" + l.getColumnNr() + "]";
    }
}
