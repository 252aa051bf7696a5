package dev.warden.localorg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.model.Schema;
import dev.warden.localorg.model.StandardObjectSnapshot;
import dev.warden.localorg.model.StandardObjects;
import dev.warden.localorg.server.LocalOrgServer;
import dev.warden.localorg.server.OrgClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Not a test: {@code scripts/bench/stdobjects [rows]}. Reports the describe snapshot's size and load time, REST
 * describe sizes, Bulk API 2.0 ingest of {@code rows} Accounts over HTTP (create, upload, close, poll) and a Bulk API
 * 2.0 query export of them (paged with Sforce-Locator).
 */
public final class StdObjectsBenchmark {
    private static final String V = "/services/data/v62.0";

    private StdObjectsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String text = StandardObjectSnapshot.text();
        List<String> names = StandardObjectSnapshot.objectNames();
        long fields = text.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@"))
                .count();
        report(
                "describe snapshot",
                text.getBytes(StandardCharsets.UTF_8).length + " bytes, " + names.size() + " objects, " + fields
                        + " fields");
        long t = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            StandardObjects.newSchema();
        }
        report("whole schema build (platform objects + snapshot), mean of 20", ms(t) / 20 + " ms");
        Schema s = StandardObjects.newSchema();
        long t0 = System.nanoTime();
        try (LocalOrgServer server = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            report("LocalOrg.start with the snapshot", ms(t0) + " ms");
            OrgClient api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
            long bytes = 0;
            for (String n : names) {
                bytes += api.get(V + "/sobjects/" + n + "/describe").body().length();
            }
            report(
                    "REST describe JSON of the snapshot objects",
                    bytes + " bytes in total (Account "
                            + api.get(V + "/sobjects/Account/describe").body().length() + ")");
            s.get("Account");

            StringBuilder csv = new StringBuilder("Name,Industry,Phone,BillingCity\n");
            for (int i = 0; i < rows; i++) {
                csv.append("Bench Account ")
                        .append(i)
                        .append(",Banking,555-")
                        .append(i % 10000)
                        .append(",Paris\n");
            }
            long i0 = System.nanoTime();
            String job = api.post(V + "/jobs/ingest", Map.of("object", "Account", "operation", "insert"))
                    .json()
                    .get("id")
                    .asText();
            api.send("PUT", V + "/jobs/ingest/" + job + "/batches", csv.toString(), "text/csv");
            api.patch(V + "/jobs/ingest/" + job, Map.of("state", "UploadComplete"));
            JsonNode info = await(api, "ingest", job);
            long ingestMs = ms(i0);
            report(
                    "Bulk 2.0 ingest of " + rows + " Accounts (" + csv.length() / 1024 + " KiB CSV), create to"
                            + " JobComplete",
                    ingestMs + " ms, " + (rows * 1000L / Math.max(1, ingestMs)) + " rows/s, failed "
                            + info.get("numberRecordsFailed").asInt());

            long q0 = System.nanoTime();
            String query = api.post(
                            V + "/jobs/query",
                            Map.of(
                                    "operation",
                                    "query",
                                    "query",
                                    "SELECT Id, Name, Industry, Phone, BillingCity FROM Account WHERE Name LIKE 'Bench Account%'"))
                    .json()
                    .get("id")
                    .asText();
            await(api, "query", query);
            long queryDone = ms(q0);
            String locator = null;
            long exported = 0;
            int pages = 0;
            do {
                OrgClient.Answer page = api.get(
                        V + "/jobs/query/" + query + "/results" + (locator == null ? "" : "?locator=" + locator));
                exported += Long.parseLong(page.header("Sforce-NumberOfRecords"));
                locator = page.header("Sforce-Locator");
                pages++;
            } while (!"null".equals(locator));
            report(
                    "Bulk 2.0 query export of " + exported + " rows",
                    ms(q0) + " ms (" + queryDone + " ms to" + " JobComplete, " + pages + " result pages)");
        }
    }

    private static JsonNode await(OrgClient api, String kind, String job) {
        while (true) {
            JsonNode info = api.get(V + "/jobs/" + kind + "/" + job).json();
            String state = info.get("state").asText();
            if (state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted")) {
                return info;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void report(String what, String value) {
        System.out.println("FIGURE " + what + ": " + value);
    }
}
