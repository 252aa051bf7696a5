package dev.warden.localorg.pkg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WardenQuarantineWriter in Java (system mode): a private ContentVersion copy linked to a new Quarantine_Item__c, a
 * tombstone in place of the original (a new file version, or the post/comment/attachment body rewritten), deletion
 * of copies, and restore. Capture is suppressed while it writes, as in Apex.
 */
final class QuarantineWriterModel {
    static final String QUARANTINED = "Quarantined";
    static final String RESTORED = "Restored";
    static final String DELETED = "Deleted";
    static final String TOMBSTONE_FILE_NAME = "quarantine-notice.txt";
    private static final int TEXT_LENGTH = 255;
    private static final int SHA_LENGTH = 64;

    private final PackageOrg org;
    private final WardenTexts texts;

    QuarantineWriterModel(PackageOrg org, WardenTexts texts) {
        this.org = org;
        this.texts = texts;
    }

    /** The request to quarantine plus the verdict's detector, reason and SHA-256. */
    record ToQuarantine(Map<String, Object> request, String detector, String reason, String sha256) {
        String id() {
            return str(request.get("Id"));
        }

        String targetId() {
            return str(request.get("Target_Id__c"));
        }

        String targetType() {
            return str(request.get("Target_Type__c"));
        }
    }

    record Outcome(Map<String, String> itemsByRequest, Set<String> missingTargets) {}

