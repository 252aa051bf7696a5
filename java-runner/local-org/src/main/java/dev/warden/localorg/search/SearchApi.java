package dev.warden.localorg.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.ApiVersions;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.Soql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * SOSL over REST: {@code GET /search?q=FIND {...}} and {@code parameterizedSearch} (GET with parameters, POST with a
 * JSON body). Matching comes from {@link SearchIndex}; fields, WHERE, ORDER BY, LIMIT and OFFSET of each RETURNING
 * object run through the SOQL engine over the matched ids, so they behave exactly as in a query.
 */
public final class SearchApi {
    static final int DEFAULT_LIMIT = 2000;
    private static final String V = "/services/data/v(\\d{2}\\.\\d)";
    private final Map<Org, SearchIndex> indexes = new WeakHashMap<>();

    private SearchApi() {}

    public static void register(LocalOrgContext ctx) {
        SearchApi api = new SearchApi();
        ctx.onOrgCreated(org -> api.index(org));
        ctx.routes().add("GET", V + "/search/?", ApiKind.REST, true, api::search);
        ctx.routes().add("GET", V + "/parameterizedSearch/?", ApiKind.REST, true, api::parameterizedGet);
        ctx.routes().add("POST", V + "/parameterizedSearch/?", ApiKind.REST, true, api::parameterizedPost);
    }

    /** Whether SOSL searches the type (custom objects and the standard CRM objects); describe's "searchable". */
    public static boolean searchable(SObjectType t) {
        return SearchIndex.searchable(t);
    }

    private synchronized SearchIndex index(Org org) {
        return indexes.computeIfAbsent(org, o -> new SearchIndex(o.db()));
    }

    private Response search(Request req) {
        String v = version(req);
        return Response.json(200, run(req, v, Sosl.parse(req.param("q"))));
    }

    /** {@code ?q=term&sobject=Account&Account.fields=Id,Name&Account.limit=5&in=NAME&fields=Id&overallLimit=n}. */
    private Response parameterizedGet(Request req) {
        String v = version(req);
        String q = req.param("q");
        if (q == null || q.isBlank()) {
            throw Sosl.malformed("parameterizedSearch needs the q parameter");
        }
        List<SearchRequest.Returning> returning = new ArrayList<>();
        String defaultFields = req.param("fields");
        for (String object : params(req.rawQuery(), "sobject")) {
            String fields = req.param(object + ".fields");
            fields = fields != null ? fields : defaultFields;
            String limit = req.param(object + ".limit");
            returning.add(new SearchRequest.Returning(
                    object,
                    fields == null ? null : List.of(fields.split(",")),
                    req.param(object + ".where"),
                    req.param(object + ".orderBy"),
                    integer(limit, "limit"),
                    null));
        }
        if (returning.isEmpty() && defaultFields != null) {
            throw Sosl.malformed("fields needs at least one sobject parameter");
        }
        return Response.json(
                200,
                run(
                        req,
                        v,
                        new SearchRequest(
                                Sosl.terms(escaped(q)),
                                scope(req.param("in")),
                                returning,
                                integer(req.param("overallLimit"), "overallLimit"))));
    }

    /** {@code {"q":..., "fields":[...], "sobjects":[{"name", "fields", "limit", "where", "orderBy"}], "in", ...}}. */
    private Response parameterizedPost(Request req) {
        String v = version(req);
        JsonNode body = req.json();
        String q = body.path("q").asText(null);
        if (q == null || q.isBlank()) {
            throw Sosl.malformed("parameterizedSearch needs q in the request body");
        }
        List<String> defaultFields = strings(body.get("fields"));
        Integer defaultLimit =
                body.has("defaultLimit") ? body.get("defaultLimit").asInt() : null;
        List<SearchRequest.Returning> returning = new ArrayList<>();
        for (JsonNode o : body.path("sobjects")) {
            List<String> fields = strings(o.get("fields"));
            returning.add(new SearchRequest.Returning(
                    o.path("name").asText(),
                    fields != null ? fields : defaultFields,
                    o.path("where").asText(null),
                    o.path("orderBy").asText(null),
                    o.has("limit") ? Integer.valueOf(o.get("limit").asInt()) : defaultLimit,
                    null));
        }
        Integer overall = body.has("overallLimit") ? body.get("overallLimit").asInt() : null;
        return Response.json(
                200,
                run(
                        req,
                        v,
                        new SearchRequest(
                                Sosl.terms(escaped(q)), scope(body.path("in").asText(null)), returning, overall)));
    }

