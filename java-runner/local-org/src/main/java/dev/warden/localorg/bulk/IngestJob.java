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

/**
 * A Bulk API 2.0 ingest job: Open (data upload) -> UploadComplete (queued) -> InProgress (the worker) -> JobComplete
 * or Failed; Aborted from any state before an outcome. Rows run in chunks of {@value #CHUNK}; an abort between chunks
 * leaves the rest unprocessed.
 */
final class IngestJob extends BulkJob {
    static final int CHUNK = 200;
    final String operation;
    final String externalIdField;
    private String data;
    private List<String> header = List.of();
    private final List<List<String>> successful = new ArrayList<>();
    private final List<List<String>> failed = new ArrayList<>();
    private final List<List<String>> unprocessed = new ArrayList<>();

    IngestJob(
            String id,
            Org org,
            String userId,
            String object,
            String operation,
            String externalIdField,
            String delimiterName,
            String lineEndingName,
            String apiVersion,
            Instant now) {
        super(id, org, userId, object, delimiterName, lineEndingName, apiVersion, now, "Open");
        this.operation = operation;
        this.externalIdField = externalIdField;
    }

    synchronized void upload(String csv) {
        if (!"Open".equals(state)) {
            // Code and wording UNCONFIRMED.
            throw new OrgException(
                    "INVALIDJOBSTATE",
                    "Job " + id + " is not open for data upload (state " + state + ")",
                    List.of(),
                    409);
        }
        if (data != null) {
            throw new OrgException(
                    "INVALIDJOBSTATE",
                    "Data can be uploaded to a job only once; create another job" + " for more data",
                    List.of(),
                    409);
        }
        data = csv;
        touch();
    }

    @Override
    synchronized void close() {
        if (!"Open".equals(state)) {
            throw new OrgException(
                    "INVALIDJOBSTATE", "Job " + id + " can't be closed: its state is " + state, List.of(), 409);
        }
        state = "UploadComplete";
        touch();
    }

    @Override
    void run() {
        String text;
        synchronized (this) {
            if (!"UploadComplete".equals(state)) {
                return;
            }
            state = "InProgress";
            text = data == null ? "" : data;
            touch();
        }
        long started = System.nanoTime();
        try {
            process(text);
            finish("JobComplete", null, started);
        } catch (JobFailure e) {
            finish("Failed", e.getMessage(), started);
        } catch (OrgException e) {
            // A platform rule refused the whole job (e.g. an upsert key that is no External ID): its words, not a 500.
            finish("Failed", "InvalidBatch : " + e.errorCode() + " : " + e.getMessage(), started);
        } catch (RuntimeException e) {
            finish("Failed", "InternalServerError : " + e.getClass().getSimpleName(), started);
        }
    }

    private void process(String text) {
        List<List<String>> rows;
        try {
            rows = Csv.parse(text, delimiter);
        } catch (IllegalArgumentException e) {
            throw new JobFailure("ClientInputError : " + e.getMessage());
        }
        if (rows.isEmpty()) {
            return;
        }
        SObjectType type = org.schema().get(object);
        header = rows.get(0);
        List<FieldDef> columns = new ArrayList<>();
        for (String column : header) {
            String name = column.strip();
            if (name.contains(".")) {
                throw new JobFailure("InvalidBatch : Relationship columns such as " + name
                        + " (a parent by external id)" + " are not supported by the local org");
            }
            FieldDef f = type.field(name);
            if (f == null) {
                throw new JobFailure("InvalidBatch : Field name not found : " + name);
            }
            columns.add(f);
        }
        if ((operation.equals("delete") || operation.equals("hardDelete"))
                && columns.stream().noneMatch(f -> f.name().equals("Id"))) {
            throw new JobFailure("InvalidBatch : Field name not found : Id");
        }
        Caller caller = Caller.api(userId);
        for (int start = 1; start < rows.size(); start += CHUNK) {
            List<List<String>> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
            synchronized (this) {
                if ("Aborted".equals(state)) {
                    unprocessed.addAll(rows.subList(start, rows.size()));
                    return;
                }
            }
            List<Map<String, Object>> values = new ArrayList<>(chunk.size());
            List<List<String>> accepted = new ArrayList<>(chunk.size());
            for (List<String> row : chunk) {
                if (row.size() != columns.size()) {
                    fail(
                            row,
                            null,
                            "INVALID_FIELD:Wrong number of columns: expected " + columns.size() + ", found "
                                    + row.size() + ": --");
                    continue;
                }
                values.add(rowValues(columns, row));
                accepted.add(row);
            }
            List<BulkWrites.Outcome> outcomes =
                    BulkWrites.write(org.db(), caller, type.name(), operation, externalIdField, values);
            synchronized (this) {
                for (int i = 0; i < outcomes.size(); i++) {
                    BulkWrites.Outcome o = outcomes.get(i);
                    List<String> row = accepted.get(i);
                    if (o.success()) {
                        List<String> r = new ArrayList<>(row.size() + 2);
                        r.add(o.id());
                        r.add(Boolean.toString(o.created()));
                        r.addAll(row);
                        successful.add(r);
                        processed++;
                    } else {
                        fail(
                                row,
                                o.id(),
                                o.error().errorCode() + ":" + o.error().getMessage() + ":"
                                        + String.join(",", o.error().fields()) + " --");
                    }
                }
                touch();
            }
        }
    }

    /** A row as field values: an empty cell leaves the field alone, {@code #N/A} sets it to null (Bulk API rule). */
    private Map<String, Object> rowValues(List<FieldDef> columns, List<String> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean idOnly = operation.equals("delete") || operation.equals("hardDelete");
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            if (idOnly && !name.equals("Id")) {
                continue;
            }
            String v = row.get(i);
            if (v.isEmpty()) {
                continue;
            }
            m.put(name, v.equals("#N/A") ? null : v);
        }
        return m;
    }

    private synchronized void fail(List<String> row, String recordId, String error) {
        List<String> r = new ArrayList<>(row.size() + 2);
        r.add(recordId == null ? "" : recordId);
        r.add(error);
        r.addAll(row);
        failed.add(r);
        processed++;
        failures++;
    }

    synchronized String successfulResults() {
        return results(List.of("sf__Id", "sf__Created"), successful);
    }

    synchronized String failedResults() {
        return results(List.of("sf__Id", "sf__Error"), failed);
    }

    synchronized String unprocessedRecords() {
        return results(List.of(), unprocessed);
    }

    private String results(List<String> prefix, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        List<String> head = new ArrayList<>(prefix);
        head.addAll(header);
        Csv.appendRow(out, head, delimiter, lineEnding);
        for (List<String> r : rows) {
            Csv.appendRow(out, r, delimiter, lineEnding);
        }
        return out.toString();
    }

    @Override
    synchronized Map<String, Object> info() {
        Map<String, Object> m = base("V2Ingest");
        m.put("operation", operation);
        if (externalIdField != null) {
            m.put("externalIdFieldName", externalIdField);
        }
        m.put("contentUrl", "services/data/v" + apiVersion + "/jobs/ingest/" + id + "/batches");
        m.put("numberRecordsFailed", failures);
        m.put("apexProcessingTime", 0);
        return m;
    }

    /** The job cannot run at all (bad header, bad CSV): state Failed with this message. */
    static final class JobFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobFailure(String message) {
            super(message, null, false, false);
        }
    }
}
