package dev.warden.localorg.apex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.apex.exec.Program;
import dev.warden.apex.test.Coverage;
import dev.warden.apex.test.TestResult;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST tooling/runTestsSynchronous}: runs the requested Apex tests and answers Salesforce's
 * RunTestsResult JSON (numTestsRun, numFailures, totalTime, successes, failures with message/stackTrace, and
 * codeCoverage per class and trigger). Body: {@code {"tests":[{"className":"X","testMethods":["m"]}]}} (or
 * {@code classId}) or {@code {"testLevel":"RunLocalTests"}}.
 */
public final class ApexTestApi {
    private ApexTestApi() {}

    public static Response runSynchronous(Request req) {
        Org org = req.org();
        JsonNode body = req.json();
        Program program = OrgApex.of(org).program();
        List<ApexTests.Selection> selections = selections(org, program, body);
        ApexTests.Run run = ApexTests.run(org, selections);
        if (!body.path("skipCodeCoverage").asBoolean(false)) {
            // sf reads --code-coverage back from the Tooling coverage objects, keyed by the test class ids
            ApexCoverageRecords.store(org, program, run.results());
        }
        return Response.json(
                200, result(org, program, run, !body.path("skipCodeCoverage").asBoolean(false)));
    }

    static List<ApexTests.Selection> selections(Org org, Program program, JsonNode body) {
        String level = body.path("testLevel").asText("");
        if (level.equals("RunLocalTests") || level.equals("RunAllTestsInOrg")) {
            return ApexTests.localTests(program);
        }
        List<ApexTests.Selection> out = new ArrayList<>();
        for (JsonNode t : body.path("tests")) {
            String name = t.path("className").asText(null);
            if (name == null && t.hasNonNull("classId")) {
                Record r = org.db().live(t.path("classId").asText());
                name = r == null ? null : r.getString("Name");
            }
            if (name == null) {
                throw new OrgException("INVALID_INPUT", "Test class not found: " + t);
            }
            List<String> methods = null;
            if (t.has("testMethods")) {
                methods = new ArrayList<>();
                for (JsonNode m : t.path("testMethods")) {
                    methods.add(m.asText());
                }
            }
            out.add(new ApexTests.Selection(name, methods));
        }
        if (out.isEmpty()) {
            throw new OrgException("INVALID_INPUT", "No test classes or test level given (UNCONFIRMED wording)");
        }
        return out;
    }

    static Map<String, Object> result(Org org, Program program, ApexTests.Run run, boolean coverage) {
        List<Map<String, Object>> successes = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (TestResult r : run.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", idOf(org, "ApexClass", r.className()));
            m.put("methodName", r.methodName());
            m.put("name", r.className());
            m.put("namespace", null);
            m.put("seeAllData", false);
            m.put("time", (double) r.millis());
            if (r.passed()) {
                successes.add(m);
            } else {
                m.put("message", r.message());
                m.put("stackTrace", r.stackTrace());
                m.put("type", "Class");
                failures.add(m);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apexLogId", null);
        out.put("codeCoverage", coverage ? coverage(org, program, run.coverage()) : List.of());
        out.put("codeCoverageWarnings", List.of());
        out.put("failures", failures);
        out.put("flowCoverage", List.of());
        out.put("flowCoverageWarnings", List.of());
        out.put("numFailures", failures.size());
        out.put("numTestsRun", run.results().size());
        out.put("successes", successes);
        out.put("totalTime", (double) run.millis());
        return out;
    }

    /** Per class and trigger that has executable lines and is not a test class (tests are not counted, as on Salesforce). */
    static List<Map<String, Object>> coverage(Org org, Program program, Coverage c) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String unit : c.executable().keySet()) {
            var cls = program.classNamed(unit);
            if (cls != null && cls.isTest()) {
                continue;
            }
            String classId = idOf(org, "ApexClass", unit);
            String triggerId = classId == null ? idOf(org, "ApexTrigger", unit) : null;
            BitSet executable = c.executable().get(unit);
            if (executable.isEmpty() || (classId == null && triggerId == null)) {
                continue;
            }
            BitSet uncovered = c.uncoveredLines(unit);
            List<Map<String, Object>> notCovered = new ArrayList<>();
            for (int line = uncovered.nextSetBit(0); line >= 0; line = uncovered.nextSetBit(line + 1)) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("column", 0);
                l.put("line", line);
                l.put("numExecutions", 0);
                l.put("time", -1.0);
                notCovered.add(l);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", classId != null ? classId : triggerId);
            m.put("locationsNotCovered", notCovered);
            m.put("name", unit);
            m.put("namespace", null);
            m.put("numLocations", executable.cardinality());
            m.put("numLocationsNotCovered", uncovered.cardinality());
            m.put("type", classId != null ? "Class" : "Trigger");
            out.add(m);
        }
        return out;
    }

    static String idOf(Org org, String object, String name) {
        Record r = org.db().findOne(object, "Name", name);
        return r == null ? null : r.id();
    }
}
