package dev.warden.localorg.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /services/apexrest/warden/v1/verdicts} in Java, decision for decision as WardenVerdictService and
 * WardenVerdictPlan: permission, body, size, then each verdict against the request's previous verdict and item status
 * (earlier verdicts of the same call count), content writes all-or-none, request updates one by one in user mode.
 */
final class VerdictModel {
    static final String SUBMIT_PERMISSION = "Warden_Submit_Verdicts";
    static final int MAX_VERDICTS = 200;
    private static final Set<String> KNOWN = Set.of("CLEAN", "QUARANTINE", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PackageOrg org;
    private final WardenTexts texts;
    private final QuarantineWriterModel writer;

    VerdictModel(PackageOrg org, WardenTexts texts) {
        this.org = org;
        this.texts = texts;
        this.writer = new QuarantineWriterModel(org, texts);
    }

    record Verdict(String requestId, String verdict, String detector, String reason, String sha256) {}

    /** One result; {@code error} is set when FAILED. */
    static final class Result {
        final String requestId;
        String status;
        String quarantineItemId;
        String error;

        Result(String requestId) {
            this.requestId = requestId;
        }
    }

    private static final class Entry {
        final Verdict verdict;
        final Map<String, Object> request;
        final Map<String, Object> item;
        final Result result;
        boolean targetMissing;
        boolean refused;

        Entry(Verdict verdict, Map<String, Object> request, Map<String, Object> item, Result result) {
            this.verdict = verdict;
            this.request = request;
            this.item = item;
            this.result = result;
        }
    }

    /** WardenVerdictService.decide. */
    static String decide(String previous, String itemStatus, String verdict) {
        if (verdict == null || !KNOWN.contains(verdict)) {
            return "unknownVerdict";
        }
        if (verdict.equals(previous)) {
            return "IGNORE";
        }
        if (verdict.equals("DELETE")) {
            return "QUARANTINE".equals(previous) && QuarantineWriterModel.QUARANTINED.equals(itemStatus) ? "DELETE" : "deleteWithoutQuarantine";
        }
        if (previous == null || ("CLEAN".equals(previous) && verdict.equals("QUARANTINE"))) {
            return verdict;
        }
        return "verdictConflict";
    }

    ApexRestAnswer submit(String userId, String body) {
        if (!org.hasCustomPermission(userId, SUBMIT_PERMISSION)) {
            return refused(403, "missingPermission", Map.of());
        }
        List<Verdict> verdicts = parse(body);
        if (verdicts == null) {
            return refused(400, "malformedBody", Map.of());
        }
        if (verdicts.size() > MAX_VERDICTS) {
            return refused(400, "tooManyVerdicts", Map.of("count", verdicts.size()));
        }
        List<Result> results = apply(userId, verdicts);
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode arr = doc.putArray("results");
        for (Result r : results) {
            ObjectNode n = arr.addObject();
            n.put("requestId", r.requestId);
            n.put("status", r.status);
            n.put("quarantineItemId", r.quarantineItemId);
            n.put("error", r.error);
        }
        return new ApexRestAnswer(200, doc.toString());
    }

    private List<Result> apply(String userId, List<Verdict> verdicts) {
        Set<String> requestIds = new LinkedHashSet<>();
        for (Verdict v : verdicts) {
            if (isRequestId(v.requestId())) {
                requestIds.add(v.requestId());
            }
        }
        Map<String, Map<String, Object>> requests = new HashMap<>();
        if (org.canRead(userId, "Scan_Request__c")) {
            for (String id : requestIds) {
                Map<String, Object> r = org.get(id);
                if (r != null) {
                    requests.put(id, r);
                }
            }
        }
        Map<String, Map<String, Object>> items = writer.itemsByRequest(requests.keySet());
        int maxAttempts = maxAttempts(userId);
        List<Result> results = new ArrayList<>();
        List<Entry> toClean = new ArrayList<>();
        List<Entry> toQuarantine = new ArrayList<>();
        List<Entry> toDelete = new ArrayList<>();
        Map<String, String> plannedVerdicts = new HashMap<>();
        Map<String, String> plannedItemStatuses = new HashMap<>();
        for (Verdict v : verdicts) {
            Result result = new Result(v.requestId());
            results.add(result);
            Map<String, Object> request = isRequestId(v.requestId()) ? requests.get(v.requestId()) : null;
            if (request == null) {
                fail(result, "requestNotFound", v, Map.of());
                continue;
            }
            String rid = (String) request.get("Id");
            Map<String, Object> item = items.get(rid);
            result.quarantineItemId = item == null ? null : (String) item.get("Id");
            String previous = plannedVerdicts.containsKey(rid) ? plannedVerdicts.get(rid) : previousVerdict(request, item);
            String itemStatus = plannedItemStatuses.containsKey(rid) ? plannedItemStatuses.get(rid)
                    : item == null ? null : (String) item.get("Status__c");
            String decision = decide(previous, itemStatus, v.verdict());
            Entry entry = new Entry(v, request, item, result);
            if ("IGNORE".equals(decision)) {
                result.status = "IGNORED";
                continue;
            }
            if (plannedVerdicts.containsKey(rid)) {
                // WardenVerdictPlan: one verdict change per request per call; whatever follows it (CLEAN then
                // QUARANTINE, QUARANTINE then DELETE, even an unknown verdict) waits for a later call.
                fail(result, "verdictConflict", v, one("status", previous));
                continue;
            }
            switch (decision) {
                case "CLEAN" -> toClean.add(entry);
                case "QUARANTINE" -> toQuarantine.add(entry);
                case "DELETE" -> {
                    toDelete.add(entry);
                    plannedItemStatuses.put(rid, QuarantineWriterModel.DELETED);
                }
                default -> {
                    fail(result, decision, v, one("status", previous));
                    continue;
                }
            }
            plannedVerdicts.put(rid, v.verdict());
            result.status = "APPLIED";
        }
        executeWrites(userId, toQuarantine, toDelete);
        List<Entry> all = new ArrayList<>(toClean);
        all.addAll(toQuarantine);
        all.addAll(toDelete);
        updateRequests(userId, all, maxAttempts);
        return results;
    }

    private void executeWrites(String userId, List<Entry> toQuarantine, List<Entry> toDelete) {
        if (toQuarantine.isEmpty() && toDelete.isEmpty()) {
            return;
        }
        try {
            org.transaction(() -> {
                if (!toQuarantine.isEmpty()) {
                    List<QuarantineWriterModel.ToQuarantine> list = new ArrayList<>();
                    for (Entry e : toQuarantine) {
                        list.add(new QuarantineWriterModel.ToQuarantine(e.request, e.verdict.detector(), e.verdict.reason(), e.verdict.sha256()));
                    }
                    QuarantineWriterModel.Outcome outcome = writer.quarantine(userId, list);
                    for (Entry e : toQuarantine) {
                        String rid = (String) e.request.get("Id");
                        if (outcome.missingTargets().contains(rid)) {
                            e.targetMissing = true;
                            fail(e.result, "targetNotFound", e.verdict, one("targetId", e.request.get("Target_Id__c")));
                        } else if (outcome.itemsByRequest().containsKey(rid)) {
                            e.result.quarantineItemId = outcome.itemsByRequest().get(rid);
                        }
                    }
                }
                if (!toDelete.isEmpty()) {
                    List<Map<String, Object>> items = new ArrayList<>();
                    Map<String, String[]> dr = new HashMap<>();
                    for (Entry e : toDelete) {
                        items.add(e.item);
                        String id = (String) e.item.get("Id");
                        dr.put(id, new String[] {
                            blank(e.verdict.detector()) ? (String) e.item.get("Detector__c") : e.verdict.detector(),
                            blank(e.verdict.reason()) ? (String) e.item.get("Reason__c") : e.verdict.reason()});
                    }
                    writer.deleteCopies(userId, items, dr);
                }
                return null;
            });
        } catch (RuntimeException refused) {
            List<Entry> all = new ArrayList<>(toQuarantine);
            all.addAll(toDelete);
            for (Entry e : all) {
                if (!e.targetMissing) {
                    e.refused = true;
                    e.result.quarantineItemId = e.item == null ? null : (String) e.item.get("Id");
                    fail(e.result, "applyFailed", e.verdict, Map.of("reason", String.valueOf(refused.getMessage())));
                }
            }
        }
    }

    private void updateRequests(String userId, List<Entry> entries, int maxAttempts) {
        boolean canEdit = org.canEdit(userId, "Scan_Request__c");
        java.time.Instant now = org.now();
        for (Entry e : entries) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("Last_Attempt_At__c", now);
            int attempts = e.request.get("Attempts__c") instanceof Number n ? n.intValue() : 0;
            if (e.targetMissing) {
                change.put("Status__c", "Failed");
                change.put("Attempts__c", (double) (attempts + 1));
                change.put("Error__c", e.result.error);
            } else if (e.refused) {
                change.put("Attempts__c", (double) (attempts + 1));
                change.put("Error__c", e.result.error);
                change.put("Status__c", attempts + 1 >= maxAttempts ? "Failed" : e.request.get("Status__c"));
            } else {
                change.put("Status__c", "Done");
                change.put("Verdict__c", e.verdict.verdict());
                change.put("Detector__c", QuarantineWriterModel.left(e.verdict.detector(), 255));
                change.put("Reason__c", QuarantineWriterModel.left(e.verdict.reason(), 255));
                change.put("Sha256__c", QuarantineWriterModel.left(e.verdict.sha256(), 64));
                change.put("Verdict_At__c", now);
                change.put("Verdict_By__c", userId);
                change.put("Error__c", null);
            }
            String id = (String) e.request.get("Id");
            if (!canEdit) {
                e.refused = true;
                e.result.quarantineItemId = e.item == null ? null : (String) e.item.get("Id");
                fail(e.result, "applyFailed", e.verdict, Map.of("reason", "insufficient access rights on object id"));
                continue;
            }
            try {
                org.update(userId, id, change);
            } catch (RuntimeException refused) {
                e.refused = true;
                e.result.quarantineItemId = e.item == null ? null : (String) e.item.get("Id");
                fail(e.result, "applyFailed", e.verdict, Map.of("reason", String.valueOf(refused.getMessage())));
            }
        }
    }