    /** The latest item of each request (system mode). */
    Map<String, Map<String, Object>> itemsByRequest(Set<String> requestIds) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String requestId : requestIds) {
            List<Map<String, Object>> items = new ArrayList<>(org.findBy("Quarantine_Item__c", "Scan_Request__c", requestId));
            items.sort((a, b) -> String.valueOf(a.get("CreatedDate")).compareTo(String.valueOf(b.get("CreatedDate"))));
            if (!items.isEmpty()) {
                out.put(requestId, items.get(items.size() - 1));
            }
        }
        return out;
    }

    Outcome quarantine(String userId, List<ToQuarantine> requests) {
        Map<String, String> itemsByRequest = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        List<ToQuarantine> found = new ArrayList<>();
        List<ToQuarantine> sharing = new ArrayList<>();
        Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
        Map<String, String> itemByTarget = quarantinedItemsByTarget(requests);
        for (ToQuarantine r : requests) {
            Map<String, Object> target = r.targetId() == null ? null : org.get(r.targetId());
            if (target == null || r.targetType() == null || !r.targetType().equals(org.objectOf(r.targetId()))) {
                missing.add(r.id());
            } else if (itemByTarget.containsKey(r.targetId())) {
                // One item per target (WardenQuarantineWriter): the content is already out of circulation, through
                // another request maybe earlier in this call; copying the tombstone as the "original" would lose
                // the original on restore. The request shares that item and nothing is written.
                sharing.add(r);
            } else {
                itemByTarget.put(r.targetId(), null);
                targets.put(r.targetId(), target);
                found.add(r);
            }
        }
        if (!found.isEmpty()) {
            writeQuarantine(userId, found, targets, itemByTarget, itemsByRequest);
        }
        for (ToQuarantine r : sharing) {
            itemsByRequest.put(r.id(), itemByTarget.get(r.targetId()));
        }
        return new Outcome(itemsByRequest, missing);
    }

    /** Item Ids of the targets' Quarantined items (system mode), by target Id. */
    private Map<String, String> quarantinedItemsByTarget(List<ToQuarantine> requests) {
        Map<String, String> items = new LinkedHashMap<>();
        for (ToQuarantine r : requests) {
            if (r.targetId() == null) {
                continue;
            }
            for (Map<String, Object> item : org.findBy("Quarantine_Item__c", "Target_Id__c", r.targetId())) {
                if (QUARANTINED.equals(item.get("Status__c"))) {
                    items.put(r.targetId(), str(item.get("Id")));
                }
            }
        }
        return items;
    }

    private void writeQuarantine(String userId, List<ToQuarantine> found, Map<String, Map<String, Object>> targets,
            Map<String, String> itemByTarget, Map<String, String> itemsByRequest) {
        boolean wasSuppressed = CaptureModel.suppressed();
        CaptureModel.suppressed(true);
        try {
            java.time.Instant now = org.now();
            for (ToQuarantine r : found) {
                Map<String, Object> target = targets.get(r.targetId());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("Target_Id__c", r.targetId());
                item.put("Target_Type__c", r.targetType());
                item.put("Status__c", QUARANTINED);
                item.put("Detector__c", left(r.detector(), TEXT_LENGTH));
                item.put("Reason__c", left(r.reason(), TEXT_LENGTH));
                item.put("Sha256__c", left(r.sha256(), SHA_LENGTH));
                item.put("Scan_Request__c", r.id());
                item.put("Quarantined_At__c", now);
                item.put("Quarantined_By__c", userId);
                item.put("Original_Name__c", left(originalName(r.targetType(), target), TEXT_LENGTH));
                if ("ContentVersion".equals(r.targetType())) {
                    item.put("Original_Document_Id__c", target.get("ContentDocumentId"));
                } else if ("Attachment".equals(r.targetType())) {
                    item.put("Original_Content_Type__c", target.get("ContentType"));
                }
                String itemId = org.insert(userId, "Quarantine_Item__c", item);
                String copyId = org.insert(userId, "ContentVersion", copyOf(r, itemId, target));
                Map<String, Object> itemUpdate = new LinkedHashMap<>();
                itemUpdate.put("Quarantined_Copy_Id__c", copyId);
                String tombstoneVersion = writeTombstone(userId, r, target, item, itemId);
                if (tombstoneVersion != null) {
                    itemUpdate.put("Tombstone_Version_Id__c", tombstoneVersion);
                }
                org.update(userId, itemId, itemUpdate);
                itemByTarget.put(r.targetId(), itemId);
                itemsByRequest.put(r.id(), itemId);
            }
        } finally {
            CaptureModel.suppressed(wasSuppressed);
        }
    }

    private Map<String, Object> copyOf(ToQuarantine r, String itemId, Map<String, Object> target) {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("FirstPublishLocationId", itemId);
        copy.put("Title", left(originalName(r.targetType(), target), TEXT_LENGTH));
        copy.put("Description", "Warden quarantine copy of " + r.targetType() + " " + r.targetId());
        switch (r.targetType()) {
            case "ContentVersion" -> {
                copy.put("PathOnClient", target.get("PathOnClient"));
                copy.put("VersionData", bytes(target.get("VersionData")));
            }
            case "FeedItem" -> {
                copy.put("PathOnClient", "FeedItem-" + r.targetId() + ".html");
                copy.put("VersionData", bytes(nullToEmpty(target.get("Body"))));
            }
            case "FeedComment" -> {
                copy.put("PathOnClient", "FeedComment-" + r.targetId() + ".html");
                copy.put("VersionData", bytes(nullToEmpty(target.get("CommentBody"))));
            }
            default -> {
                copy.put("PathOnClient", target.get("Name"));
                copy.put("VersionData", bytes(target.get("Body")));
            }
        }
        return copy;
    }

    private String writeTombstone(String userId, ToQuarantine r, Map<String, Object> target, Map<String, Object> item, String itemId) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", originalName(r.targetType(), target));
        values.put("detector", item.get("Detector__c"));
        values.put("reason", item.get("Reason__c"));
        values.put("itemId", itemId);
        switch (r.targetType()) {
            case "ContentVersion" -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("ContentDocumentId", target.get("ContentDocumentId"));
                v.put("Title", left(texts.text("fileTombstoneTitle", values), TEXT_LENGTH));
                v.put("PathOnClient", TOMBSTONE_FILE_NAME);
                v.put("VersionData", texts.text("fileTombstoneBody", values).getBytes(StandardCharsets.UTF_8));
                v.put("ReasonForChange", "Quarantined by Warden");
                return org.insert(userId, "ContentVersion", v);
            }
            case "FeedItem" -> org.update(userId, r.targetId(), Map.of("Body", texts.text("feedTombstoneBody", values)));
            case "FeedComment" -> org.update(userId, r.targetId(), Map.of("CommentBody", texts.text("feedTombstoneBody", values)));
            default -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("Body", texts.text("attachmentTombstoneBody", values).getBytes(StandardCharsets.UTF_8));
                a.put("ContentType", "text/plain");
                org.update(userId, r.targetId(), a);
            }
        }
        return null;
    }

    /** Deletes the private copies and marks the items Deleted; the tombstones stay. */
    void deleteCopies(String userId, List<Map<String, Object>> items, Map<String, String[]> detectorReasonByItem) {
        boolean wasSuppressed = CaptureModel.suppressed();
        CaptureModel.suppressed(true);
        try {
            Set<String> documents = new LinkedHashSet<>();
            for (Map<String, Object> item : items) {
                Object copyId = item.get("Quarantined_Copy_Id__c");
                Map<String, Object> copy = copyId == null ? null : org.get(copyId.toString());
                if (copy != null && copy.get("ContentDocumentId") != null) {
                    documents.add(copy.get("ContentDocumentId").toString());
                }
            }
            for (String doc : documents) {
                org.delete(userId, doc);
            }
            for (Map<String, Object> item : items) {
                String id = str(item.get("Id"));
                String[] dr = detectorReasonByItem.get(id);
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("Status__c", DELETED);
                u.put("Deleted_At__c", org.now());
                u.put("Deleted_By__c", userId);
                u.put("Detector__c", left(dr[0], TEXT_LENGTH));
                u.put("Reason__c", left(dr[1], TEXT_LENGTH));
                org.update(userId, id, u);
            }
        } finally {
            CaptureModel.suppressed(wasSuppressed);
        }
    }

    /** Puts the original back; false when the target or the copy is gone (nothing written). */
    boolean restore(String userId, Map<String, Object> item) {
        Object copyId = item.get("Quarantined_Copy_Id__c");
        Map<String, Object> copy = copyId == null ? null : org.get(copyId.toString());
        if (copy == null || !targetExists(item)) {
            return false;
        }
        Map<String, Object> restoredItem = new LinkedHashMap<>();
        restoredItem.put("Status__c", RESTORED);
        restoredItem.put("Restored_At__c", org.now());
        restoredItem.put("Restored_By__c", userId);
        String targetId = str(item.get("Target_Id__c"));
        byte[] data = bytes(copy.get("VersionData"));
        boolean wasSuppressed = CaptureModel.suppressed();
        CaptureModel.suppressed(true);
        try {
            switch (str(item.get("Target_Type__c"))) {
                case "ContentVersion" -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("ContentDocumentId", item.get("Original_Document_Id__c"));
                    v.put("Title", copy.get("Title"));
                    v.put("PathOnClient", copy.get("PathOnClient"));
                    v.put("VersionData", data);
                    v.put("ReasonForChange", "Restored by Warden");
                    restoredItem.put("Restored_Version_Id__c", org.insert(userId, "ContentVersion", v));
                }
                case "FeedItem" -> org.update(userId, targetId, Map.of("Body", new String(data, StandardCharsets.UTF_8)));
                case "FeedComment" -> org.update(userId, targetId, Map.of("CommentBody", new String(data, StandardCharsets.UTF_8)));
                case "Attachment" -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("Body", data);
                    a.put("ContentType", item.get("Original_Content_Type__c"));
                    org.update(userId, targetId, a);
                }
                default -> {
                    return false;
                }
            }
            org.update(userId, str(item.get("Id")), restoredItem);
        } finally {
            CaptureModel.suppressed(wasSuppressed);
        }
        return true;
    }

    private boolean targetExists(Map<String, Object> item) {
        if ("ContentVersion".equals(item.get("Target_Type__c"))) {
            Object doc = item.get("Original_Document_Id__c");
            return doc != null && org.get(doc.toString()) != null;
        }
        Object target = item.get("Target_Id__c");
        return target != null && org.get(target.toString()) != null;
    }

    private static String originalName(String type, Map<String, Object> target) {
        if ("ContentVersion".equals(type)) {
            return str(target.get("Title"));
        }
        if ("Attachment".equals(type)) {
            return str(target.get("Name"));
        }
        return str(target.get("Id"));
    }

    static String left(Object value, int length) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.length() <= length ? s : s.substring(0, length);
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Object nullToEmpty(Object o) {
        return o == null ? "" : o;
    }

    private static byte[] bytes(Object v) {
        if (v == null) {
            return new byte[0];
        }
        if (v instanceof byte[] b) {
            return b;
        }
        return v.toString().getBytes(StandardCharsets.UTF_8);
    }
}
