package dev.warden.localorg.bulk;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.setup.Org;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Bulk API 1.0 job: Open (batches may be added, each processed as it arrives) -> Closed | Aborted. Batches are CSV
 * or XML records (ingest) or one SOQL query (query jobs, CSV results).
 */
final class Bulk1Job {
    final String id;
    final Org org;
    final String userId;
    final String object;
    final String operation;
    final String externalIdField;
    final String contentType;
    final String apiVersion;
    final Instant createdDate;
    volatile Instant modstamp;
    volatile String state = "Open";
    final List<Batch> batches = new CopyOnWriteArrayList<>();

    Bulk1Job(
            String id,
            Org org,
            String userId,
            String object,
            String operation,
            String externalIdField,
            String contentType,
            String apiVersion,
            Instant now) {
        this.id = id;
        this.org = org;
        this.userId = userId;
        this.object = object;
        this.operation = operation;
        this.externalIdField = externalIdField;
        this.contentType = contentType;
        this.apiVersion = apiVersion;
        this.createdDate = now;
        this.modstamp = now;
    }

    boolean query() {
        return operation.equals("query") || operation.equals("queryAll");
    }

    /** One batch: its rows (or query), state and per-row results. */
    final class Batch {
        final String id;
        final String data;
        final Instant createdDate = Instant.now();
        volatile Instant modstamp = createdDate;
        String state = "Queued";
        String stateMessage;
        int processed;
        int failed;
        long millis;
        List<String> header = List.of();
        final List<List<String>> rows = new ArrayList<>();
        final List<BulkWrites.Outcome> outcomes = new ArrayList<>();
        String queryCsv;
        /** A JSON query job's rows, rendered as REST renders query rows. */
        List<Map<String, Object>> queryJson;

        Batch(String id, String data) {
            this.id = id;
            this.data = data;
        }

        Bulk1Job job() {
            return Bulk1Job.this;
        }

        synchronized boolean finished() {
            return state.equals("Completed") || state.equals("Failed") || state.equals("NotProcessed");
        }

