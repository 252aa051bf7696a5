package dev.warden.localorg.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.rest.RestApi;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk API 2.0 ({@code /services/data/vXX.X/jobs/ingest} and {@code /jobs/query}): jobs run on one background worker
 * so the state machine is observable. A just-queued job gets up to {@value #HEAD_START_MS} ms to finish before the
 * answer goes out, so a client's first poll usually sees the outcome (sf polls every 5 s); the answer still shows
 * the state the request set.
 */
public final class BulkApi2 {
    static final long HEAD_START_MS = 1000;
    static final int DEFAULT_MAX_RECORDS = 50_000;
    private static final String V = "/services/data/v(\\d{2}\\.\\d)";
    private static final String JOB = "(750\\w{12}(?:\\w{3})?)";
    private static final Set<String> INGEST_OPERATIONS = Set.of("insert", "update", "upsert", "delete", "hardDelete");
    /** One worker for every server in the JVM: jobs of all orgs queue behind each other, like a shared pod. */
    static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-org-bulk");
        t.setDaemon(true);
        return t;
    });

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final Map<String, BulkJob> jobs = new ConcurrentHashMap<>();

    private BulkApi2() {}

    public static void register(LocalOrgContext ctx) {
        BulkApi2 api = new BulkApi2();
        ctx.onOrgCreated(org -> api.jobs.values().removeIf(j -> j.org != org && j.finished()));
        Routes r = ctx.routes();
        r.add("POST", V + "/jobs/ingest/?", ApiKind.REST, true, api::createIngest);
        r.add("GET", V + "/jobs/ingest/?", ApiKind.REST, true, req -> api.list(req, IngestJob.class));
        r.add("GET", V + "/jobs/ingest/" + JOB + "/?", ApiKind.REST, true, req -> api.info(req, IngestJob.class));
        r.add("PATCH", V + "/jobs/ingest/" + JOB + "/?", ApiKind.REST, true, req -> api.setState(req, IngestJob.class));
        r.add("DELETE", V + "/jobs/ingest/" + JOB + "/?", ApiKind.REST, true, req -> api.delete(req, IngestJob.class));
        r.add("PUT", V + "/jobs/ingest/" + JOB + "/batches/?", ApiKind.REST, true, api::upload);
        r.add(
                "GET",
                V + "/jobs/ingest/" + JOB + "/(successfulResults|failedResults|unprocessedrecords)/?",
                ApiKind.REST,
                true,
                api::ingestResults);
        r.add("POST", V + "/jobs/query/?", ApiKind.REST, true, api::createQuery);
        r.add("GET", V + "/jobs/query/?", ApiKind.REST, true, req -> api.list(req, QueryJob.class));
        r.add("GET", V + "/jobs/query/" + JOB + "/?", ApiKind.REST, true, req -> api.info(req, QueryJob.class));
        r.add("PATCH", V + "/jobs/query/" + JOB + "/?", ApiKind.REST, true, req -> api.setState(req, QueryJob.class));
        r.add("DELETE", V + "/jobs/query/" + JOB + "/?", ApiKind.REST, true, req -> api.delete(req, QueryJob.class));
        r.add("GET", V + "/jobs/query/" + JOB + "/results/?", ApiKind.REST, true, api::queryResults);
    }

    private static String version(Request req) {
        String v = req.pathGroup(1);
        double d = Double.parseDouble(v);
        if (d < 41 || d > RestApi.MAX_VERSION) {
            throw OrgException.notFound();
        }
        return v;
    }

    private static String newId() {
        return Ids.make("750", nextSequence());
    }

    /** Job ids of both Bulk APIs share one sequence (both are 750...). */
    static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    // ------------------------------------------------------------------ ingest

    private Response createIngest(Request req) {
        String v = version(req);
        JsonNode body = req.json();
        String objectName = text(body, "object");
        String operation = text(body, "operation");
        if (objectName == null || operation == null) {
            throw new OrgException("INVALIDJOB", "object and operation are required to create an ingest job");
        }
        if (!INGEST_OPERATIONS.contains(operation)) {
            throw new OrgException(
                    "INVALIDJOB",
                    "Invalid operation: " + operation + " (insert, update, upsert, delete or hardDelete)");
        }
        String contentType = text(body, "contentType");
        if (contentType != null && !contentType.equalsIgnoreCase("CSV")) {
            throw new OrgException("INVALIDJOB", "Invalid contentType: " + contentType + " (only CSV)");
        }
        SObjectType type = req.org().schema().get(objectName);
        if (type == null
                || !QueryJob.visibility(req.org(), req.session().userId()).test(type)) {
            // Wording UNCONFIRMED.
            throw new OrgException("INVALIDJOB", "Unable to find object: " + objectName);
        }
        String externalId = text(body, "externalIdFieldName");
        if (operation.equals("upsert")) {
            if (externalId == null) {
                throw new OrgException(
                        "INVALIDJOB",
                        "External ID was blank for " + type.name() + ". An External ID must be specified for upsert.");
            }
            FieldDef f = type.field(externalId);
            if (f == null) {
                throw new OrgException("INVALIDJOB", "The field " + externalId + " does not exist on " + type.name());
            }
            externalId = f.name();
        }
        IngestJob job = new IngestJob(
                newId(),
                req.org(),
                req.session().userId(),
                type.name(),
                operation,
                externalId,
                text(body, "columnDelimiter"),
                text(body, "lineEnding"),
                v,
                req.org().db().clock().instant());
        jobs.put(job.id, job);
        return Response.json(200, job.info());
    }

    private Response upload(Request req) {
        version(req);
        IngestJob job = (IngestJob) job(req, IngestJob.class);
        job.upload(req.bodyText());
        return Response.empty(201);
    }

    private Response ingestResults(Request req) {
        version(req);
        IngestJob job = (IngestJob) job(req, IngestJob.class);
        if (!job.finished()) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "INVALIDJOBSTATE",
                    "Job " + job.id + " is not finished (state " + job.state() + "); results are available once it is",
                    List.of(),
                    409);
        }
        String csv = switch (req.pathGroup(3)) {
            case "successfulResults" -> job.successfulResults();
            case "failedResults" -> job.failedResults();
            default -> job.unprocessedRecords();
        };
        return Response.text(200, "text/csv", csv);
    }

    // ------------------------------------------------------------------ query

    private Response createQuery(Request req) {
        String v = version(req);
        JsonNode body = req.json();
        String operation = text(body, "operation");
        String soql = text(body, "query");
        if (operation == null) {
            operation = "query";
        }
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            throw new OrgException("INVALIDJOB", "Invalid operation: " + operation + " (query or queryAll)");
        }
        if (soql == null || soql.isBlank()) {
            throw new OrgException("INVALIDJOB", "A query is required to create a query job");
        }
        // Validate now, as Salesforce does: a malformed query is an error of the create call, not a failed job.
        String user = req.session().userId();
        dev.warden.soql.Soql.parse(soql);
        QueryJob job = new QueryJob(
                newId(),
                req.org(),
                user,
                operation,
                soql,
                text(body, "columnDelimiter"),
                text(body, "lineEnding"),
                v,
                req.org().db().clock().instant(),
                QueryJob.visibility(req.org(), user));
        Map<String, Object> answer = job.info();
        jobs.put(job.id, job);
        WORKER.execute(job::run);
        job.awaitFinished(HEAD_START_MS);
        return Response.json(200, answer);
    }

    private Response queryResults(Request req) {
        version(req);
        QueryJob job = (QueryJob) job(req, QueryJob.class);
        if (!"JobComplete".equals(job.state())) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "INVALIDJOBSTATE",
                    "Job " + job.id + " is not complete (state " + job.state() + ")",
                    List.of(),
                    409);
        }
        int offset = 0;
        String locator = req.param("locator");
        if (locator != null && !locator.isEmpty()) {
            try {
                offset = Integer.parseInt(locator);
            } catch (NumberFormatException e) {
                offset = -1;
            }
            if (offset < 0) {
                throw new OrgException("INVALID_LOCATOR", "Invalid locator: " + locator);
            }
        }
        int max = DEFAULT_MAX_RECORDS;
        String maxRecords = req.param("maxRecords");
        if (maxRecords != null) {
            try {
                max = Integer.parseInt(maxRecords);
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max <= 0) {
                throw new OrgException("INVALIDJOB", "maxRecords must be a positive integer: " + maxRecords);
            }
        }
        QueryJob.Page page = job.page(offset, max);
        return Response.text(200, "text/csv", page.csv())
                .withHeader("Sforce-Locator", page.nextLocator() == null ? "null" : page.nextLocator())
                .withHeader("Sforce-NumberOfRecords", Integer.toString(page.records()));
    }

    // ------------------------------------------------------------------ shared

    private Response list(Request req, Class<? extends BulkJob> kind) {
        version(req);
        List<Object> records = new ArrayList<>();
        for (BulkJob j : jobs.values()) {
            if (kind.isInstance(j) && j.org == req.org()) {
                records.add(j.info());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("done", true);
        m.put("records", records);
        m.put("nextRecordsUrl", null);
        return Response.json(200, m);
    }

    private Response info(Request req, Class<? extends BulkJob> kind) {
        version(req);
        return Response.json(200, job(req, kind).info());
    }

    private Response setState(Request req, Class<? extends BulkJob> kind) {
        version(req);
        BulkJob job = job(req, kind);
        String state = text(req.json(), "state");
        if ("UploadComplete".equals(state)) {
            job.close();
            Map<String, Object> answer = job.info();
            WORKER.execute(job::run);
            job.awaitFinished(HEAD_START_MS);
            return Response.json(200, answer);
        }
        if ("Aborted".equals(state)) {
            job.abort();
            return Response.json(200, job.info());
        }
        throw new OrgException("INVALIDJOBSTATE", "Invalid state: " + state + " (UploadComplete or Aborted)");
    }

    private Response delete(Request req, Class<? extends BulkJob> kind) {
        version(req);
        BulkJob job = job(req, kind);
        if (!job.finished() && !"UploadComplete".equals(job.state())) {
            throw new OrgException(
                    "INVALIDJOBSTATE", "Job " + job.id + " can't be deleted in state " + job.state(), List.of(), 409);
        }
        if (!job.finished()) {
            job.abort();
        }
        jobs.remove(job.id);
        return Response.empty(204);
    }

    private BulkJob job(Request req, Class<? extends BulkJob> kind) {
        String id = req.pathGroup(2);
        BulkJob j = jobs.get(Ids.isValid(id) ? Ids.canonical(id) : id);
        if (j == null || !kind.isInstance(j) || j.org != req.org()) {
            throw new OrgException("NOT_FOUND", "The requested resource does not exist", List.of(), 404);
        }
        return j;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
