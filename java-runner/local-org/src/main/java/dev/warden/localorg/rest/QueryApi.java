package dev.warden.localorg.rest;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.soql.ColumnInfo;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.Soql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * query / queryAll / queryMore (nextRecordsUrl, 2000-row batches or {@code Sforce-Query-Options: batchSize=N}) and
 * {@code columns=true} (what {@code sf data query} asks for after a non-empty result). SOQL itself is
 * dev.warden.soql's.
 */
final class QueryApi {
    static final int DEFAULT_BATCH = 2000;
    private static final Pattern BATCH = Pattern.compile("batchSize\\s*=\\s*(\\d+)");
    private static final int MAX_CURSORS = 200;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_CURSORS;
        }
    };
    private final AtomicLong cursorSeq = new AtomicLong();

    private record Cursor(QueryResult result, int batch, String basePath) {}

    static void register(LocalOrgContext ctx, RestApi rest) {
        QueryApi q = new QueryApi();
        ctx.routes().add("GET", RestApi.V + "/query/?", ApiKind.REST, true, req -> q.query(req, rest, false, "query"));
        ctx.routes()
                .add("GET", RestApi.V + "/queryAll/?", ApiKind.REST, true, req -> q.query(req, rest, true, "queryAll"));
        ctx.routes().add("GET", RestApi.V + "/(?:query|queryAll)/(01g\\w+)-(\\d+)/?", ApiKind.REST, true, q::more);
    }

    Response query(Request req, RestApi rest, boolean all, String resource) {
        String version = RestApi.version(req);
        String soql = req.param("q");
        if (soql == null || soql.isBlank()) {
            throw new OrgException("MALFORMED_QUERY", "A query string has to be specified");
        }
        Access access = rest.access(req);
        OrgSoqlSource source = new OrgSoqlSource(req.org().db(), t -> RestApi.visible(access, t));
        if ("true".equalsIgnoreCase(req.param("columns"))) {
            QueryResult r = dev.warden.localorg.query.QueryLimits.run(
                    soql,
                    () -> Soql.query(
                            soql, source, new QueryOptions(req.org().db().clock(), all)));
            return Response.json(200, columns(soql, r));
        }
        QueryResult result = dev.warden.localorg.query.QueryLimits.run(
                soql,
                () -> Soql.query(soql, source, new QueryOptions(req.org().db().clock(), all)));
        return page(version, result, 0, batchSize(req), "/services/data/v" + version + "/" + resource);
    }

    private Response more(Request req) {
        String version = RestApi.version(req);
        Cursor c;
        synchronized (cursors) {
            c = cursors.get(req.pathGroup(2));
        }
        if (c == null) {
            throw new OrgException("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(version, c.result(), Integer.parseInt(req.pathGroup(3)), c.batch(), c.basePath());
    }

    private Response page(String version, QueryResult result, int offset, int batch, String basePath) {
        List<ResultRecord> all = result.records();
        int end = Math.min(all.size(), offset + batch);
        List<Object> records = new ArrayList<>(Math.max(0, end - offset));
        for (int i = offset; i < end; i++) {
            records.add(render(version, all.get(i)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalSize", result.totalSize());
        m.put("done", end >= all.size());
        if (end < all.size()) {
            String cursorId = Ids.make("01g", cursorSeq.incrementAndGet()).substring(0, 15);
            synchronized (cursors) {
                cursors.put(cursorId, new Cursor(result, batch, basePath));
            }
            m.put("nextRecordsUrl", basePath + "/" + cursorId + "-" + end);
        }
        m.put("records", records);
        return Response.json(200, m);
    }

    static int batchSize(Request req) {
        String opts = req.header("Sforce-Query-Options");
        if (opts != null) {
            Matcher m = BATCH.matcher(opts);
            if (m.find()) {
                return Math.max(200, Math.min(2000, Integer.parseInt(m.group(1))));
            }
        }
        return DEFAULT_BATCH;
    }

    static Map<String, Object> render(String version, ResultRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attributes", RecordJson.attributes(version, r.objectName(), r.id()));
        for (Map.Entry<String, Object> e : r.fields().entrySet()) {
            m.put(e.getKey(), renderValue(version, r, e.getKey(), e.getValue()));
        }
        return m;
    }

    private static Object renderValue(String version, ResultRecord owner, String field, Object v) {
        if (v instanceof ResultRecord nested) {
            return render(version, nested);
        }
        if (v instanceof QueryResult sub) {
            return subquery(version, sub.totalSize(), sub.records());
        }
        if (v instanceof List<?> list) {
            List<ResultRecord> rows = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof ResultRecord rr) {
                    rows.add(rr);
                }
            }
            return rows.isEmpty() ? null : subquery(version, rows.size(), rows);
        }
        if (v instanceof byte[]) {
            return RecordJson.sobjectUrl(version, owner.objectName(), owner.id()) + "/" + field;
        }
        return Values.toJson(v);
    }

    private static Map<String, Object> subquery(String version, int total, List<ResultRecord> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalSize", total);
        m.put("done", true);
        List<Object> records = new ArrayList<>();
        for (ResultRecord r : rows) {
            records.add(render(version, r));
        }
        m.put("records", records);
        return m;
    }

    static Map<String, Object> columns(String soql, QueryResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> cols = new ArrayList<>();
        boolean idSelected = false;
        for (ColumnInfo c : r.columns()) {
            cols.add(column(c));
            idSelected |= c.columnName().equalsIgnoreCase("Id");
        }
        Matcher from = Pattern.compile("(?i)\\bFROM\\s+(\\w+)").matcher(soql);
        m.put("columnMetadata", cols);
        m.put("entityName", from.find() ? from.group(1) : null);
        m.put("groupBy", soql.toUpperCase(java.util.Locale.ROOT).contains("GROUP BY"));
        m.put("idSelected", idSelected);
        m.put("keyPrefix", null);
        return m;
    }

    private static Map<String, Object> column(ColumnInfo c) {
        String t = c.apexType();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aggregate", c.aggregate());
        m.put("apexType", t);
        m.put("booleanType", "Boolean".equals(t));
        m.put("columnName", c.columnName());
        m.put("custom", c.columnName().endsWith("__c") || c.columnName().endsWith("__r"));
        m.put("displayName", c.displayName());
        m.put("foreignKeyName", null);
        m.put("insertable", t != null);
        List<Object> joins = new ArrayList<>();
        for (ColumnInfo j : c.joinColumns()) {
            joins.add(column(j));
        }
        m.put("joinColumns", joins);
        m.put(
                "numberType",
                t != null && (t.equals("Integer") || t.equals("Double") || t.equals("Long") || t.equals("Decimal")));
        m.put("textType", t != null && (t.equals("String") || t.equals("Id")));
        m.put("updatable", t != null);
        return m;
    }
}
