package dev.warden.localorg.pkg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * WardenCapture in Java: after insert/update of a protected object, one Pending {@code Scan_Request__c} per record
 * and, unless the policy says Queue_Only, one {@code Scan_Event__e}. Nothing is captured while the object's trigger is
 * not deployed and active, while Warden itself rewrites content ({@link #suppressed}), when the running user's
 * {@code Warden_Settings__c.Capture_Disabled__c} kill switch is on, when the user holds the custom permission
 * {@code Warden_Bypass_Capture}, or when no enabled {@code Protection_Policy__mdt} covers the object. An update is
 * captured only when a field the policy watches ({@code Fields__c}; empty = any) changed; a watched field the object
 * lacks counts as changed (fail open, as WardenCapture).
 */
public final class CaptureModel {
    public static final String BYPASS_PERMISSION = "Warden_Bypass_Capture";
    public static final Map<String, String> TRIGGERS = Map.of(
            "ContentVersion", "WardenContentVersionCapture",
            "FeedItem", "WardenFeedItemCapture",
            "FeedComment", "WardenFeedCommentCapture",
            "Attachment", "WardenAttachmentCapture");

    private static final ThreadLocal<Boolean> SUPPRESSED = ThreadLocal.withInitial(() -> false);

    private final PackageOrg org;

    public CaptureModel(PackageOrg org) {
        this.org = org;
    }

    /** Like WardenCapture.suppress: Warden's own tombstone/restore writes are not queued again. */
    public static void suppressed(boolean value) {
        SUPPRESSED.set(value);
    }

    public static boolean suppressed() {
        return SUPPRESSED.get();
    }

    /**
     * Handles one committed change of one record.
     *
     * @param before the stored values before an update, null on insert
     * @param after the stored values after the change
     * @return the id of the request queued, or null
     */
    public String afterChange(String objectName, String userId, Map<String, Object> before, Map<String, Object> after) {
        String trigger = TRIGGERS.get(objectName);
        if (trigger == null || suppressed() || !org.triggerActive(trigger)) {
            return null;
        }
        if (Boolean.TRUE.equals(org.hierarchySetting("Warden_Settings__c", userId).get("Capture_Disabled__c"))
                || org.hasCustomPermission(userId, BYPASS_PERMISSION)) {
            return null;
        }
        Map<String, Object> policy = enabledPolicy(objectName);
        if (policy == null) {
            return null;
        }
        if (before != null && !anyChanged(objectName, before, after, watchedFields(policy))) {
            return null;
        }
        String id = String.valueOf(after.get("Id"));
        String change = before == null ? "Insert" : "Update";
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("Target_Id__c", id);
        request.put("Target_Type__c", objectName);
        request.put("Content_Version_Id__c", contentVersionOf(objectName, after));
        request.put("Change__c", change);
        request.put("Status__c", "Pending");
        request.put("Attempts__c", 0.0);
        String requestId = org.insert(userId, "Scan_Request__c", request);
        if (!"Queue_Only".equals(policy.get("Action__c"))) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("Scan_Request_Id__c", requestId);
            event.put("Target_Id__c", id);
            event.put("Target_Type__c", objectName);
            event.put("Change__c", change);
            org.insert(userId, "Scan_Event__e", event);
        }
        return requestId;
    }

    private Map<String, Object> enabledPolicy(String objectName) {
        for (Map<String, Object> p : org.customMetadata("Protection_Policy__mdt")) {
            if (objectName.equals(p.get("Object_Name__c")) && Boolean.TRUE.equals(p.get("Enabled__c"))) {
                return p;
            }
        }
        return null;
    }

    static Set<String> watchedFields(Map<String, Object> policy) {
        Set<String> fields = new LinkedHashSet<>();
        Object raw = policy.get("Fields__c");
        if (raw == null) {
            return fields;
        }
        for (String f : raw.toString().split(",")) {
            if (!f.isBlank()) {
                fields.add(f.strip());
            }
        }
        return fields;
    }

    private boolean anyChanged(String objectName, Map<String, Object> before, Map<String, Object> after, Set<String> watched) {
        if (watched.isEmpty()) {
            return true;
        }
        for (String f : watched) {
            // WardenCapture.changed: a field the object lacks makes SObject.get throw, and capture fails open.
            if (!org.hasField(objectName, f) || !sameValue(valueOf(before, f), valueOf(after, f))) {
                return true;
            }
        }
        return false;
    }

    private static Object valueOf(Map<String, Object> record, String field) {
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (e.getKey().equalsIgnoreCase(field)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    private static String contentVersionOf(String objectName, Map<String, Object> after) {
        if ("ContentVersion".equals(objectName)) {
            return String.valueOf(after.get("Id"));
        }
        if ("FeedItem".equals(objectName) || "FeedComment".equals(objectName)) {
            Object related = valueOf(after, "RelatedRecordId");
            if (related != null && related.toString().startsWith("068")) {
                return related.toString();
            }
        }
        return null;
    }

    /** The objects capture covers, in a stable order. */
    public static List<String> objects() {
        return new ArrayList<>(List.of("ContentVersion", "FeedItem", "FeedComment", "Attachment"));
    }
}