    private Map<String, Object> run(Request req, String version, SearchRequest s) {
        Org org = req.org();
        Access access = Access.ofUser(org.db(), req.session().userId());
        Predicate<SObjectType> visible = t ->
                t.kind() != ObjectKind.CUSTOM_OBJECT || access.object(t.name()).read();
        List<SearchRequest.Returning> returning = new ArrayList<>(s.returning());
        for (SearchRequest.Returning r : returning) {
            SObjectType t = org.schema().get(r.object());
            if (t == null || !visible.test(t)) {
                throw new OrgException("INVALID_TYPE", "sObject type '" + r.object() + "' is not supported.");
            }
            if (!SearchIndex.searchable(t)) {
                throw new OrgException("INVALID_TYPE", "entity type " + t.name() + " does not support search");
            }
        }
        List<Record> hits = index(org).search(s.terms(), s.scope());
        if (returning.isEmpty()) {
            List<String> seen = new ArrayList<>();
            for (Record r : hits) {
                if (visible.test(r.type()) && !seen.contains(r.objectName())) {
                    seen.add(r.objectName());
                    returning.add(new SearchRequest.Returning(r.objectName(), null, null, null, null, null));
                }
            }
        }
        int overall = s.limit() == null ? DEFAULT_LIMIT : Math.min(s.limit(), DEFAULT_LIMIT);
        OrgSoqlSource source = new OrgSoqlSource(org.db(), visible);
        List<Object> records = new ArrayList<>();
        for (SearchRequest.Returning r : returning) {
            SObjectType t = org.schema().get(r.object());
            List<String> ids =
                    hits.stream().filter(h -> h.type() == t).map(Record::id).toList();
            if (ids.isEmpty() || records.size() >= overall) {
                continue;
            }
            int limit = Math.min(overall - records.size(), r.limit() == null ? overall : r.limit());
            StringBuilder soql = new StringBuilder("SELECT ")
                    .append(r.fields() == null ? "Id" : String.join(", ", r.fields()))
                    .append(" FROM ")
                    .append(t.name())
                    .append(" WHERE Id IN ('")
                    .append(String.join("','", ids))
                    .append("')");
            if (r.where() != null) {
                soql.append(" AND (").append(r.where()).append(')');
            }
            if (r.orderBy() != null) {
                soql.append(" ORDER BY ").append(r.orderBy());
            }
            soql.append(" LIMIT ").append(limit);
            if (r.offset() != null) {
                soql.append(" OFFSET ").append(r.offset());
            }
            QueryResult result = Soql.query(
                    soql.toString(), source, new QueryOptions(org.db().clock(), false));
            for (ResultRecord rr : result.records()) {
                records.add(render(version, rr));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("searchRecords", records);
        return m;
    }

    private static Map<String, Object> render(String version, ResultRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", r.objectName());
        if (r.id() != null) {
            attributes.put("url", "/services/data/v" + version + "/sobjects/" + r.objectName() + "/" + r.id());
        }
        m.put("attributes", attributes);
        for (Map.Entry<String, Object> e : r.fields().entrySet()) {
            Object v = e.getValue();
            m.put(e.getKey(), v instanceof ResultRecord nested ? render(version, nested) : Values.toJson(v));
        }
        return m;
    }

    /** parameterizedSearch's q is plain text: SOSL's reserved characters are taken literally. */
    private static String escaped(String q) {
        return q.replace("(", " ").replace(")", " ");
    }

    private static String scope(String in) {
        if (in == null || in.isBlank()) {
            return "ALL";
        }
        String s = in.toUpperCase(Locale.ROOT);
        return switch (s) {
            case "ALL", "NAME", "EMAIL", "PHONE" -> s;
            case "SIDEBAR" -> "ALL";
            default -> throw Sosl.malformed("in must be ALL, NAME, EMAIL, PHONE or SIDEBAR: " + in);
        };
    }

    private static Integer integer(String v, String name) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw Sosl.malformed(name + " must be a number: " + v);
        }
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static List<String> params(String rawQuery, String name) {
        List<String> out = new ArrayList<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                for (String v : java.net.URLDecoder.decode(
                                pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8)
                        .split(",")) {
                    if (!v.isBlank()) {
                        out.add(v.trim());
                    }
                }
            }
        }
        return out;
    }

    private static String version(Request req) {
        String v = req.pathGroup(1);
        double d = Double.parseDouble(v);
        if (d < 20 || d > ApiVersions.MAX) {
            throw OrgException.notFound();
        }
        return v;
    }
}
