package dev.warden.test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warden.runner.salesforce.rest.RestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records through the REST API as the org handle's user; every record inserted here is deleted after the test.
 * Salesforce errors are thrown as the runner's {@code SalesforceException} in Salesforce's words.
 */
public final class Records {
    /** Field names match case-insensitively, unknown fields (like {@code attributes}) are ignored: {@code record Acct(String id, String name)}. */
    static final ObjectMapper TYPED = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final RestClient rest;
    private final Cleanup cleanup;

    Records(RestClient rest, Cleanup cleanup) {
        this.rest = rest;
        this.cleanup = cleanup;
    }

    /** {@code fields("Name", "Acme", "Industry", "Energy")}: names and values alternately, in order. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "fields(...) takes names and values in pairs, got " + namesAndValues.length + " arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return m;
    }

    /** Inserts one record; returns its id. It is deleted after the test. */
    public String insert(String type, Map<String, ?> fields) {
        JsonNode r = rest.post(RestClient.data("/sobjects/" + type), fields, "rest.test", "insert " + type);
        String id = r.path("id").asText();
        cleanup.add(type, id);
        return id;
    }

    public String insert(String type, Object... namesAndValues) {
        return insert(type, fields(namesAndValues));
    }

    public void update(String type, String id, Map<String, ?> fields) {
        rest.patch(RestClient.data("/sobjects/" + type + "/" + id), fields, "rest.test", "update " + type + " " + id);
    }

    public record Upserted(String id, boolean created) {}

    /** Upsert by an external id field; a created record is deleted after the test (an updated one was not the test's). */
    public Upserted upsert(String type, String externalIdField, String value, Map<String, ?> fields) {
        JsonNode r = rest.patch(
                RestClient.data("/sobjects/" + type + "/" + externalIdField + "/"
                        + URLEncoder.encode(value, StandardCharsets.UTF_8)),
                fields,
                "rest.test",
                "upsert " + type + " " + externalIdField + "=" + value);
        boolean created = r != null && r.path("created").asBoolean(false);
        String id = r == null ? null : r.path("id").asText(null);
        if (id == null) {
            id = rest.query("SELECT Id FROM " + type + " WHERE " + externalIdField + " = '" + value.replace("'", "\\'")
                            + "'")
                    .get(0)
                    .path("Id")
                    .asText();
        }
        if (created) {
            cleanup.add(type, id);
        }
        return new Upserted(id, created);
    }

    public void delete(String type, String id) {
        rest.delete(RestClient.data("/sobjects/" + type + "/" + id), "rest.test", "delete " + type + " " + id);
        cleanup.forget(id);
    }

    /** Every row of a SOQL query (all pages). */
    public List<JsonNode> query(String soql) {
        return rest.query(soql);
    }

    /** Rows as {@code type} (a record or bean; names match case-insensitively; relationship fields as nested types). */
    public <T> List<T> query(String soql, Class<T> type) {
        return rest.query(soql).stream().map(r -> TYPED.convertValue(r, type)).toList();
    }

    public JsonNode get(String type, String id) {
        return rest.get(RestClient.data("/sobjects/" + type + "/" + id), "rest.test");
    }
}
