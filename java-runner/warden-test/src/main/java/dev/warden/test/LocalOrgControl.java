package dev.warden.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.salesforce.rest.RestClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * The embedded org's admin API ({@code /_local/*}): faults, limits, the request log, reset. On a real org, using it
 * skips the test with the reason (Salesforce has no such API), so the same test class runs on both.
 */
public final class LocalOrgControl {
    private final OrgHolder holder;

    LocalOrgControl(OrgHolder holder) {
        this.holder = holder;
    }

    public boolean available() {
        return holder.embedded();
    }

    private RestClient admin() {
        if (!holder.embedded()) {
            throw new TestAbortedException(
                    "needs the embedded local org's admin API (faults, limits, request log, reset); this run targets "
                            + holder.describe() + ", which has none");
        }
        return holder.adminRest;
    }

    /** Adds fault rules (they apply from the next request on). */
    public void addFaults(FaultRule... rules) {
        admin().post("/_local/faults", List.of(rules), "local.admin", "add fault rules");
    }

    public void clearFaults() {
        admin().delete("/_local/faults", "local.admin", "clear fault rules");
    }

    /** The daily API request limit ({@code REQUEST_LIMIT_EXCEEDED} past it). */
    public void dailyApiRequests(int limit) {
        admin().post("/_local/limits", Map.of("dailyApiRequests", limit), "local.admin", "set the daily API limit");
    }

    public RequestLog requests() {
        JsonNode r = admin().get("/_local/requests", "local.admin");
        Map<String, Long> counts = new LinkedHashMap<>();
        r.path("counts")
                .properties()
                .forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        List<RequestLog.Request> rows = new java.util.ArrayList<>();
        r.path("requests")
                .forEach(q -> rows.add(new RequestLog.Request(
                        q.path("method").asText(),
                        q.path("path").asText(),
                        q.path("query").asText(null),
                        q.path("api").asText(null),
                        q.path("soapOperation").asText(null),
                        q.path("status").asInt(),
                        q.path("millis").asLong())));
        return new RequestLog(Map.copyOf(counts), List.copyOf(rows));
    }

    /** Back to the freshly seeded org: records, metadata, faults and the request log (the org id and admin token stay). */
    public void reset() {
        admin().post("/_local/reset", null, "local.admin", "reset the local org");
    }

    /** {@code GET /_local/state?objects=…}: records by type (deleted ones too) and metadata, as JSON. */
    public JsonNode state(String... objects) {
        return admin().get(
                        "/_local/state" + (objects.length == 0 ? "" : "?objects=" + String.join(",", objects)),
                        "local.admin");
    }
}
