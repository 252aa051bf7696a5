package dev.warden.localorg.server;

import dev.warden.localorg.data.OrgException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP answer. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json;charset=UTF-8";

    public Response {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Response json(int status, Object body) {
        return new Response(status, JSON, Json.bytes(body), null);
    }

    public static Response empty(int status) {
        return new Response(status, null, new byte[0], null);
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), null);
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body, null);
    }

    /** The REST API's error body: {@code [{"message","errorCode"(,"fields")}]}. */
    public static Response sfError(int status, String errorCode, String message, List<String> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("errorCode", errorCode);
        if (fields != null) {
            e.put("fields", fields);
        }
        return json(status, List.of(e));
    }

    public static Response sfError(OrgException e) {
        boolean withFields = !e.fields().isEmpty() || "DUPLICATE_VALUE".equals(e.errorCode());
        return sfError(e.httpStatus(), e.errorCode(), e.getMessage(), withFields ? e.fields() : null);
    }

    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h);
    }
}