    private int maxAttempts(String userId) {
        Object configured = org.hierarchySetting("Warden_Settings__c", userId).get("Max_Attempts__c");
        if (configured instanceof Number n && n.doubleValue() >= 1) {
            return n.intValue();
        }
        return 5;
    }

    private static String previousVerdict(Map<String, Object> request, Map<String, Object> item) {
        Object v = request.get("Verdict__c");
        if (v != null) {
            return v.toString();
        }
        if (item == null) {
            return null;
        }
        return QuarantineWriterModel.DELETED.equals(item.get("Status__c")) ? "DELETE" : "QUARANTINE";
    }

    private boolean isRequestId(String id) {
        return id != null && (id.length() == 15 || id.length() == 18) && "Scan_Request__c".equals(org.objectOf(id));
    }

    /**
     * Fails one verdict with exactly the placeholder values WardenVerdictPlan passes ({requestId} {verdict} plus the
     * extras of that error), so a placeholder Apex does not fill stays as written here too.
     */
    private void fail(Result result, String key, Verdict v, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("requestId", v.requestId());
        values.put("verdict", v.verdict());
        values.putAll(extra);
        result.status = "FAILED";
        result.error = texts.error(key, values);
    }

    /** One placeholder value, null allowed (Apex puts the key even when the value is null). */
    private static Map<String, Object> one(String name, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(name, value);
        return values;
    }

    private ApexRestAnswer refused(int status, String key, Map<String, Object> values) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("results");
        doc.put("errorCode", key);
        doc.put("error", texts.error(key, values));
        return new ApexRestAnswer(status, doc.toString());
    }

    /** Apex's JSON.deserializeUntyped + shape checks: null for anything but {"verdicts":[{...},...]}. */
    static List<Verdict> parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject() || !root.path("verdicts").isArray()) {
            return null;
        }
        List<Verdict> out = new ArrayList<>();
        for (JsonNode e : root.path("verdicts")) {
            if (!e.isObject()) {
                return null;
            }
            out.add(new Verdict(text(e, "requestId"), text(e, "verdict"), text(e, "detector"), text(e, "reason"), text(e, "sha256")));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
