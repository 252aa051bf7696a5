package dev.warden.localorg.metadata;

import com.sforce.soap.metadata.DeployDetails;
import com.sforce.soap.metadata.DeployMessage;
import com.sforce.soap.metadata.DeployProblemType;
import com.sforce.soap.metadata.DeployResult;
import com.sforce.soap.metadata.DeployStatus;
import com.sforce.soap.metadata.RunTestsResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * A deploy job as the Metadata API reports it: WSC's {@link DeployResult} for SOAP checkDeployStatus, and the same
 * fields as JSON for the REST deployRequest resource (sf-cli-wire-samples/05_deploy_soap, 08_deploy_rest). A deploy
 * with a testLevel reports the tests it ran ({@link DeployTestRun}); without one the run-test counts are zero.
 */
public final class DeployResults {
    private DeployResults() {}

    public static DeployResult soap(MetadataJobs.DeployJob job, boolean includeDetails) {
        DeployResult r = new DeployResult();
        r.setId(job.id);
        r.setCheckOnly(job.options.checkOnly());
        r.setRollbackOnError(job.options.rollbackOnError());
        r.setCreatedBy(job.userId);
        r.setCreatedByName(job.userName);
        r.setCreatedDate(cal(job.created));
        r.setLastModifiedDate(cal(job.completed() != null ? job.completed() : job.created));
        if (job.started() != null) {
            r.setStartDate(cal(job.started()));
        }
        r.setDone(job.done());
        r.setStatus(DeployStatus.valueOf(job.status().name()));
        r.setIgnoreWarnings(false);
        r.setRunTestsEnabled(
                job.options.testLevel() != null && !job.options.testLevel().equals("NoTestRun"));
        DeployOutcome out = job.outcome();
        if (out == null) {
            r.setSuccess(false);
            return r;
        }
        r.setCompletedDate(cal(job.completed()));
        r.setSuccess(out.success());
        r.setNumberComponentsTotal(out.componentsTotal());
        r.setNumberComponentsDeployed(out.componentsDeployed());
        r.setNumberComponentErrors(out.failures().size());
        DeployTestRun ran = out.tests();
        r.setNumberTestsTotal(ran == null ? 0 : ran.numTestsRun());
        r.setNumberTestsCompleted(ran == null ? 0 : ran.numTestsRun() - ran.numFailures());
        r.setNumberTestErrors(ran == null ? 0 : ran.numFailures());
        if (out.errorMessage() != null) {
            r.setErrorMessage(out.errorMessage());
        }
        if (includeDetails) {
            DeployDetails d = new DeployDetails();
            d.setComponentSuccesses(messages(out.successes(), job.completed()));
            d.setComponentFailures(messages(out.failures(), job.completed()));
            RunTestsResult tests = new RunTestsResult();
            tests.setNumFailures(0);
            tests.setNumTestsRun(0);
            tests.setTotalTime(0.0);
            d.setRunTestResult(ran == null ? tests : DeployTestResults.soap(ran));
            r.setDetails(d);
        }
        return r;
    }

    private static DeployMessage[] messages(List<ComponentResult> rows, Instant when) {
        List<DeployMessage> out = new ArrayList<>();
        for (ComponentResult c : rows) {
            DeployMessage m = new DeployMessage();
            m.setChanged(c.changed());
            m.setComponentType(c.componentType());
            m.setCreated(c.created());
            m.setCreatedDate(cal(when));
            m.setDeleted(c.deleted());
            m.setFileName(c.fileName());
            m.setFullName(c.fullName());
            m.setSuccess(c.success());
            if (c.id() != null) {
                m.setId(c.id());
            }
            if (c.problem() != null) {
                m.setProblem(c.problem());
                m.setProblemType(DeployProblemType.valueOf(c.problemType()));
            }
            if (c.lineNumber() != null) {
                m.setLineNumber(c.lineNumber());
                m.setColumnNumber(c.columnNumber() == null ? 1 : c.columnNumber());
            }
            out.add(m);
        }
        return out.toArray(DeployMessage[]::new);
    }

