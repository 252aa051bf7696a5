package dev.warden.runner.quarantine.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.quarantine.api.QuarantineApi.HttpAnswer;
import dev.warden.runner.quarantine.api.QuarantineApi.SaveResult;
import dev.warden.runner.quarantine.api.SalesforceApiException;
import dev.warden.runner.quarantine.api.Soql;
import dev.warden.runner.quarantine.detect.Content;
import dev.warden.runner.quarantine.detect.Detectors;
import dev.warden.runner.quarantine.detect.EicarDetector;
import dev.warden.runner.quarantine.scan.PassReport;
import dev.warden.runner.quarantine.scan.ScanOptions;
import dev.warden.runner.quarantine.scan.ScanWorker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code warden smoke}: the quarantine flow end to end. As an admin-side user it uploads a file carrying the EICAR
 * test string and posts a FeedItem with a Luhn-valid test card number; as the integration user it waits for the
 * package's scan requests, scans them and posts the verdicts; then it checks the quarantine (items exist, originals
 * replaced by tombstones, items invisible to the integration user), restores both, checks the original bytes are
 * back, and deletes everything it created, whatever happened before.
 */
public final class SmokeFlow {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QuarantineApi admin;
    private final QuarantineApi scanner;
    private final boolean scannerIsAdmin;
    private final ScanWorker.Sleeper sleeper;
    private final Duration requestTimeout;
    private final Consumer<String> log;
    private final ScanOptions scanOptions;

    private final List<SmokeStep> steps = new ArrayList<>();
    private boolean broken;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final byte[] fileBytes = EicarDetector.signature();
    private final String postText = POST_MARKER + run + ": please charge card " + testCardNumber() + " for the order.";
    private String versionId;
    private String documentId;
    private String feedItemId;
    private String feedBodyAsStored;
    private final Map<String, String> requestByTarget = new LinkedHashMap<>();
    private final Map<String, String> itemByTarget = new LinkedHashMap<>();

    public SmokeFlow(
            QuarantineApi admin,
            QuarantineApi scanner,
            boolean scannerIsAdmin,
            ScanOptions scanOptions,
            ScanWorker.Sleeper sleeper,
            Duration requestTimeout,
            Consumer<String> log) {
        this.admin = admin;
        this.scanner = scanner;
        this.scannerIsAdmin = scannerIsAdmin;
        this.scanOptions = scanOptions;
        this.sleeper = sleeper;
        this.requestTimeout = requestTimeout;
        this.log = log;
    }

    /** Visa's published test number, assembled at run time. */
    static String testCardNumber() {
        return String.join(" ", "4111", "1111", "1111", "1111");
    }

    public SmokeReport run() throws InterruptedException {
        long start = System.nanoTime();
        long callsBefore = calls();
        try {
            step("upload-infected-file", this::uploadFile);
            step("post-dlp-feed-item", this::postFeedItem);
            step("wait-for-scan-requests", this::waitForRequests);
            step("scan-and-post-verdicts", this::scan);
            step("assert-quarantine-items", this::assertItems);
            step("assert-originals-replaced", this::assertTombstones);
            step("assert-admin-only-visibility", this::assertAdminOnly);
            step("restore", this::restore);
            step("assert-restored-byte-for-byte", this::assertRestored);
        } finally {
            broken = false;
            step("cleanup", this::cleanup);
        }
        return new SmokeReport(
                List.copyOf(steps),
                calls() - callsBefore,
                (System.nanoTime() - start) / 1_000_000,
                scannerIsAdmin ? "admin (no integration user connection was given)" : "integration user");
    }

