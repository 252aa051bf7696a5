package dev.warden.localorg.bench;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.query.OrgSoqlSource;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import dev.warden.localorg.setup.Org;
import dev.warden.soql.QueryOptions;
import dev.warden.soql.Soql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: {@code java -Xmx2g -cp <test classpath> dev.warden.localorg.bench.LocalOrgBenchmark [users] [records]}.
 * Measures start-up, loads 100,000 users and 1,000,000 custom-object records through the data service (every
 * platform rule runs), then reports heap after GC and the time of 100k-row queries (engine and REST paging).
 */
public final class LocalOrgBenchmark {
    private LocalOrgBenchmark() {}

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        long t0 = System.nanoTime();
        LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults());
        report("start (LocalOrg.start until it accepts connections)", ms(t0) + " ms");
        long t1 = System.nanoTime();
        LocalOrgServer https = LocalOrgServer.start(new LocalOrgOptions(0, true, null, null));
        report("start with --https (incl. RSA key + certificate)", ms(t1) + " ms");
        https.close();

        Org org = server.org();
        OrgDatabase db = org.db();
        Caller sys = org.system();
        db.update(sys, org.ids().salesforceLicenseId(), Map.of("TotalLicenses", users + 10));
        long t2 = System.nanoTime();
        for (int i = 0; i < users; i++) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("Username", "user" + i + "@bench.test");
            u.put("FirstName", "User");
            u.put("LastName", "Number" + i);
            u.put("Email", "user" + i + "@bench.test");
            u.put("Alias", "u" + (i % 1_000_000));
            u.put("TimeZoneSidKey", "GMT");
            u.put("LocaleSidKey", "en_US");
            u.put("EmailEncodingKey", "UTF-8");
            u.put("LanguageLocaleKey", "en_US");
            u.put(
                    "ProfileId",
                    i % 2 == 0 ? org.ids().standardUserProfileId() : org.ids().systemAdministratorProfileId());
            db.insert(sys, "User", u);
        }
        report("insert " + users + " users (+ owned assignments, audit rows)", ms(t2) + " ms");

        org.schema()
                .define(ObjectDefinition.custom(
                        "Widget__c",
                        "Widget",
                        List.of(
                                FieldDef.of("Size__c", FieldType.DOUBLE).build(),
                                FieldDef.of("Color__c", FieldType.PICKLIST).build(),
                                FieldDef.of("Active__c", FieldType.BOOLEAN).build())));
        String[] colors = {"Red", "Green", "Blue"};
        long t3 = System.nanoTime();
        for (int i = 0; i < records; i++) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("Name", "W" + i);
            w.put("Size__c", (double) (i % 100));
            w.put("Color__c", colors[i % 3]);
            w.put("Active__c", i % 2 == 0);
            db.insert(sys, "Widget__c", w);
        }
        report("insert " + records + " Widget__c records", ms(t3) + " ms");

        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        report(
                "heap used after GC",
                (used / (1024 * 1024)) + " MiB (max heap " + (rt.maxMemory() / (1024 * 1024)) + " MiB)");

        OrgSoqlSource source = new OrgSoqlSource(db);
        String userQuery = "SELECT Id, Username, Profile.Name FROM User";
        String widgets = "SELECT Id, Name FROM Widget__c WHERE Color__c = 'Red' AND Size__c < 30";
        String filteredUsers = "SELECT Id, Username FROM User WHERE IsActive = true AND Username LIKE 'user1%'";
        report(
                "SOQL engine: " + userQuery + " ("
                        + Soql.query(userQuery, source, QueryOptions.defaults()).totalSize() + " rows), first run",
                ms(timeOnce(userQuery, source)) + " ms");
        report("SOQL engine: " + userQuery + ", median of 10 after 5 warm-up", medianMs(userQuery, source) + " ms");
        report(
                "SOQL engine: " + filteredUsers + ", median of 10 after 5 warm-up",
                medianMs(filteredUsers, source) + " ms");
        report(
                "SOQL engine: filtered scan of 1M Widget__c ("
                        + Soql.query(widgets, source, QueryOptions.defaults()).totalSize()
                        + " rows), median of 10 after 5 warm-up",
                medianMs(widgets, source) + " ms");

        OrgClient api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
        long t6 = System.nanoTime();
        var page = api.get("/services/data/v67.0/query?q=" + OrgClient.q("SELECT Id, Username FROM User"))
                .json();
        int pages = 1;
        int rows = page.get("records").size();
        while (!page.get("done").asBoolean()) {
            page = api.get(page.get("nextRecordsUrl").asText()).json();
            rows += page.get("records").size();
            pages++;
        }
        report("REST: query + queryMore over HTTP, " + rows + " rows in " + pages + " pages", ms(t6) + " ms");
        server.close();
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String what, String value) {
        System.out.println(what + ": " + value);
    }

    private static long timeOnce(String soql, OrgSoqlSource source) {
        long t = System.nanoTime();
        Soql.query(soql, source, QueryOptions.defaults());
        return t;
    }

    /** Median wall time after warm-up: the JIT's first compilation is not the steady-state cost of a query. */
    private static String medianMs(String soql, OrgSoqlSource source) {
        for (int i = 0; i < 5; i++) {
            Soql.query(soql, source, QueryOptions.defaults());
        }
        long[] runs = new long[10];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            Soql.query(soql, source, QueryOptions.defaults());
            runs[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(runs);
        return String.format(java.util.Locale.ROOT, "%.1f", runs[runs.length / 2] / 1e6);
    }
}
