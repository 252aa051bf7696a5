package dev.warden.runner.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The sf-style JSON envelope of design.md: {@code {"status","result","warnings"}}, plus name/message on failure. */
final class Envelope {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Envelope() {}

    static String of(int status, Object result, List<String> warnings, String name, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", status);
        n.set("result", JSON.valueToTree(result));
        n.set("warnings", JSON.valueToTree(warnings));
        if (name != null) {
            n.put("name", name);
            n.put("message", message);
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
