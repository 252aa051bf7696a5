package dev.warden.localorg.bulk;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.rest.RestApi;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.Handler;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.server.Session;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.w3c.dom.Element;

/**
 * Bulk API 1.0 ({@code /services/async/XX.X/job...}, XML job control, CSV or XML batches, session in
 * {@code X-SFDC-Session}): jobs, batches (processed as they arrive on the bulk worker), batch results, query results.
 * JSON jobs (contentType JSON, simple-salesforce's only kind) take JSON requests and batches and answer JSON (job and
 * batch info with the XML's element names, results {@code [{"success","created","id","errors"}]}, query result ids and
 * rows as JSON); any request sent as {@code application/json} is answered in JSON. Binary attachments are refused
 * (InvalidJob). Errors are the API's {@code <error>} (or JSON {@code {"exceptionCode","exceptionMessage"}}) with
 * exceptionCode/exceptionMessage; codes follow the Bulk API's list, wordings are the local org's (UNCONFIRMED).
 */
final class BulkApi1 {
    private static final String A = "/services/async/(\\d{2}\\.\\d)/job";
    private static final String ID = "(\\w{15}|\\w{18})";
    private static final String XML = "application/xml;charset=UTF-8";
    private static final Set<String> OPERATIONS =
            Set.of("insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicLong BATCHES = new AtomicLong();
    private final LocalOrgContext ctx;
    private final Map<String, Bulk1Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Bulk1Job.Batch> batches = new ConcurrentHashMap<>();

    private BulkApi1(LocalOrgContext ctx) {
        this.ctx = ctx;
    }

    static void register(LocalOrgContext ctx) {
        BulkApi1 api = new BulkApi1(ctx);
        add(ctx, "POST", A + "/?", api::createJob);
        add(ctx, "GET", A + "/" + ID + "/?", req -> {
            Bulk1Job j = api.job(req);
            return info(req, j, 200, "jobInfo", api.jobFields(j));
        });
        add(ctx, "POST", A + "/" + ID + "/?", api::updateJob);
        add(ctx, "POST", A + "/" + ID + "/batch/?", api::addBatch);
        add(ctx, "GET", A + "/" + ID + "/batch/?", api::listBatches);
        add(ctx, "GET", A + "/" + ID + "/batch/" + ID + "/?", req -> {
            Bulk1Job.Batch b = api.batch(req);
            return info(req, b.job(), 200, "batchInfo", batchFields(b));
        });
        add(
                ctx,
                "GET",
                A + "/" + ID + "/batch/" + ID + "/request/?",
                req -> Response.text(
                        200,
                        switch (api.batch(req).job().contentType) {
                            case "XML" -> XML;
                            case "JSON" -> JSON;
                            default -> "text/csv";
                        },
                        api.batch(req).data));
        add(ctx, "GET", A + "/" + ID + "/batch/" + ID + "/result/?", api::batchResult);
        add(ctx, "GET", A + "/" + ID + "/batch/" + ID + "/result/" + ID + "/?", api::queryResult);
    }

    /** Routes with the Bulk API's own session header and XML errors. */
    private static void add(LocalOrgContext ctx, String method, String path, Handler h) {
        ctx.routes().add(method, path, ApiKind.REST, false, req -> {
            try {
                Session s = ctx.validSession(sessionOf(req), req.clientIp());
                if (s == null) {
                    return error(req, 400, "InvalidSessionId", "Invalid session id");
                }
                version(req);
                USER.set(s.userId());
                return h.handle(req);
            } catch (OrgException e) {
                return error(req, e.httpStatus() == 404 ? 404 : 400, code(e.errorCode()), e.getMessage());
            } catch (dev.warden.soql.SoqlException e) {
                return error(req, 400, "InvalidBatch", e.getMessage());
            } finally {
                USER.remove();
            }
        });
    }

    /** The session's user while a handler runs (the Bulk API authenticates with its own header). */
    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    private static String user() {
        return USER.get();
    }

    private static String sessionOf(Request req) {
        String h = req.header("X-SFDC-Session");
        if (h != null) {
            return h.trim();
        }
        String auth = req.header("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? auth.substring(7).trim()
                : null;
    }

    private static String version(Request req) {
        String v = req.pathGroup(1);
        double d = Double.parseDouble(v);
        if (d < 20 || d > RestApi.MAX_VERSION) {
            throw new OrgException("InvalidVersion", "Invalid api version: " + v, List.of(), 404);
        }
        return v;
    }

    private static String code(String errorCode) {
        return switch (errorCode) {
            case "INVALIDJOB" -> "InvalidJob";
            case "INVALIDJOBSTATE" -> "InvalidJobState";
            case "NOT_FOUND" -> "InvalidJob";
            default -> errorCode;
        };
    }

    private Response createJob(Request req) {
        Map<String, String> x = fields(req);
        String operation = x.get("operation");
        String object = x.get("object");
        if (operation == null || !OPERATIONS.contains(operation)) {
            throw new OrgException("INVALIDJOB", "Invalid operation: " + operation);
        }
        String contentType = x.get("contentType");
        contentType = contentType == null ? (jsonRequest(req) ? "JSON" : "XML") : contentType;
        if (!contentType.equals("CSV") && !contentType.equals("XML") && !contentType.equals("JSON")) {
            throw new OrgException(
                    "INVALIDJOB",
                    "Content type " + contentType + " is not served by the local org" + " (CSV, XML or JSON)");
        }
        SObjectType type = req.org().schema().get(object);
        if (type == null || !QueryJob.visibility(req.org(), user()).test(type)) {
            throw new OrgException("INVALIDJOB", "Unable to find object: " + object);
        }
        String externalId = x.get("externalIdFieldName");
        if (operation.equals("upsert")) {
            FieldDef f = externalId == null ? null : type.field(externalId);
            if (f == null) {
                throw new OrgException(
                        "INVALIDJOB", "External ID field " + externalId + " is missing or unknown on " + type.name());
            }
            externalId = f.name();
        }
        Bulk1Job job = new Bulk1Job(
                Ids.make("750", BulkApi2.nextSequence()),
                req.org(),
                user(),
                type.name(),
                operation,
                externalId,
                contentType,
                req.pathGroup(1),
                req.org().db().clock().instant());
        jobs.put(job.id, job);
        return info(req, job, 201, "jobInfo", jobFields(job));
    }

    private static final String JSON = "application/json;charset=UTF-8";

    private static boolean jsonRequest(Request req) {
        String ct = req.header("Content-Type");
        return ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /** The top-level fields of a job request: XML {@code <jobInfo>} children or a JSON object. */
    private static Map<String, String> fields(Request req) {
        Map<String, String> out = new java.util.HashMap<>();
        if (jsonRequest(req)) {
            com.fasterxml.jackson.databind.JsonNode n = req.json();
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
        Element x = Bulk1Xml.parse(req.bodyText());
        for (org.w3c.dom.Node c = x.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.put(
                        e.getLocalName() != null ? e.getLocalName() : e.getNodeName(),
                        e.getTextContent().trim());
            }
        }
        return out;
    }

    /** Job or batch info in the job's format: JSON for JSON jobs or JSON requests, else XML. */
    private static Response info(Request req, Bulk1Job job, int status, String root, Map<String, Object> fields) {
        if (job.contentType.equals("JSON") || jsonRequest(req)) {
            return Response.json(status, fields);
        }
        StringBuilder x = new StringBuilder();
        fields.forEach((k, v) -> x.append(Bulk1Xml.element(k, v)));
        return xml(status, Bulk1Xml.doc(root, x.toString()));
    }

    private Response updateJob(Request req) {
        Bulk1Job job = job(req);
        String state = fields(req).get("state");
        if (!"Closed".equals(state) && !"Aborted".equals(state)) {
            throw new OrgException("INVALIDJOBSTATE", "Invalid state: " + state + " (Closed or Aborted)");
        }
        if (!job.state.equals("Open")) {
            throw new OrgException("INVALIDJOBSTATE", "Job " + job.id + " is not open (state " + job.state + ")");
        }
        job.state = state;
        job.modstamp = java.time.Instant.now();
        return info(req, job, 200, "jobInfo", jobFields(job));
    }

    private Response addBatch(Request req) {
        Bulk1Job job = job(req);
        if (!job.state.equals("Open")) {
            throw new OrgException(
                    "INVALIDJOBSTATE", "Job " + job.id + " is not open for new batches (state " + job.state + ")");
        }
        Bulk1Job.Batch b = job.new Batch(Ids.make("751", BATCHES.incrementAndGet()), req.bodyText());
        job.batches.add(b);
        batches.put(b.id, b);
        Map<String, Object> info = batchFields(b);
        BulkApi2.WORKER.execute(b::run);
        b.awaitFinished(BulkApi2.HEAD_START_MS);
        return info(req, job, 201, "batchInfo", info);
    }

    private Response listBatches(Request req) {
        Bulk1Job job = job(req);
        if (job.contentType.equals("JSON") || jsonRequest(req)) {
            return Response.json(
                    200,
                    Map.of(
                            "batchInfo",
                            job.batches.stream().map(BulkApi1::batchFields).toList()));
        }
        StringBuilder body = new StringBuilder();
        for (Bulk1Job.Batch b : job.batches) {
            body.append("<batchInfo>");
            batchFields(b).forEach((k, v) -> body.append(Bulk1Xml.element(k, v)));
            body.append("</batchInfo>");
        }
        return xml(200, Bulk1Xml.doc("batchInfoList", body.toString()));
    }

    private Response batchResult(Request req) {
        Bulk1Job.Batch b = batch(req);
        synchronized (b) {
            if (!b.finished()) {
                throw new OrgException("InvalidBatch", "Batch not completed");
            }
            if (b.job().contentType.equals("JSON")) {
                return Response.json(200, jsonResults(b));
            }
            if (b.job().query()) {
                return xml(
                        200,
                        b.queryCsv == null
                                ? Bulk1Xml.doc("result-list", "")
                                : Bulk1Xml.doc("result-list", Bulk1Xml.element("result", resultId(b))));
            }
            if (b.job().contentType.equals("XML")) {
                StringBuilder body = new StringBuilder();
                for (BulkWrites.Outcome o : b.outcomes) {
                    body.append("<result>");
                    if (!o.success()) {
                        body.append("<errors>");
                        for (String f : o.error().fields()) {
                            body.append(Bulk1Xml.element("fields", f));
                        }
                        body.append(Bulk1Xml.element("message", o.error().getMessage()))
                                .append(Bulk1Xml.element("statusCode", o.error().errorCode()))
                                .append("</errors>");
                    }
                    body.append(
                                    o.id() == null
                                            ? "<id xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/"
                                                    + "XMLSchema-instance\"/>"
                                            : Bulk1Xml.element("id", o.id()))
                            .append(Bulk1Xml.element("success", o.success()))
                            .append(Bulk1Xml.element("created", o.created()))
                            .append("</result>");
                }
                return xml(200, Bulk1Xml.doc("results", body.toString()));
            }
            StringBuilder csv = new StringBuilder();
            Csv.appendRow(csv, List.of("Id", "Success", "Created", "Error"), ',', "\n");
            for (BulkWrites.Outcome o : b.outcomes) {
                Csv.appendRow(
                        csv,
                        List.of(
                                o.id() == null ? "" : o.id(),
                                Boolean.toString(o.success()),
                                Boolean.toString(o.created()),
                                o.success()
                                        ? ""
                                        : o.error().errorCode() + ":"
                                                + o.error().getMessage() + ":"
                                                + String.join(",", o.error().fields()) + " --"),
                        ',',
                        "\n");
            }
            return Response.text(200, "text/csv", csv.toString());
        }
    }

    /** A JSON job's batch result: query result ids, or one {success, created, id, errors} per row. */
    private static Object jsonResults(Bulk1Job.Batch b) {
        if (b.job().query()) {
            return b.queryJson == null ? List.of() : List.of(resultId(b));
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (BulkWrites.Outcome o : b.outcomes) {
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("success", o.success());
            r.put("created", o.created());
            r.put("id", o.id());
            List<Map<String, Object>> errors = new java.util.ArrayList<>();
            if (!o.success()) {
                Map<String, Object> e = new java.util.LinkedHashMap<>();
                e.put("fields", o.error().fields());
                e.put("message", o.error().getMessage());
                e.put("statusCode", o.error().errorCode());
                errors.add(e);
            }
            r.put("errors", errors);
            out.add(r);
        }
        return out;
    }

    private Response queryResult(Request req) {
        Bulk1Job.Batch b = batch(req);
        synchronized (b) {
            if (b.queryJson != null && req.pathGroup(4).equals(resultId(b))) {
                return Response.json(200, b.queryJson);
            }
            if (b.queryCsv == null || !req.pathGroup(4).equals(resultId(b))) {
                throw new OrgException("InvalidBatch", "Unknown result id " + req.pathGroup(4), List.of(), 404);
            }
            return Response.text(200, "text/csv", b.queryCsv);
        }
    }

    private static String resultId(Bulk1Job.Batch b) {
        return "752" + b.id.substring(3, 15);
    }

    private Bulk1Job job(Request req) {
        String id = req.pathGroup(2);
        Bulk1Job j = Ids.isValid(id) ? jobs.get(Ids.canonical(id)) : null;
        if (j == null || j.org != req.org() || !j.userId.equals(user())) {
            throw new OrgException("INVALIDJOB", "Unable to find job: " + id, List.of(), 400);
        }
        return j;
    }

    private Bulk1Job.Batch batch(Request req) {
        Bulk1Job j = job(req);
        String id = req.pathGroup(3);
        Bulk1Job.Batch b = Ids.isValid(id) ? batches.get(Ids.canonical(id)) : null;
        if (b == null || b.job() != j) {
            throw new OrgException("InvalidBatch", "Unable to find batch: " + id);
        }
        return b;
    }

    private Map<String, Object> jobFields(Bulk1Job j) {
        int queued = 0;
        int inProgress = 0;
        int completed = 0;
        int failedBatches = 0;
        int processed = 0;
        int failed = 0;
        long millis = 0;
        for (Bulk1Job.Batch b : j.batches) {
            synchronized (b) {
                switch (b.state) {
                    case "Queued" -> queued++;
                    case "InProgress" -> inProgress++;
                    case "Completed" -> completed++;
                    default -> failedBatches++;
                }
                processed += b.processed;
                failed += b.failed;
                millis += b.millis;
            }
        }
        Map<String, Object> x = new java.util.LinkedHashMap<>();
        x.put("id", j.id);
        x.put("operation", j.operation);
        x.put("object", j.object);
        if (j.externalIdField != null) {
            x.put("externalIdFieldName", j.externalIdField);
        }
        x.put("createdById", j.userId);
        x.put("createdDate", TIME.format(j.createdDate));
        x.put("systemModstamp", TIME.format(j.modstamp));
        x.put("state", j.state);
        x.put("concurrencyMode", "Parallel");
        x.put("contentType", j.contentType);
        x.put("numberBatchesQueued", queued);
        x.put("numberBatchesInProgress", inProgress);
        x.put("numberBatchesCompleted", completed);
        x.put("numberBatchesFailed", failedBatches);
        x.put("numberBatchesTotal", j.batches.size());
        x.put("numberRecordsProcessed", processed);
        x.put("numberRetries", 0);
        x.put("apiVersion", j.apiVersion);
        x.put("numberRecordsFailed", failed);
        x.put("totalProcessingTime", millis);
        x.put("apiActiveProcessingTime", millis);
        x.put("apexProcessingTime", 0);
        return x;
    }

    private static Map<String, Object> batchFields(Bulk1Job.Batch b) {
        synchronized (b) {
            Map<String, Object> x = new java.util.LinkedHashMap<>();
            x.put("id", b.id);
            x.put("jobId", b.job().id);
            x.put("state", b.state);
            if (b.stateMessage != null) {
                x.put("stateMessage", b.stateMessage);
            }
            x.put("createdDate", TIME.format(b.createdDate));
            x.put("systemModstamp", TIME.format(b.modstamp));
            x.put("numberRecordsProcessed", b.processed);
            x.put("numberRecordsFailed", b.failed);
            x.put("totalProcessingTime", b.millis);
            x.put("apiActiveProcessingTime", b.millis);
            x.put("apexProcessingTime", 0);
            return x;
        }
    }

    private static Response xml(int status, String body) {
        return Response.text(status, XML, body);
    }

    private static Response error(Request req, int status, String code, String message) {
        if (jsonRequest(req)) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("exceptionCode", code);
            m.put("exceptionMessage", message);
            return Response.json(status, m);
        }
        return xml(
                status,
                Bulk1Xml.doc(
                        "error",
                        Bulk1Xml.element("exceptionCode", code) + Bulk1Xml.element("exceptionMessage", message)));
    }
}
