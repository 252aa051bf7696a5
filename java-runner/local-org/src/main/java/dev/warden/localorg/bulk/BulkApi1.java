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
 * JSON content and binary attachments are refused (InvalidJob). Errors are the API's XML {@code <error>} with
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
        add(ctx, "GET", A + "/" + ID + "/?", req -> xml(200, api.jobInfo(api.job(req))));
        add(ctx, "POST", A + "/" + ID + "/?", api::updateJob);
        add(ctx, "POST", A + "/" + ID + "/batch/?", api::addBatch);
        add(ctx, "GET", A + "/" + ID + "/batch/?", api::listBatches);
        add(ctx, "GET", A + "/" + ID + "/batch/" + ID + "/?", req -> xml(200, batchInfo(api.batch(req))));
        add(
                ctx,
                "GET",
                A + "/" + ID + "/batch/" + ID + "/request/?",
                req -> Response.text(
                        200, api.batch(req).job().contentType.equals("XML") ? XML : "text/csv", api.batch(req).data));
        add(ctx, "GET", A + "/" + ID + "/batch/" + ID + "/result/?", api::batchResult);
        add(ctx, "GET", A + "/" + ID + "/batch/" + ID + "/result/" + ID + "/?", api::queryResult);
    }

    /** Routes with the Bulk API's own session header and XML errors. */
    private static void add(LocalOrgContext ctx, String method, String path, Handler h) {
        ctx.routes().add(method, path, ApiKind.REST, false, req -> {
            try {
                Session s = ctx.validSession(sessionOf(req), req.clientIp());
                if (s == null) {
                    return error(400, "InvalidSessionId", "Invalid session id");
                }
                version(req);
                USER.set(s.userId());
                return h.handle(req);
            } catch (OrgException e) {
                return error(e.httpStatus() == 404 ? 404 : 400, code(e.errorCode()), e.getMessage());
            } catch (dev.warden.soql.SoqlException e) {
                return error(400, "InvalidBatch", e.getMessage());
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
        Element x = Bulk1Xml.parse(req.bodyText());
        String operation = Bulk1Xml.text(x, "operation");
        String object = Bulk1Xml.text(x, "object");
        if (operation == null || !OPERATIONS.contains(operation)) {
            throw new OrgException("INVALIDJOB", "Invalid operation: " + operation);
        }
        String contentType = Bulk1Xml.text(x, "contentType");
        contentType = contentType == null ? "XML" : contentType;
        if (!contentType.equals("CSV") && !contentType.equals("XML")) {
            throw new OrgException(
                    "INVALIDJOB", "Content type " + contentType + " is not served by the local org" + " (CSV or XML)");
        }
        SObjectType type = req.org().schema().get(object);
        if (type == null || !QueryJob.visibility(req.org(), user()).test(type)) {
            throw new OrgException("INVALIDJOB", "Unable to find object: " + object);
        }
        String externalId = Bulk1Xml.text(x, "externalIdFieldName");
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
        return xml(201, jobInfo(job));
    }

    private Response updateJob(Request req) {
        Bulk1Job job = job(req);
        String state = Bulk1Xml.text(Bulk1Xml.parse(req.bodyText()), "state");
        if (!"Closed".equals(state) && !"Aborted".equals(state)) {
            throw new OrgException("INVALIDJOBSTATE", "Invalid state: " + state + " (Closed or Aborted)");
        }
        if (!job.state.equals("Open")) {
            throw new OrgException("INVALIDJOBSTATE", "Job " + job.id + " is not open (state " + job.state + ")");
        }
        job.state = state;
        job.modstamp = java.time.Instant.now();
        return xml(200, jobInfo(job));
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
        String info = batchInfo(b);
        BulkApi2.WORKER.execute(b::run);
        b.awaitFinished(BulkApi2.HEAD_START_MS);
        return xml(201, info);
    }

    private Response listBatches(Request req) {
        StringBuilder body = new StringBuilder();
        for (Bulk1Job.Batch b : job(req).batches) {
            body.append(batchInfo(b).replaceFirst("^<\\?xml[^>]*>", "").replace(" xmlns=\"" + Bulk1Xml.NS + "\"", ""));
        }
        return xml(200, Bulk1Xml.doc("batchInfoList", body.toString()));
    }

    private Response batchResult(Request req) {
        Bulk1Job.Batch b = batch(req);
        synchronized (b) {
            if (!b.finished()) {
                throw new OrgException("InvalidBatch", "Batch not completed");
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

    private Response queryResult(Request req) {
        Bulk1Job.Batch b = batch(req);
        synchronized (b) {
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

    private String jobInfo(Bulk1Job j) {
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
        StringBuilder x = new StringBuilder();
        x.append(Bulk1Xml.element("id", j.id))
                .append(Bulk1Xml.element("operation", j.operation))
                .append(Bulk1Xml.element("object", j.object));
        if (j.externalIdField != null) {
            x.append(Bulk1Xml.element("externalIdFieldName", j.externalIdField));
        }
        x.append(Bulk1Xml.element("createdById", j.userId))
                .append(Bulk1Xml.element("createdDate", TIME.format(j.createdDate)))
                .append(Bulk1Xml.element("systemModstamp", TIME.format(j.modstamp)))
                .append(Bulk1Xml.element("state", j.state))
                .append(Bulk1Xml.element("concurrencyMode", "Parallel"))
                .append(Bulk1Xml.element("contentType", j.contentType))
                .append(Bulk1Xml.element("numberBatchesQueued", queued))
                .append(Bulk1Xml.element("numberBatchesInProgress", inProgress))
                .append(Bulk1Xml.element("numberBatchesCompleted", completed))
                .append(Bulk1Xml.element("numberBatchesFailed", failedBatches))
                .append(Bulk1Xml.element("numberBatchesTotal", j.batches.size()))
                .append(Bulk1Xml.element("numberRecordsProcessed", processed))
                .append(Bulk1Xml.element("numberRetries", 0))
                .append(Bulk1Xml.element("apiVersion", j.apiVersion))
                .append(Bulk1Xml.element("numberRecordsFailed", failed))
                .append(Bulk1Xml.element("totalProcessingTime", millis))
                .append(Bulk1Xml.element("apiActiveProcessingTime", millis))
                .append(Bulk1Xml.element("apexProcessingTime", 0));
        return Bulk1Xml.doc("jobInfo", x.toString());
    }

    private static String batchInfo(Bulk1Job.Batch b) {
        synchronized (b) {
            StringBuilder x = new StringBuilder();
            x.append(Bulk1Xml.element("id", b.id))
                    .append(Bulk1Xml.element("jobId", b.job().id))
                    .append(Bulk1Xml.element("state", b.state));
            if (b.stateMessage != null) {
                x.append(Bulk1Xml.element("stateMessage", b.stateMessage));
            }
            x.append(Bulk1Xml.element("createdDate", TIME.format(b.createdDate)))
                    .append(Bulk1Xml.element("systemModstamp", TIME.format(b.modstamp)))
                    .append(Bulk1Xml.element("numberRecordsProcessed", b.processed))
                    .append(Bulk1Xml.element("numberRecordsFailed", b.failed))
                    .append(Bulk1Xml.element("totalProcessingTime", b.millis))
                    .append(Bulk1Xml.element("apiActiveProcessingTime", b.millis))
                    .append(Bulk1Xml.element("apexProcessingTime", 0));
            return Bulk1Xml.doc("batchInfo", x.toString());
        }
    }

    private static Response xml(int status, String body) {
        return Response.text(status, XML, body);
    }

    private static Response error(int status, String code, String message) {
        return xml(
                status,
                Bulk1Xml.doc(
                        "error",
                        Bulk1Xml.element("exceptionCode", code) + Bulk1Xml.element("exceptionMessage", message)));
    }
}