    /** The REST deployRequest body: {id, url, deployOptions, deployResult}. */
    public static Map<String, Object> json(
            MetadataJobs.DeployJob job, String apiVersion, boolean includeDetails, boolean echoOptions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id);
        body.put("url", "/services/data/v" + apiVersion + "/metadata/deployRequest/" + job.id);
        Map<String, Object> options = new LinkedHashMap<>();
        if (echoOptions) {
            options.put("rollbackOnError", job.options.rollbackOnError());
            options.put("ignoreWarnings", false);
            options.put("checkOnly", job.options.checkOnly());
            options.put("singlePackage", true);
            options.put("purgeOnDelete", false);
        }
        body.put("deployOptions", options);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("checkOnly", job.options.checkOnly());
        DeployOutcome out = job.outcome();
        if (out != null) {
            r.put(
                    "completedDate",
                    Instant.ofEpochMilli(job.completed().toEpochMilli()).toString());
        }
        r.put("createdBy", job.userId);
        r.put("createdByName", job.userName);
        r.put("createdDate", job.created.toString());
        if (includeDetails && out != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("componentSuccesses", jsonRows(out.successes(), job.completed()));
            details.put("componentFailures", jsonRows(out.failures(), job.completed()));
            details.put(
                    "runTestResult",
                    out.tests() != null
                            ? out.tests().runTestResult()
                            : Map.of("numFailures", 0, "numTestsRun", 0, "totalTime", 0.0));
            r.put("details", details);
        }
        r.put("done", job.done());
        r.put("id", job.id);
        r.put("ignoreWarnings", false);
        r.put("lastModifiedDate", (job.completed() != null ? job.completed() : job.created).toString());
        r.put("numberComponentErrors", out == null ? 0 : out.failures().size());
        r.put("numberComponentsDeployed", out == null ? 0 : out.componentsDeployed());
        r.put("numberComponentsTotal", out == null ? 0 : out.componentsTotal());
        DeployTestRun ran = out == null ? null : out.tests();
        r.put("numberTestErrors", ran == null ? 0 : ran.numFailures());
        r.put("numberTestsCompleted", ran == null ? 0 : ran.numTestsRun() - ran.numFailures());
        r.put("numberTestsTotal", ran == null ? 0 : ran.numTestsRun());
        r.put("rollbackOnError", job.options.rollbackOnError());
        r.put(
                "runTestsEnabled",
                job.options.testLevel() != null && !job.options.testLevel().equals("NoTestRun"));
        if (job.started() != null) {
            r.put("startDate", job.started().toString());
        }
        r.put("status", job.status().name());
        r.put("success", out != null && out.success());
        if (out != null && out.errorMessage() != null) {
            r.put("errorMessage", out.errorMessage());
        }
        body.put("deployResult", r);
        return body;
    }

    private static List<Map<String, Object>> jsonRows(List<ComponentResult> rows, Instant when) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ComponentResult c : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("changed", c.changed());
            if (c.columnNumber() != null) {
                m.put("columnNumber", c.columnNumber());
            }
            m.put("componentType", c.componentType());
            m.put("created", c.created());
            m.put("createdDate", when.toString());
            m.put("deleted", c.deleted());
            m.put("fileName", c.fileName());
            m.put("fullName", c.fullName());
            if (c.id() != null) {
                m.put("id", c.id());
            }
            if (c.lineNumber() != null) {
                m.put("lineNumber", c.lineNumber());
            }
            if (c.problem() != null) {
                m.put("problem", c.problem());
                m.put("problemType", c.problemType());
            }
            m.put("success", c.success());
            out.add(m);
        }
        return out;
    }

    static Calendar cal(Instant i) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(i.toEpochMilli());
        return c;
    }
}
