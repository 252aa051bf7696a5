package dev.warden.localorg.apex;

import dev.warden.apex.exec.Program;
import dev.warden.apex.test.TestResult;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the coverage a test run measured as the Tooling objects sf reads with {@code --code-coverage}:
 * {@code ApexCodeCoverage} (one row per test method and covered class or trigger, replacing that method's rows of an
 * earlier run), {@code ApexCodeCoverageAggregate} (one row per class or trigger, merged across runs as Salesforce
 * merges them: the union of covered lines, limited to the lines executable now) and the single
 * {@code ApexOrgWideCoverage} row (covered over executable lines of every non-test class and trigger, those no test
 * touched included; rounding to a whole percent UNCONFIRMED). Test classes are never counted, as on Salesforce.
 */
final class ApexCoverageRecords {
    private ApexCoverageRecords() {}

    /** Writes the rows for {@code results} (which carry each method's covered lines). */
    static void store(Org org, Program program, List<TestResult> results) {
        Caller system = org.system();
        Map<String, BitSet> executable = program.executableLines();
        Map<String, String> unitIds = unitIds(org);
        List<Map<String, Object>> perTest = new ArrayList<>();
        Map<String, BitSet> coveredNow = new HashMap<>();
        for (TestResult r : results) {
            String testClassId = unitIds.get(r.className());
            if (testClassId == null) {
                continue;
            }
            deletePerTestRows(org, testClassId, r.methodName());
            for (Map.Entry<String, BitSet> e : r.coverage().entrySet()) {
                String unit = e.getKey();
                String unitId = unitIds.get(unit);
                BitSet exec = executable.get(unit);
                if (unitId == null || exec == null || exec.isEmpty() || isTest(program, unit)) {
                    continue;
                }
                BitSet covered = (BitSet) e.getValue().clone();
                covered.and(exec);
                if (covered.isEmpty()) {
                    continue;
                }
                coveredNow.computeIfAbsent(unit, k -> new BitSet()).or(covered);
                Map<String, Object> row = coverageRow(unitId, exec, covered);
                row.put("ApexTestClassId", testClassId);
                row.put("TestMethodName", r.methodName());
                perTest.add(row);
            }
        }
        insert(org, system, "ApexCodeCoverage", perTest);
        mergeAggregates(org, system, executable, unitIds, coveredNow);
        orgWide(org, system, program, executable, unitIds);
    }

    private static void mergeAggregates(
            Org org,
            Caller system,
            Map<String, BitSet> executable,
            Map<String, String> unitIds,
            Map<String, BitSet> coveredNow) {
        List<Map<String, Object>> inserts = new ArrayList<>();
        for (Map.Entry<String, BitSet> e : coveredNow.entrySet()) {
            String unitId = unitIds.get(e.getKey());
            BitSet exec = executable.get(e.getKey());
            Record existing = org.db().findOne("ApexCodeCoverageAggregate", "ApexClassOrTriggerId", unitId);
            BitSet covered = (BitSet) e.getValue().clone();
            if (existing != null) {
                covered.or(coveredLines(existing.getString("Coverage")));
                covered.and(exec);
                org.db().update(system, existing.id(), coverageRow(unitId, exec, covered));
            } else {
                inserts.add(coverageRow(unitId, exec, covered));
            }
        }
        insert(org, system, "ApexCodeCoverageAggregate", inserts);
    }

    private static void orgWide(
            Org org, Caller system, Program program, Map<String, BitSet> executable, Map<String, String> unitIds) {
        long total = 0;
        long covered = 0;
        for (Map.Entry<String, BitSet> e : executable.entrySet()) {
            String unitId = unitIds.get(e.getKey());
            if (unitId == null || isTest(program, e.getKey()) || e.getValue().isEmpty()) {
                continue;
            }
            total += e.getValue().cardinality();
            Record agg = org.db().findOne("ApexCodeCoverageAggregate", "ApexClassOrTriggerId", unitId);
            if (agg != null) {
                BitSet c = coveredLines(agg.getString("Coverage"));
                c.and(e.getValue());
                covered += c.cardinality();
            }
        }
        int percent = total == 0 ? 0 : (int) Math.round(100.0 * covered / total);
        Map<String, Object> row = Map.of("PercentCovered", percent);
        List<Record> rows = org.db().rows("ApexOrgWideCoverage", false);
        if (rows.isEmpty()) {
            org.db().insert(system, "ApexOrgWideCoverage", row);
        } else {
            org.db().update(system, rows.get(0).id(), row);
        }
    }

    private static void deletePerTestRows(Org org, String testClassId, String method) {
        for (Record old : org.db().findBy("ApexCodeCoverage", "ApexTestClassId", testClassId)) {
            if (method.equalsIgnoreCase(old.getString("TestMethodName"))) {
                org.db().delete(org.system(), old.id());
            }
        }
    }

    private static Map<String, Object> coverageRow(String unitId, BitSet executable, BitSet covered) {
        BitSet uncovered = (BitSet) executable.clone();
        uncovered.andNot(covered);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ApexClassOrTriggerId", unitId);
        row.put("NumLinesCovered", covered.cardinality());
        row.put("NumLinesUncovered", uncovered.cardinality());
        row.put("Coverage", "{\"coveredLines\":" + lines(covered) + ",\"uncoveredLines\":" + lines(uncovered) + "}");
        return row;
    }

    private static String lines(BitSet lines) {
        StringBuilder b = new StringBuilder("[");
        for (int l = lines.nextSetBit(0); l >= 0; l = lines.nextSetBit(l + 1)) {
            b.append(b.length() > 1 ? "," : "").append(l);
        }
        return b.append(']').toString();
    }

    /** The covered lines of a stored Coverage value (the JSON this class writes). */
    static BitSet coveredLines(String coverageJson) {
        BitSet out = new BitSet();
        if (coverageJson == null) {
            return out;
        }
        try {
            for (var n : dev.warden.localorg.server.Json.MAPPER
                    .readTree(coverageJson)
                    .path("coveredLines")) {
                out.set(n.asInt());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored Coverage is not JSON: " + coverageJson, e);
        }
        return out;
    }

    /** Class and trigger names to their record ids (classes first: a class and a trigger may share a name). */
    static Map<String, String> unitIds(Org org) {
        Map<String, String> ids = new HashMap<>();
        for (Record r : org.db().rows("ApexTrigger", false)) {
            ids.put(r.getString("Name"), r.id());
        }
        for (Record r : org.db().rows("ApexClass", false)) {
            ids.put(r.getString("Name"), r.id());
        }
        return ids;
    }

    private static boolean isTest(Program program, String unit) {
        var cls = program.classNamed(unit);
        return cls != null && cls.isTest();
    }

    private static void insert(Org org, Caller system, String object, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        for (RowResult r : org.db().dml(system, Operation.INSERT, object, rows, true)) {
            if (!r.success()) {
                throw new IllegalStateException("cannot store " + object + ": " + r.firstError());
            }
        }
    }
}
