package dev.warden.localorg.apex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.apex.exec.Program;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.test.TestResult;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous test runs ({@code POST tooling/runTestsAsynchronous}): the request is answered with the
 * {@code AsyncApexJob} id at once and the tests run afterwards on one background worker per org, one class at a
 * time, in the Apex runtime ({@link ApexTests#run}). Progress and results are Tooling records: the job and its
 * {@code ApexTestRunResult} (Queued → Processing → Completed), one {@code ApexTestQueueItem} per class, one
 * {@code ApexTestResult} per method, and the coverage rows of {@link ApexCoverageRecords}. A run that breaks inside
 * the local org ends Failed with the reason in ExtendedStatus, never with invented results.
 */
final class ApexTestRuns {
    private static final Map<Org, ExecutorService> WORKERS = Collections.synchronizedMap(new WeakHashMap<>());

    private ApexTestRuns() {}

    /** Records the queued run and hands it to the org's worker; returns the AsyncApexJob (707) id. */
    static String enqueue(
            Org org, String userId, List<ApexTests.Selection> selections, boolean allTests, boolean skipCoverage) {
        Program program = OrgApex.of(org).program();
        Caller system = Caller.system(userId);
        Map<String, String> unitIds = ApexCoverageRecords.unitIds(org);
        int methods = 0;
        for (ApexTests.Selection s : selections) {
            if (!unitIds.containsKey(s.className())) {
                // UNCONFIRMED wording: Salesforce refuses a run naming a class that does not exist
                throw new OrgException("INVALID_INPUT", "No test class found: " + s.className());
            }
            methods += testMethodCount(program.classNamed(s.className()), s.methods());
        }
        Instant now = org.db().clock().instant();
        String jobId = org.db()
                .insert(
                        system,
                        "AsyncApexJob",
                        Map.of(
                                "JobType",
                                "TestRequest",
                                "Status",
                                "Queued",
                                "JobItemsProcessed",
                                0,
                                "TotalJobItems",
                                selections.size(),
                                "NumberOfErrors",
                                0));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("AsyncApexJobId", jobId);
        run.put("UserId", userId);
        run.put("IsAllTests", allTests);
        run.put("Source", "REST");
        run.put("StartTime", now);
        run.put("TestTime", 0);
        run.put("TestSetupTime", 0);
        run.put("Status", "Queued");
        run.put("ClassesEnqueued", selections.size());
        run.put("ClassesCompleted", 0);
        run.put("MethodsEnqueued", methods);
        run.put("MethodsCompleted", 0);
        run.put("MethodsFailed", 0);
        String runId = org.db().insert(system, "ApexTestRunResult", run);
        List<String> items = new ArrayList<>();
        for (ApexTests.Selection s : selections) {
            items.add(org.db()
                    .insert(
                            system,
                            "ApexTestQueueItem",
                            Map.of(
                                    "ApexClassId",
                                    unitIds.get(s.className()),
                                    "ParentJobId",
                                    jobId,
                                    "TestRunResultId",
                                    runId,
                                    "Status",
                                    "Queued",
                                    "ShouldSkipCodeCoverage",
                                    skipCoverage)));
        }
        worker(org).submit(() -> execute(org, system, jobId, runId, selections, items, skipCoverage));
        return jobId;
    }

    /**
     * {@code POST tooling/runTestsAsynchronous}: the same bodies as runTestsSynchronous (tests/classNames/classids,
     * testLevel); answers the bare job id as a JSON string, which sf checks starts with 707.
     */
    static Response runAsynchronous(Request req) {
        Org org = req.org();
        JsonNode body = req.json();
        if (body.hasNonNull("suiteids")) {
            throw new OrgException(
                    "FUNCTIONALITY_NOT_ENABLED",
                    "not supported by the local org's Apex runtime: test suites by id; name them (--suite-names)");
        }
        Program program = OrgApex.of(org).program();
        List<ApexTests.Selection> selections = body.hasNonNull("suiteNames")
                ? suiteSelections(org, body.path("suiteNames").asText())
                : ApexTestApi.selections(org, program, body);
        String level = body.path("testLevel").asText("");
        boolean all = level.equals("RunLocalTests") || level.equals("RunAllTestsInOrg");
        String userId =
                req.session() == null ? org.adminUserId() : req.session().userId();
        boolean skipCoverage = body.path("skipCodeCoverage").asBoolean(false);
        return Response.json(200, enqueue(org, userId, selections, all, skipCoverage));
    }

    /**
     * The classes of deployed ApexTestSuite metadata ({@code <testClassName>} elements), each class once. The local
     * org keeps suites as deployed files only: there are no ApexTestSuite/TestSuiteMembership records, so sf's
     * {@code apex list} of suites and suite creation from the CLI are not available.
     */
    static List<ApexTests.Selection> suiteSelections(Org org, String suiteNames) {
        java.util.Set<String> classes = new java.util.LinkedHashSet<>();
        for (String suite : suiteNames.split(",")) {
            var file = dev.warden.localorg.metadata.DeployedFiles.of(org).get("ApexTestSuite", suite.strip());
            if (file == null) {
                // UNCONFIRMED wording
                throw new OrgException("INVALID_INPUT", "No test suite found: " + suite.strip());
            }
            try {
                var root = dev.warden.localorg.metadata.MetadataXml.parse(file.bytes());
                for (var e : dev.warden.localorg.metadata.MetadataXml.children(root, "testClassName")) {
                    classes.add(e.getTextContent().strip());
                }
            } catch (dev.warden.localorg.metadata.MetadataXml.MalformedXml e) {
                throw new OrgException(
                        "INVALID_INPUT", "The test suite " + suite.strip() + " is not valid XML: " + e.getMessage());
            }
        }
        if (classes.isEmpty()) {
            throw new OrgException("INVALID_INPUT", "The test suite " + suiteNames + " names no test classes");
        }
        return classes.stream().map(c -> new ApexTests.Selection(c, null)).toList();
    }

    private static ExecutorService worker(Org org) {
        return WORKERS.computeIfAbsent(org, o -> {
            // one thread, ended when idle so that orgs replaced by /_local/reset leave no thread behind
            ThreadPoolExecutor pool =
                    new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "local-org-apex-tests");
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
    }

    private static void execute(
            Org org,
            Caller system,
            String jobId,
            String runId,
            List<ApexTests.Selection> selections,
            List<String> items,
            boolean skipCoverage) {
        long start = System.nanoTime();
        int completed = 0;
        int failed = 0;
        try {
            org.db().update(system, jobId, Map.of("Status", "Processing"));
            org.db().update(system, runId, Map.of("Status", "Processing"));
            Program program = OrgApex.of(org).program();
            for (int i = 0; i < selections.size(); i++) {
                String item = items.get(i);
                org.db().update(system, item, Map.of("Status", "Processing"));
                ApexTests.Run run = ApexTests.run(org, List.of(selections.get(i)));
                storeResults(org, system, jobId, runId, item, run.results());
                if (!skipCoverage) {
                    ApexCoverageRecords.store(org, program, run.results());
                }
                for (TestResult r : run.results()) {
                    completed++;
                    failed += r.passed() ? 0 : 1;
                }
                org.db()
                        .update(
                                system,
                                item,
                                Map.of(
                                        "Status",
                                        "Completed",
                                        "ExtendedStatus",
                                        "(" + run.results().size() + "/"
                                                + run.results().size() + ")"));
                org.db()
                        .update(
                                system,
                                runId,
                                Map.of(
                                        "ClassesCompleted",
                                        i + 1,
                                        "MethodsCompleted",
                                        completed,
                                        "MethodsFailed",
                                        failed,
                                        "TestTime",
                                        (int) ((System.nanoTime() - start) / 1_000_000)));
                org.db().update(system, jobId, Map.of("JobItemsProcessed", i + 1, "NumberOfErrors", failed));
                TestResultStreaming.publish(
                        org, jobId, org.db().clock().instant().toString());
            }
            finish(org, system, jobId, runId, "Completed", null, start);
        } catch (RuntimeException e) {
            String reason = "The local org could not run the tests: " + e;
            for (String item : items) {
                Record r = org.db().live(item);
                if (r != null && !"Completed".equals(r.getString("Status"))) {
                    org.db().update(system, item, Map.of("Status", "Failed", "ExtendedStatus", clip(reason)));
                }
            }
            finish(org, system, jobId, runId, "Failed", reason, start);
        }
    }

    private static void finish(
            Org org, Caller system, String jobId, String runId, String status, String reason, long start) {
        Instant end = org.db().clock().instant();
        org.db().update(system, runId, Map.of("Status", status, "EndTime", end, "TestTime", (int)
                ((System.nanoTime() - start) / 1_000_000)));
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("Status", status);
        job.put("CompletedDate", end);
        if (reason != null) {
            job.put("ExtendedStatus", clip(reason));
        }
        org.db().update(system, jobId, job);
        TestResultStreaming.publish(org, jobId, end.toString());
    }

    private static void storeResults(
            Org org, Caller system, String jobId, String runId, String item, List<TestResult> results) {
        Map<String, String> unitIds = ApexCoverageRecords.unitIds(org);
        Instant now = org.db().clock().instant();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TestResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ApexClassId", unitIds.get(r.className()));
            row.put("QueueItemId", item);
            row.put("AsyncApexJobId", jobId);
            row.put("ApexTestRunResultId", runId);
            row.put("MethodName", r.methodName());
            row.put("Outcome", r.outcome());
            // Message and StackTrace are cut at the fields' length (4,000 here; Salesforce's limit UNCONFIRMED)
            row.put("Message", clip(r.message(), 4000));
            boolean noStack = r.stackTrace() == null || r.stackTrace().isEmpty();
            row.put("StackTrace", noStack ? null : clip(r.stackTrace(), 4000));
            row.put("RunTime", (int) r.millis());
            row.put("TestTimestamp", now);
            row.put("IsTestSetup", false);
            rows.add(row);
        }
        if (rows.isEmpty()) {
            return;
        }
        for (RowResult rr : org.db().dml(system, Operation.INSERT, "ApexTestResult", rows, true)) {
            if (!rr.success()) {
                throw new IllegalStateException("cannot store ApexTestResult: " + rr.firstError());
            }
        }
    }

    static int testMethodCount(ClassInfo cls, List<String> only) {
        int n = 0;
        if (cls == null) {
            return 0;
        }
        for (List<MethodInfo> ms : cls.methods.values()) {
            for (MethodInfo m : ms) {
                if (m.isTest()
                        && !m.isTestSetup()
                        && (only == null || only.stream().anyMatch(m::named))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String clip(String s) {
        return clip(s, 255);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