        synchronized void awaitFinished(long ms) {
            long end = System.currentTimeMillis() + ms;
            try {
                while (!finished() && System.currentTimeMillis() < end) {
                    wait(Math.max(1, end - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void run() {
            synchronized (this) {
                if (!state.equals("Queued")) {
                    return;
                }
                if (Bulk1Job.this.state.equals("Aborted")) {
                    end("NotProcessed", null);
                    return;
                }
                state = "InProgress";
                modstamp = Instant.now();
            }
            long t0 = System.nanoTime();
            try {
                if (query()) {
                    runQuery();
                } else {
                    runIngest();
                }
                millis = (System.nanoTime() - t0) / 1_000_000;
                end("Completed", null);
            } catch (IngestJob.JobFailure | OrgException | dev.warden.soql.SoqlException e) {
                millis = (System.nanoTime() - t0) / 1_000_000;
                end("Failed", e.getMessage());
            } catch (RuntimeException e) {
                end("Failed", "InternalServerError : " + e.getClass().getSimpleName());
            }
        }

        private synchronized void end(String outcome, String message) {
            state = outcome;
            stateMessage = message;
            modstamp = Instant.now();
            Bulk1Job.this.modstamp = modstamp;
            notifyAll();
        }

        private void runQuery() {
            if (contentType.equals("JSON")) {
                dev.warden.soql.QueryResult r = dev.warden.soql.Soql.query(
                        data.strip(),
                        new dev.warden.localorg.query.OrgSoqlSource(org.db(), QueryJob.visibility(org, userId)),
                        new dev.warden.soql.QueryOptions(org.db().clock(), operation.equals("queryAll")));
                List<Map<String, Object>> rendered = new ArrayList<>();
                for (dev.warden.soql.ResultRecord rec : r.records()) {
                    rendered.add(dev.warden.localorg.rest.QueryRows.render(apiVersion, rec));
                }
                synchronized (this) {
                    queryJson = rendered;
                    processed = rendered.size();
                }
                return;
            }
            if (!contentType.equals("CSV")) {
                throw new IngestJob.JobFailure(
                        "InvalidBatch : the local org returns Bulk API 1.0 query results as" + " CSV or JSON only");
            }
            QueryJob q = new QueryJob(
                    "internal",
                    org,
                    userId,
                    operation,
                    data.strip(),
                    "COMMA",
                    "LF",
                    apiVersion,
                    Instant.now(),
                    QueryJob.visibility(org, userId));
            q.run();
            if (!"JobComplete".equals(q.state())) {
                throw new IngestJob.JobFailure("InvalidBatch : " + q.errorMessage);
            }
            QueryJob.Page all = q.page(0, Integer.MAX_VALUE);
            synchronized (this) {
                queryCsv = all.csv();
                processed = all.records();
            }
        }

        private void runIngest() {
            SObjectType type = org.schema().get(object);
            List<Map<String, Object>> values = new ArrayList<>();
            if (contentType.equals("JSON")) {
                for (Map<String, String> r : jsonRecords(data)) {
                    List<String> row = new ArrayList<>();
                    Map<String, Object> v = new LinkedHashMap<>();
                    for (Map.Entry<String, String> e : r.entrySet()) {
                        v.put(field(type, e.getKey()).name(), e.getValue());
                        row.add(e.getValue());
                    }
                    values.add(only(v));
                    rows.add(row);
                }
            } else if (contentType.equals("XML")) {
                for (Map<String, String> r : Bulk1Xml.records(data)) {
                    List<String> row = new ArrayList<>();
                    Map<String, Object> v = new LinkedHashMap<>();
                    for (Map.Entry<String, String> e : r.entrySet()) {
                        FieldDef f = field(type, e.getKey());
                        v.put(f.name(), e.getValue());
                        row.add(e.getValue());
                    }
                    values.add(only(v));
                    rows.add(row);
                }
            } else {
                List<List<String>> csv;
                try {
                    csv = Csv.parse(data, ',');
                } catch (IllegalArgumentException e) {
                    throw new IngestJob.JobFailure("InvalidBatch : " + e.getMessage());
                }
                if (csv.isEmpty()) {
                    return;
                }
                List<FieldDef> columns = new ArrayList<>();
                for (String c : csv.get(0)) {
                    columns.add(field(type, c.strip()));
                }
                header = csv.get(0);
                for (List<String> row : csv.subList(1, csv.size())) {
                    if (row.size() != columns.size()) {
                        throw new IngestJob.JobFailure("InvalidBatch : Records not processed: a row has " + row.size()
                                + " columns, the header " + columns.size());
                    }
                    Map<String, Object> v = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        String cell = row.get(i);
                        if (!cell.isEmpty()) {
                            v.put(columns.get(i).name(), cell.equals("#N/A") ? null : cell);
                        }
                    }
                    values.add(only(v));
                    rows.add(row);
                }
            }
            List<BulkWrites.Outcome> out = new ArrayList<>();
            Caller caller = Caller.api(userId);
            for (int start = 0; start < values.size(); start += IngestJob.CHUNK) {
                out.addAll(BulkWrites.write(
                        org.db(),
                        caller,
                        type.name(),
                        operation,
                        externalIdField,
                        values.subList(start, Math.min(values.size(), start + IngestJob.CHUNK))));
            }
            synchronized (this) {
                outcomes.addAll(out);
                processed = out.size();
                failed = (int) out.stream().filter(o -> !o.success()).count();
            }
        }

        private Map<String, Object> only(Map<String, Object> v) {
            if (operation.equals("delete") || operation.equals("hardDelete")) {
                Map<String, Object> id = new LinkedHashMap<>();
                id.put("Id", v.get("Id"));
                return id;
            }
            return v;
        }

        /**
         * A JSON batch: an array of objects of field values; JSON null sets the field to null. Values are taken as
         * their text, as CSV cells are. Relationship objects are refused like XML relationship elements.
         */
        private static List<Map<String, String>> jsonRecords(String json) {
            com.fasterxml.jackson.databind.JsonNode root;
            try {
                root = dev.warden.localorg.server.Json.MAPPER.readTree(json);
            } catch (java.io.IOException e) {
                throw new IngestJob.JobFailure("InvalidBatch : the batch is not JSON: "
                        + e.getMessage().split("\n")[0]);
            }
            if (root == null || !root.isArray()) {
                throw new IngestJob.JobFailure("InvalidBatch : a JSON batch is an array of records");
            }
            List<Map<String, String>> out = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode rec : root) {
                Map<String, String> r = new LinkedHashMap<>();
                var it = rec.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    if (e.getKey().equals("attributes")) {
                        continue;
                    }
                    if (e.getValue().isContainerNode()) {
                        throw new IngestJob.JobFailure("InvalidBatch : relationship values (" + e.getKey()
                                + ") are not supported by the local org");
                    }
                    r.put(
                            e.getKey(),
                            e.getValue().isNull() ? null : e.getValue().asText());
                }
                out.add(r);
            }
            return out;
        }

        private FieldDef field(SObjectType type, String name) {
            FieldDef f = type.field(name);
            if (f == null) {
                throw new IngestJob.JobFailure("InvalidBatch : Field name not found : " + name);
            }
            return f;
        }
    }
}
