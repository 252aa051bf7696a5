package dev.warden.localorg.bench;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.TriggerBatch;
import dev.warden.localorg.data.TriggerHook;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test (run by {@code scripts/bench/write-path}): inserts through the REST write path over HTTP on one
 * connection: {@code rows} records as composite/sobjects calls of 200 (median of 3 runs), with no trigger hook and
 * with a hook that reads every row, and 1,000 single-record creates. Prints rows/s.
 */
public final class WritePathBenchmark {
    private static final String V = "/services/data/v67.0";

    private WritePathBenchmark() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            server.org()
                    .schema()
                    .define(ObjectDefinition.custom(
                            "Bench__c",
                            "Bench",
                            List.of(
                                    FieldDef.of("Size__c", FieldType.DOUBLE).build(),
                                    FieldDef.of("Code__c", FieldType.STRING)
                                            .length(40)
                                            .build(),
                                    FieldDef.of("When__c", FieldType.DATETIME).build())));
            OrgClient api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
            insertAll(api, 2_000); // warm-up: JIT, connection
            report("composite/sobjects inserts, no hook", median(() -> insertAll(api, rows)), rows);
            AtomicInteger seen = new AtomicInteger();
            server.org().db().addTriggerHook("Bench__c", new TriggerHook() {
                @Override
                public void before(TriggerBatch b) {
                    b.newRows().forEach(r -> r.put("Code__c", "hooked"));
                }

                @Override
                public void after(TriggerBatch b) {
                    seen.addAndGet(b.size());
                }
            });
            report("composite/sobjects inserts, before+after hook", median(() -> insertAll(api, rows)), rows);
            long t = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                check(api.post(V + "/sobjects/Bench__c", Map.of("Name", "single " + i, "Size__c", i)));
            }
            report("single-record REST creates (with the hook)", (System.nanoTime() - t) / 1e9, 1_000);
            System.out.println("rows seen by the after hook: " + seen.get());
        }
    }

    private interface Run {
        double seconds();
    }

    private static double median(Run run) {
        double[] s = {run.seconds(), run.seconds(), run.seconds()};
        Arrays.sort(s);
        return s[1];
    }

    private static double insertAll(OrgClient api, int rows) {
        long t = System.nanoTime();
        for (int done = 0; done < rows; done += 200) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = done; i < Math.min(rows, done + 200); i++) {
                records.add(Map.of(
                        "attributes",
                        Map.of("type", "Bench__c"),
                        "Name",
                        "B" + i,
                        "Size__c",
                        i,
                        "Code__c",
                        "C" + i,
                        "When__c",
                        "2026-12-04T10:00:00.000+0000"));
            }
            check(api.post(V + "/composite/sobjects", Map.of("allOrNone", true, "records", records)));
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static void check(OrgClient.Answer a) {
        if (a.status() >= 300 || a.body().contains("\"success\":false")) {
            throw new IllegalStateException("write failed: " + a.status() + " " + a.body());
        }
    }

    private static void report(String what, double seconds, int rows) {
        System.out.printf("%-48s %7d rows in %6.2f s = %8.0f rows/s%n", what, rows, seconds, rows / seconds);
    }
}
