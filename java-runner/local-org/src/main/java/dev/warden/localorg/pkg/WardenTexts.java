package dev.warden.localorg.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words users see, read from the {@code WardenScenarios} static resource exactly as the Apex class WardenTexts
 * reads them: {@code {name}} placeholders replaced in one pass, null values as empty strings, unknown placeholders
 * kept as written.
 */
public final class WardenTexts {
    public static final String RESOURCE_NAME = "WardenScenarios";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;

    private WardenTexts(JsonNode document) {
        this.document = document;
    }

    public static WardenTexts parse(byte[] resourceBody) {
        try {
            JsonNode doc = JSON.readTree(resourceBody);
            if (doc == null || !doc.path("texts").isObject()) {
                throw new IllegalStateException("Static resource " + RESOURCE_NAME + " has no \"texts\" object");
            }
            return new WardenTexts(doc);
        } catch (IOException e) {
            throw new IllegalStateException("Static resource " + RESOURCE_NAME + " is not JSON: " + e.getMessage());
        }
    }

    /** The whole document (texts and scenarios). */
    public JsonNode document() {
        return document;
    }

    public String text(String key, Map<String, ?> values) {
        return format(template(document.path("texts"), key), values);
    }

    public String error(String key, Map<String, ?> values) {
        return format(template(document.path("texts").path("errors"), key), values);
    }

    /** The raw template of an error key (tests turn it into a pattern). */
    public String errorTemplate(String key) {
        return template(document.path("texts").path("errors"), key);
    }

    public static String format(String template, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            if (values != null && values.containsKey(name)) {
                out.append(template, last, m.start());
                Object v = values.get(name);
                out.append(v == null ? "" : String.valueOf(v));
                last = m.end();
            }
        }
        return out.append(template.substring(last)).toString();
    }

    private static String template(JsonNode source, String key) {
        JsonNode v = source.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException("Text " + key + " is missing from " + RESOURCE_NAME);
        }
        return v.asText();
    }
}
