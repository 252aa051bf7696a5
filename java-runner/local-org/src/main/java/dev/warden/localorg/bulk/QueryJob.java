package dev.warden.localorg.bulk;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.rules.Access;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.ColumnInfo;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.QueryResult;
import dev.warden.soql.ResultRecord;
import dev.warden.soql.Soql;
import dev.warden.soql.SoqlException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Bulk API 2.0 query job: UploadComplete at creation -> InProgress -> JobComplete (CSV rows kept for paging with
 * {@code Sforce-Locator}) or Failed. The query runs as the job's owner with the REST API's object visibility.
 */
final class QueryJob extends BulkJob {
    private static final DateTimeFormatter CSV_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    final String operation;
    final String soql;
    private final Predicate<dev.warden.localorg.model.SObjectType> visible;
    private List<String> header = List.of();
    private List<List<String>> rows = List.of();

    QueryJob(
            String id,
            Org org,
            String userId,
            String operation,
            String soql,
            String delimiterName,
            String lineEndingName,
            String apiVersion,
            Instant now,
            Predicate<dev.warden.localorg.model.SObjectType> visible) {
        super(id, org, userId, objectOf(soql), delimiterName, lineEndingName, apiVersion, now, "UploadComplete");
        this.operation = operation;
        this.soql = soql;
        this.visible = visible;
    }

    private static String objectOf(String soql) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?i)\\bFROM\\s+(\\w+)").matcher(soql);
        return m.find() ? m.group(1) : null;
    }

    @Override
    void close() {
        throw new OrgException(
                "INVALIDJOBSTATE", "A query job is queued when it is created; only Aborted can be set", List.of(), 400);
    }

    @Override
    void run() {
        synchronized (this) {
            if (!"UploadComplete".equals(state)) {
                return;
            }
            state = "InProgress";
            touch();
        }
        long started = System.nanoTime();
        try {
            QueryResult r = Soql.query(
                    soql,
                    new OrgSoqlSource(org.db(), visible),
                    new QueryOptions(org.db().clock(), operation.equals("queryAll")));
            List<String> head = new ArrayList<>();
            for (ColumnInfo c : r.columns()) {
                flatten(c, "", head);
            }
            List<List<String>> out = new ArrayList<>(r.records().size());
            for (ResultRecord rec : r.records()) {
                List<String> row = new ArrayList<>(head.size());
                for (String column : head) {
                    row.add(cell(rec, column));
                }
                out.add(row);
            }
            synchronized (this) {
                header = head;
                rows = out;
                processed = out.size();
            }
            finish("JobComplete", null, started);
        } catch (SoqlException | OrgException e) {
            finish("Failed", e.getMessage(), started);
        } catch (RuntimeException e) {
            finish("Failed", "InternalServerError : " + e.getClass().getSimpleName(), started);
        }
    }

    private static void flatten(ColumnInfo c, String prefix, List<String> out) {
        if (c.joinColumns().isEmpty()) {
            out.add(prefix + c.columnName());
        } else {
            for (ColumnInfo j : c.joinColumns()) {
                flatten(j, prefix + c.columnName() + ".", out);
            }
        }
    }

    private static String cell(ResultRecord rec, String dotted) {
        Object v = rec;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof ResultRecord r)) {
                return "";
            }
            v = get(r.fields(), part);
        }
        if (v instanceof QueryResult || v instanceof List<?>) {
            // Bulk API 2.0 does not return child subqueries; wording UNCONFIRMED.
            throw new OrgException(
                    "FeatureNotEnabled", "Bulk API 2.0 query jobs do not support nested queries (" + dotted + ")");
        }
        if (v == null || v instanceof ResultRecord) {
            return "";
        }
        if (v instanceof Instant i) {
            return CSV_DATETIME.format(i);
        }
        Object json = Values.toJson(v);
        if (json instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(json);
    }

    private static Object get(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        if (v != null || fields.containsKey(name)) {
            return v;
        }
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** One page of the CSV from row {@code offset}; returns the text and the next locator (null at the end). */
    synchronized Page page(int offset, int maxRecords) {
        StringBuilder out = new StringBuilder();
        Csv.appendRow(out, header, delimiter, lineEnding);
        int end = Math.min(rows.size(), offset + maxRecords);
        for (int i = offset; i < end; i++) {
            Csv.appendRow(out, rows.get(i), delimiter, lineEnding);
        }
        return new Page(out.toString(), end - Math.min(offset, end), end < rows.size() ? Integer.toString(end) : null);
    }

    record Page(String csv, int records, String nextLocator) {}

    @Override
    synchronized Map<String, Object> info() {
        Map<String, Object> m = base("V2Query");
        m.put("operation", operation);
        return m;
    }

    static Predicate<dev.warden.localorg.model.SObjectType> visibility(Org org, String userId) {
        Access access = Access.ofUser(org.db(), userId);
        return t -> t.kind() != dev.warden.localorg.model.ObjectKind.CUSTOM_OBJECT
                        && t.kind() != dev.warden.localorg.model.ObjectKind.CUSTOM_SETTING
                || access.object(t.name()).read();
    }
}