    private interface Body {
        String run() throws Exception;
    }

    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message);
        }
    }

    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip(String message) {
            super(message);
        }
    }

    private void step(String name, Body body) throws InterruptedException {
        if (broken) {
            steps.add(new SmokeStep(name, "SKIPPED", "skipped: an earlier step failed", 0, List.of(), 0));
            return;
        }
        long calls = calls();
        int adminLog = admin.callLog().size();
        int scannerLog = scanner.callLog().size();
        long t0 = System.nanoTime();
        String status = "PASSED";
        String detail;
        try {
            detail = body.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Skip e) {
            status = "SKIPPED";
            detail = e.getMessage();
        } catch (CheckFailed e) {
            status = "FAILED";
            detail = e.getMessage();
        } catch (SalesforceApiException e) {
            // The org unavailable through every retry says nothing about the quarantine flow: an error of the run
            // (exit 1 naming Salesforce's error), not a failed check (exit 3).
            status = e.transientFailure() ? "ERROR" : "FAILED";
            detail = e.describe();
        } catch (Exception e) {
            status = "FAILED";
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if ("FAILED".equals(status) || "ERROR".equals(status)) {
            broken = true;
        }
        LinkedHashSet<String> apis = new LinkedHashSet<>();
        apis.addAll(tail(admin.callLog(), adminLog));
        apis.addAll(tail(scanner.callLog(), scannerLog));
        SmokeStep s = new SmokeStep(
                name, status, detail, calls() - calls, List.copyOf(apis), (System.nanoTime() - t0) / 1_000_000);
        log.accept(s.status() + " " + s.name() + ": " + s.detail());
        steps.add(s);
    }

    private static List<String> tail(List<String> log, int from) {
        return log.subList(Math.min(from, log.size()), log.size());
    }

    private long calls() {
        return scannerIsAdmin ? admin.callCount() : admin.callCount() + scanner.callCount();
    }

    private String uploadFile() {
        ObjectNode cv = sobject("ContentVersion");
        cv.put("Title", FILE_MARKER + run);
        cv.put("PathOnClient", FILE_MARKER + run + ".txt");
        cv.put("VersionData", Base64.getEncoder().encodeToString(fileBytes));
        versionId = createOrAdopt(
                cv,
                "ContentVersion",
                () -> admin.query("SELECT Id FROM ContentVersion WHERE Title = '" + FILE_MARKER + run + "'").stream()
                        .map(r -> r.path("Id").asText())
                        .findFirst()
                        .orElse(null));
        JsonNode row = single(
                admin.query("SELECT Id, ContentDocumentId FROM ContentVersion WHERE Id = '" + versionId + "'"),
                "the uploaded ContentVersion");
        documentId = row.path("ContentDocumentId").asText();
        return "ContentVersion " + versionId + " (document " + documentId + "), " + fileBytes.length
                + " bytes, EICAR test file";
    }

    private String postFeedItem() {
        ObjectNode fi = sobject("FeedItem");
        fi.put("ParentId", admin.userId());
        fi.put("Type", "TextPost");
        fi.put("Body", postText);
        feedItemId = createOrAdopt(
                fi,
                "FeedItem",
                () -> admin
                        .query("SELECT Id, Body FROM FeedItem WHERE ParentId = '" + admin.userId()
                                + "' AND Type = 'TextPost' ORDER BY CreatedDate DESC LIMIT 50")
                        .stream()
                        .filter(r -> r.path("Body").asText("").contains(POST_MARKER + run))
                        .map(r -> r.path("Id").asText())
                        .findFirst()
                        .orElse(null));
        feedBodyAsStored = single(
                        admin.query("SELECT Id, Body FROM FeedItem WHERE Id = '" + feedItemId + "'"), "the FeedItem")
                .path("Body")
                .asText();
        return "FeedItem " + feedItemId + " on the admin's feed with a Luhn-valid test card number";
    }

    private String waitForRequests() throws InterruptedException {
        Instant deadline = Instant.now().plus(requestTimeout);
        Duration pause = Duration.ofMillis(250);
        int polls = 0;
        while (true) {
            polls++;
            for (JsonNode r :
                    scanner.query("SELECT Id, Target_Id__c, Content_Version_Id__c, Target_Type__c FROM Scan_Request__c"
                            + " WHERE Target_Id__c IN (" + Soql.idList(targets()) + ")")) {
                requestByTarget.put(targetKey(r), r.path("Id").asText());
            }
            if (requestByTarget.containsKey("file") && requestByTarget.containsKey("post")) {
                return "2 scan requests queued by the package's triggers after " + polls + " poll(s): "
                        + requestByTarget.values();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CheckFailed(
                        "No scan request for " + (requestByTarget.containsKey("file") ? "the FeedItem" : "the file")
                                + " within " + requestTimeout.toSeconds()
                                + " s: are Warden's triggers deployed and active, and is"
                                + " capture enabled (Protection_Policy__mdt, Warden_Settings__c)? Run `warden verify`.");
            }
            sleeper.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(4)) > 0
                    ? Duration.ofSeconds(4)
                    : pause.multipliedBy(2);
        }
    }

    private List<String> targets() {
        List<String> ids = new ArrayList<>();
        for (String id : Arrays.asList(versionId, documentId, feedItemId)) {
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private String targetKey(JsonNode r) {
        String target = r.path("Target_Id__c").asText();
        return target.equals(feedItemId) ? "post" : "file";
    }

    private String scan() throws InterruptedException {
        ScanWorker worker = new ScanWorker(scanner, Detectors.standard(null), scanOptions, sleeper, log);
        PassReport pass = worker.runOnce(new ScanWorker.Scope(targets()));
        if (pass.quarantined() != 2) {
            throw new CheckFailed("Expected 2 quarantine verdicts applied, got " + pass.quarantined() + " (claimed "
                    + pass.claimed()
                    + ", scanned " + pass.scanned() + ", clean " + pass.clean() + ", failed " + pass.failed() + ")"
                    + (pass.errors().isEmpty() ? "" : ": " + String.join("; ", pass.errors())));
        }
        return "claimed " + pass.claimed() + ", scanned " + pass.scanned() + ", 2 QUARANTINE verdicts APPLIED in "
                + pass.verdictCalls() + " verdict call(s)";
    }

    private String assertItems() {
        List<JsonNode> items = admin.query("SELECT Id, Target_Id__c, Status__c, Detector__c, Sha256__c, Scan_Request__c"
                + " FROM Quarantine_Item__c WHERE Scan_Request__c IN ("
                + Soql.idList(List.copyOf(requestByTarget.values())) + ")");
        for (JsonNode item : items) {
            String key = item.path("Scan_Request__c").asText().equals(requestByTarget.get("post")) ? "post" : "file";
            itemByTarget.put(key, item.path("Id").asText());
            expect(
                    "Quarantined".equals(item.path("Status__c").asText()),
                    "Quarantine item " + item.path("Id").asText() + " is "
                            + item.path("Status__c").asText() + ", expected Quarantined");
        }
        expect(itemByTarget.size() == 2, "Expected 2 Quarantine_Item__c rows, found " + items.size());
        JsonNode fileItem = items.stream()
                .filter(i -> i.path("Id").asText().equals(itemByTarget.get("file")))
                .findFirst()
                .orElseThrow();
        expect(
                "eicar".equals(fileItem.path("Detector__c").asText()),
                "File item detector is " + fileItem.path("Detector__c").asText());
        expect(
                Content.sha256Hex(fileBytes).equals(fileItem.path("Sha256__c").asText()),
                "File item SHA-256 does not match the upload");
        return "2 items Quarantined: " + itemByTarget.values() + " (detectors eicar, dlp.card)";
    }

    private String assertTombstones() {
        byte[] latest = latestFileBytes();
        expect(!Arrays.equals(latest, fileBytes), "The file still holds the original bytes after QUARANTINE");
        expect(
                new String(latest, StandardCharsets.UTF_8).contains(itemByTarget.get("file")),
                "The file's latest version does not name quarantine item " + itemByTarget.get("file"));
        String body = single(
                        admin.query("SELECT Id, Body FROM FeedItem WHERE Id = '" + feedItemId + "'"), "the FeedItem")
                .path("Body")
                .asText();
        expect(!body.contains("4111"), "The FeedItem body still carries the card number");
        expect(
                body.contains(itemByTarget.get("post")),
                "The FeedItem body does not name quarantine item " + itemByTarget.get("post"));
        return "file's latest version and the post body are tombstones naming their quarantine items";
    }

    private byte[] latestFileBytes() {
        String latestId = single(
                        admin.query("SELECT Id FROM ContentVersion WHERE ContentDocumentId = '" + documentId
                                + "' AND IsLatest = true"),
                        "the file's latest version")
                .path("Id")
                .asText();
        return admin.blob("ContentVersion", latestId, "VersionData");
    }

    /**
     * Admin-only means: no permission set except Warden_Admin grants read on Quarantine_Item__c (profiles with View
     * All Data aside), and the integration user cannot read the items unless it holds View All Data. The blueprint may
     * grant that on purpose: Query All Files depends on View All Data (reference 3.3), so it is reported as the reason.
     */
    private String assertAdminOnly() {
        if (scannerIsAdmin) {
            throw new Skip(
                    "skipped: the scanner ran as the admin, so there is no second identity to check visibility with");
        }
        List<String> grants = admin
                .query("SELECT Parent.Name FROM ObjectPermissions WHERE SobjectType = 'Quarantine_Item__c'"
                        + " AND PermissionsRead = true AND Parent.IsOwnedByProfile = false")
                .stream()
                .map(r -> r.path("Parent").path("Name").asText())
                .filter(name -> !name.equals("Warden_Admin"))
                .sorted()
                .toList();
        expect(
                grants.isEmpty(),
                "Quarantine_Item__c is readable through permission set(s) " + grants
                        + "; only Warden_Admin may grant it");
        List<JsonNode> seen;
        try {
            seen = scanner.query("SELECT Id FROM Quarantine_Item__c WHERE Id IN ("
                    + Soql.idList(List.copyOf(itemByTarget.values())) + ")");
        } catch (SalesforceApiException e) {
            return "the integration user cannot query Quarantine_Item__c (" + e.errorCode()
                    + "); only Warden_Admin grants it";
        }
        if (seen.isEmpty()) {
            return "the integration user sees 0 of the 2 quarantine items; only Warden_Admin grants Quarantine_Item__c";
        }
        List<String> viewAll = admin
                .query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '" + scanner.userId()
                        + "' AND PermissionSet.PermissionsViewAllData = true")
                .stream()
                .map(r -> r.path("PermissionSet").path("Name").asText())
                .sorted()
                .toList();
        expect(
                !viewAll.isEmpty(),
                "The integration user can read " + seen.size()
                        + " quarantine item(s) without View All Data; they must be admin-only");
        return "only Warden_Admin grants Quarantine_Item__c; the integration user reads the " + seen.size()
                + " items only through View All Data from " + viewAll + " (Query All Files depends on it)";
    }

    private String restore() {
        for (String item : itemByTarget.values()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    HttpAnswer a =
                            admin.postApexRest("warden/v1/quarantine/" + item + "/restore", JSON.createObjectNode());
                    if (a.status() != 200) {
                        throw SalesforceApiException.from(a.status(), a.body(), null);
                    }
                    break;
                } catch (SalesforceApiException e) {
                    // A restore whose answer was lost may have been done: read the item before restoring again.
                    if (e.status() != 0 || attempt >= 3) {
                        throw e;
                    }
                    String status = single(
                                    admin.query("SELECT Status__c FROM Quarantine_Item__c WHERE Id = '" + item + "'"),
                                    "quarantine item " + item)
                            .path("Status__c")
                            .asText();
                    if ("Restored".equals(status)) {
                        log.accept("the answer to the restore of " + item + " was lost; the item is Restored");
                        break;
                    }
                }
            }
        }
        return "restored " + itemByTarget.size() + " item(s) through the restore endpoint";
    }

    private String assertRestored() {
        byte[] latest = latestFileBytes();
        expect(
                Arrays.equals(latest, fileBytes),
                "The restored file differs from the upload (" + latest.length + " vs " + fileBytes.length + " bytes)");
        String body = single(
                        admin.query("SELECT Id, Body FROM FeedItem WHERE Id = '" + feedItemId + "'"), "the FeedItem")
                .path("Body")
                .asText();
        expect(body.equals(feedBodyAsStored), "The restored FeedItem body differs from the original");
        for (JsonNode item : admin.query("SELECT Id, Status__c FROM Quarantine_Item__c WHERE Id IN ("
                + Soql.idList(List.copyOf(itemByTarget.values())) + ")")) {
            expect(
                    "Restored".equals(item.path("Status__c").asText()),
                    "Item " + item.path("Id").asText() + " is "
                            + item.path("Status__c").asText() + " after restore");
        }
        return "file bytes identical (" + latest.length + " bytes, SHA-256 "
                + Content.sha256Hex(latest).substring(0, 12) + "…), post body identical, items Restored";
    }

    /** Every smoke run's file title and post text start with these, so cleanup finds all of them by marker. */
    static final String FILE_MARKER = "warden-smoke-";

    static final String POST_MARKER = "Warden smoke test ";

    /**
     * Deletes everything smoke runs created, found by the run marker rather than by the ids this run happened to learn:
     * a step that failed half-way (a create whose answer was lost, a read that failed after the create) leaves records
     * this run never saw, and earlier runs may have left some. Files: every document with a version titled
     * {@code warden-smoke-…}; posts: the admin's text posts whose body starts with the marker (or this run's post, even if
     * tombstoned); then their scan requests, quarantine items and private copies.
     */
    private String cleanup() {
        Set<String> documents = new LinkedHashSet<>();
        admin.query("SELECT ContentDocumentId FROM ContentVersion WHERE Title LIKE '" + FILE_MARKER + "%'")
                .forEach(r -> documents.add(r.path("ContentDocumentId").asText()));
        if (documentId != null) {
            documents.add(documentId);
        }
        Set<String> targets = new LinkedHashSet<>(documents);
        for (List<String> chunk : chunks(documents)) {
            admin.query("SELECT Id FROM ContentVersion WHERE ContentDocumentId IN (" + Soql.idList(chunk) + ")")
                    .forEach(r -> targets.add(r.path("Id").asText()));
        }
        if (versionId != null) {
            targets.add(versionId);
        }
        Set<String> posts = new LinkedHashSet<>();
        String me = admin.userId();
        for (JsonNode r : admin.query("SELECT Id, Body FROM FeedItem WHERE ParentId = '" + me
                + "' AND Type = 'TextPost'" + " ORDER BY CreatedDate DESC LIMIT 2000")) {
            if (r.path("Body").asText("").contains(POST_MARKER)) {
                posts.add(r.path("Id").asText());
            }
        }
        if (feedItemId != null) {
            posts.add(feedItemId);
        }
        targets.addAll(posts);
        Set<String> ids = new LinkedHashSet<>();
        List<String> copies = new ArrayList<>();
        for (List<String> chunk : chunks(targets)) {
            String in = Soql.idList(chunk);
            for (JsonNode r : admin.query(
                    "SELECT Id, Quarantined_Copy_Id__c FROM Quarantine_Item__c WHERE Target_Id__c IN (" + in + ")")) {
                ids.add(r.path("Id").asText());
                if (r.hasNonNull("Quarantined_Copy_Id__c")) {
                    copies.add(r.path("Quarantined_Copy_Id__c").asText());
                }
            }
            admin.query("SELECT Id FROM Scan_Request__c WHERE Target_Id__c IN (" + in + ")")
                    .forEach(r -> ids.add(r.path("Id").asText()));
        }
        Set<String> copyDocuments = new LinkedHashSet<>();
        for (List<String> chunk : chunks(copies)) {
            admin.query("SELECT ContentDocumentId FROM ContentVersion WHERE Id IN (" + Soql.idList(chunk) + ")")
                    .forEach(r -> copyDocuments.add(r.path("ContentDocumentId").asText()));
        }
        ids.addAll(copyDocuments);
        ids.addAll(posts);
        ids.addAll(documents);
        if (ids.isEmpty()) {
            return "nothing to delete";
        }
        List<String> all = List.copyOf(ids);
        List<String> failed = new ArrayList<>();
        List<SaveResult> results = admin.delete(all);
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).success()
                    && !"ENTITY_IS_DELETED".equals(results.get(i).errorCode())) {
                failed.add(all.get(i) + " (" + results.get(i).errorCode() + ": "
                        + results.get(i).message() + ")");
            }
        }
        expect(failed.isEmpty(), "Could not delete " + String.join(", ", failed));
        // A quarantined file's private copy carries the marker title too: it is this run's, not a leftover.
        long earlier = documents.stream()
                        .filter(d -> !d.equals(documentId) && !copyDocuments.contains(d))
                        .count()
                + posts.stream().filter(p -> !p.equals(feedItemId)).count();
        long files = documents.stream().filter(d -> !copyDocuments.contains(d)).count();
        return "deleted " + all.size() + " record(s) found by the smoke marker: " + files + " file(s), " + posts.size()
                + " post(s), their scan requests, quarantine items and private copies"
                + (earlier > 0 ? " (" + earlier + " left by an earlier or half-failed run)" : "");
    }

    private static List<List<String>> chunks(java.util.Collection<String> ids) {
        List<String> list = List.copyOf(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += 200) {
            out.add(list.subList(i, Math.min(list.size(), i + 200)));
        }
        return out;
    }

    /**
     * Creates one record; when the answer was lost (the create may have been committed) it looks for the record by
     * this run's marker before creating again, so a lost answer neither fails the step nor makes a duplicate.
     */
    private String createOrAdopt(ObjectNode record, String what, java.util.function.Supplier<String> findByMarker) {
        for (int attempt = 1; ; attempt++) {
            try {
                return created(admin.create(List.of(record)).get(0), what);
            } catch (SalesforceApiException e) {
                if (e.status() != 0 || attempt >= 3) {
                    throw e;
                }
                String existing = findByMarker.get();
                if (existing != null) {
                    log.accept(
                            "the answer to the " + what + " upload was lost; found it by the run marker: " + existing);
                    return existing;
                }
            }
        }
    }

    private static void expect(boolean ok, String message) {
        if (!ok) {
            throw new CheckFailed(message);
        }
    }

    private static ObjectNode sobject(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("attributes").put("type", type);
        return n;
    }

    private static String created(SaveResult r, String what) {
        if (!r.success()) {
            throw new CheckFailed("Creating the " + what + " failed: " + r.errorCode() + ": " + r.message());
        }
        return r.id();
    }

    private static JsonNode single(List<JsonNode> rows, String what) {
        if (rows.size() != 1) {
            throw new CheckFailed("Expected one row for " + what + ", got " + rows.size());
        }
        return rows.get(0);
    }
}
