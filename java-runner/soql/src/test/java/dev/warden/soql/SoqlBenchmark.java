package dev.warden.soql;

import static dev.warden.soql.FieldInfo.of;
import static dev.warden.soql.FieldInfo.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times queries over 100,000 synthetic users (each with a profile and a license two references away). Not a test:
 * run it with {@code mvn -q -pl java-runner/soql test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.warden.soql.SoqlBenchmark [-Dexec.args=maps]}: rows as slot arrays read through
 * {@link SoqlSource#accessor} (default, the local org's layout) or as one HashMap per row ({@code maps}). Prints
 * the median wall time of 25 runs after 15 warm-up runs, and the median CPU time of the querying thread (steadier than
 * wall time on a shared, loaded machine; it leaves out garbage collection, which runs on other threads).
 */
public final class SoqlBenchmark {
    private static final int USERS = 100_000;
    private static final int WARMUP = 15;
    private static final int RUNS = 25;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private SoqlBenchmark() {}

    public static void main(String[] args) {
        // one store per JVM run keeps the JIT's view of row classes as a real caller's would be
        String store = args.length > 0 ? args[0] : "slots";
        InMemorySource maps = org();
        if (store.equals("maps")) {
            run("map rows (a HashMap per row, by-name reads)", maps);
        } else {
            run(
                    "slot-array rows with SoqlSource.accessor (the local org's layout)",
                    new SlotArraySource(maps, "UserLicense", "Profile", "User"));
        }
    }

    private static void run(String store, SoqlSource org) {
        QueryOptions options = QueryOptions.defaults();
        String[][] queries = {
            {
                "filtered",
                "SELECT Id, Username, Email FROM User WHERE IsActive = true AND Username LIKE 'user1%' "
                        + "AND CreatedDate = LAST_N_DAYS:30"
            },
            {
                "relationship path",
                "SELECT Id, Username, Profile.Name, Profile.UserLicense.Name FROM User "
                        + "WHERE Profile.UserLicense.Name = 'Salesforce Integration'"
            },
            {"order by", "SELECT Id, Username FROM User ORDER BY Department__c DESC NULLS LAST, Username LIMIT 2000"},
            {"order by, all rows", "SELECT Id FROM User WHERE IsActive = true ORDER BY Username"},
            {"order by path", "SELECT Id, Username FROM User ORDER BY Profile.Name, Username LIMIT 2000"},
            {"count()", "SELECT COUNT() FROM User WHERE IsActive = true"},
            {"limit, no order", "SELECT Id FROM User WHERE IsActive = false LIMIT 200"},
            {"parse only", null},
        };
        System.out.printf(
                "SOQL benchmark, %s: %,d User rows, median of %d runs (%d warm-up)%n", store, USERS, RUNS, WARMUP);
        double[] scan = new double[RUNS];
        java.util.function.Function<SoqlRow, Object> isActive = org.accessor("User", "IsActive");
        int active = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            active = 0;
            for (SoqlRow row : org.rows("User", false)) {
                if (Boolean.TRUE.equals(isActive.apply(row))) {
                    active++;
                }
            }
            if (i >= WARMUP) {
                scan[i - WARMUP] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(scan);
        System.out.printf(
                "  %-18s %8.2f ms  (%,d rows)  reading IsActive of every row, no SOQL: the store's floor%n",
                "baseline scan", scan[RUNS / 2], active);
        for (String[] q : queries) {
            String soql = q[1] == null ? queries[1][1] : q[1];
            boolean parseOnly = q[1] == null;
            int rows = 0;
            double[] ms = new double[RUNS];
            double[] cpu = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                if (parseOnly) {
                    Soql.parse(soql);
                } else {
                    rows = Soql.query(soql, org, options).totalSize();
                }
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                if (i >= WARMUP) {
                    ms[i - WARMUP] = (t1 - t0) / 1e6;
                    cpu[i - WARMUP] = (c1 - c0) / 1e6;
                }
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            System.out.printf(
                    "  %-18s %8.2f ms wall %8.2f ms cpu  (%,d rows)  %s%n",
                    q[0], ms[RUNS / 2], cpu[RUNS / 2], rows, parseOnly ? "" : soql);
        }
    }

    static InMemorySource org() {
        InMemorySource org = new InMemorySource()
                .object("UserLicense", of("Id", FieldType.ID), of("Name", FieldType.STRING))
                .object(
                        "Profile",
                        of("Id", FieldType.ID),
                        of("Name", FieldType.STRING),
                        reference("UserLicenseId", "UserLicense", "UserLicense"))
                .object(
                        "User",
                        of("Id", FieldType.ID),
                        of("Username", FieldType.STRING),
                        of("Email", FieldType.EMAIL),
                        of("IsActive", FieldType.BOOLEAN),
                        of("Department__c", FieldType.STRING),
                        of("CreatedDate", FieldType.DATETIME),
                        reference("ProfileId", "Profile", "Profile"));
        org.add("UserLicense", "100000000000001AAA", "Name", "Salesforce");
        org.add("UserLicense", "100000000000002AAA", "Name", "Salesforce Integration");
        List<String> profiles = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            String id = String.format("00e%012dAAA", p);
            profiles.add(id);
            org.add(
                    "Profile",
                    id,
                    "Name",
                    "Profile " + p,
                    "UserLicenseId",
                    p == 0 ? "100000000000002AAA" : "100000000000001AAA");
        }
        Instant now = Instant.now();
        for (int u = 0; u < USERS; u++) {
            org.add(
                    "User",
                    String.format("005%012dAAA", u),
                    "Username",
                    "user" + u + "@bench.test",
                    "Email",
                    "user" + u + "@bench.test",
                    "IsActive",
                    u % 7 != 0,
                    "Department__c",
                    u % 13 == 0 ? null : "Dept " + (u * 7919 % 1000),
                    "CreatedDate",
                    now.minusSeconds(3600L * (u % 2000)),
                    "ProfileId",
                    profiles.get(u % profiles.size()));
        }
        return org;
    }
}
