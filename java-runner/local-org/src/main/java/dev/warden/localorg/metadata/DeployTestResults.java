package dev.warden.localorg.metadata;

import com.sforce.soap.metadata.CodeCoverageResult;
import com.sforce.soap.metadata.CodeCoverageWarning;
import com.sforce.soap.metadata.CodeLocation;
import com.sforce.soap.metadata.RunTestFailure;
import com.sforce.soap.metadata.RunTestSuccess;
import com.sforce.soap.metadata.RunTestsResult;
import java.util.List;
import java.util.Map;

/** A deploy's {@link DeployTestRun} as WSC's {@link RunTestsResult} for SOAP checkDeployStatus. */
final class DeployTestResults {
    private DeployTestResults() {}

    static RunTestsResult soap(DeployTestRun run) {
        RunTestsResult r = new RunTestsResult();
        r.setNumTestsRun(run.numTestsRun());
        r.setNumFailures(run.numFailures());
        r.setTotalTime(run.totalTime());
        r.setSuccesses(
                run.rows("successes").stream().map(DeployTestResults::success).toArray(RunTestSuccess[]::new));
        r.setFailures(
                run.rows("failures").stream().map(DeployTestResults::failure).toArray(RunTestFailure[]::new));
        r.setCodeCoverage(run.rows("codeCoverage").stream()
                .map(DeployTestResults::coverage)
                .toArray(CodeCoverageResult[]::new));
        r.setCodeCoverageWarnings(run.rows("codeCoverageWarnings").stream()
                .map(DeployTestResults::warning)
                .toArray(CodeCoverageWarning[]::new));
        return r;
    }

    private static RunTestSuccess success(Map<String, Object> m) {
        RunTestSuccess s = new RunTestSuccess();
        s.setId(str(m, "id"));
        s.setMethodName(str(m, "methodName"));
        s.setName(str(m, "name"));
        s.setSeeAllData(Boolean.TRUE.equals(m.get("seeAllData")));
        s.setTime(num(m, "time"));
        return s;
    }

    private static RunTestFailure failure(Map<String, Object> m) {
        RunTestFailure f = new RunTestFailure();
        f.setId(str(m, "id"));
        f.setMethodName(str(m, "methodName"));
        f.setName(str(m, "name"));
        f.setMessage(str(m, "message"));
        f.setStackTrace(str(m, "stackTrace"));
        f.setType(str(m, "type"));
        f.setSeeAllData(Boolean.TRUE.equals(m.get("seeAllData")));
        f.setTime(num(m, "time"));
        return f;
    }

    @SuppressWarnings("unchecked")
    private static CodeCoverageResult coverage(Map<String, Object> m) {
        CodeCoverageResult c = new CodeCoverageResult();
        c.setId(str(m, "id"));
        c.setName(str(m, "name"));
        c.setType(str(m, "type"));
        c.setNumLocations((int) num(m, "numLocations"));
        c.setNumLocationsNotCovered((int) num(m, "numLocationsNotCovered"));
        List<Map<String, Object>> lines = (List<Map<String, Object>>) m.getOrDefault("locationsNotCovered", List.of());
        c.setLocationsNotCovered(lines.stream()
                .map(l -> {
                    CodeLocation loc = new CodeLocation();
                    loc.setLine((int) num(l, "line"));
                    loc.setColumn((int) num(l, "column"));
                    loc.setNumExecutions((int) num(l, "numExecutions"));
                    loc.setTime(num(l, "time"));
                    return loc;
                })
                .toArray(CodeLocation[]::new));
        return c;
    }

    private static CodeCoverageWarning warning(Map<String, Object> m) {
        CodeCoverageWarning w = new CodeCoverageWarning();
        w.setId(str(m, "id"));
        w.setMessage(str(m, "message"));
        w.setName(str(m, "name"));
        return w;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}
