package dev.warden.localorg.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.setup.Org;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** One HTTP request as handlers see it: body already decompressed, caller address resolved, session attached. */
public final class Request {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String clientIp;
    private final Org org;
    private Session session;
    private Matcher match;

    public Request(
            String method,
            String path,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            String clientIp,
            Org org) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = h;
        this.body = body;
        this.clientIp = clientIp;
        this.org = org;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
    /** The caller's address: the socket peer, or X-Warden-Client-Ip when the peer is loopback (tests). */
    public String clientIp() {
        return clientIp;
    }

    public Org org() {
        return org;
    }

    public Session session() {
        return session;
    }

    void session(Session s) {
        session = s;
    }

    void match(Matcher m) {
        match = m;
    }

    /** A capturing group of the route's path pattern. */
    public String pathGroup(int i) {
        return match.group(i);
    }

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Every request header, names in lower case (Apex REST hands them to RestRequest.headers). */
    public Map<String, List<String>> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The body as JSON; a malformed body is the REST API's JSON_PARSER_ERROR. */
    public JsonNode json() {
        if (body.length == 0) {
            throw new OrgException("JSON_PARSER_ERROR", "The request body is empty: a JSON body is required");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new OrgException("JSON_PARSER_ERROR", "The request body is empty: a JSON body is required");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String what = e.getOriginalMessage().split("\n")[0].replaceAll("\\s*\\(start marker at \\[.*?\\]\\)", "");
            throw new OrgException(
                    "JSON_PARSER_ERROR",
                    what + (at == null ? "" : " at [line:" + at.getLineNr() + ", column:" + at.getColumnNr() + "]"));
        } catch (java.io.IOException e) {
            throw new OrgException("JSON_PARSER_ERROR", "The request body could not be read as JSON");
        }
    }

    /** The {@code vNN.N} API version in the path, e.g. {@code 67.0}, or null. */
    public String apiVersion() {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("/v(\\d+\\.\\d)(/|$)").matcher(path);
        return m.find() ? m.group(1) : null;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** Decodes %XX and '+'; a malformed escape is kept as sent. */
    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
