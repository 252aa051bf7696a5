package dev.warden.localorg.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A tiny HTTP client for tests: talks to the local org exactly as any client would. */
public final class OrgClient {
    private final HttpClient http;
    private final String base;
    private final String token;

    public record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    public OrgClient(String base, String token) {
        this(base, token, (javax.net.ssl.SSLContext) null);
    }

    public OrgClient(String base, String token, javax.net.ssl.SSLContext tls) {
        this.base = base;
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.http = (tls == null ? b : b.sslContext(tls)).build();
    }

    private OrgClient(String base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    public OrgClient as(String otherToken) {
        return new OrgClient(base, otherToken, http);
    }

    public Answer get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Answer post(String path, Object json, String... headers) {
        return send("POST", path, Json.string(json), "application/json", headers);
    }

    public Answer postRaw(String path, String body, String contentType, String... headers) {
        return send("POST", path, body, contentType, headers);
    }

    public Answer patch(String path, Object json) {
        return send("PATCH", path, Json.string(json), "application/json");
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Answer send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            return new Answer(-1, Map.of(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String q(String soql) {
        return java.net.URLEncoder.encode(soql, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
