package dev.warden.localorg.pkg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /services/apexrest/warden/v1/quarantine/{id}/restore} in Java, as WardenRestoreService: 200 restored,
 * 403 restoreNotAllowed (no edit access to Quarantine_Item__c), 404 itemNotFound, 409 notQuarantined, 410
 * targetNotFound, 400 applyFailed (a write was refused; everything rolled back).
 */
final class RestoreModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PackageOrg org;
    private final WardenTexts texts;
    private final QuarantineWriterModel writer;

    RestoreModel(PackageOrg org, WardenTexts texts) {
        this.org = org;
        this.texts = texts;
        this.writer = new QuarantineWriterModel(org, texts);
    }

    ApexRestAnswer restore(String userId, String itemIdText) {
        Map<String, Object> values = new HashMap<>();
        values.put("itemId", itemIdText);
        if (!org.canEdit(userId, "Quarantine_Item__c")) {
            return respond(403, itemIdText, null, texts.error("restoreNotAllowed", values));
        }
        boolean isItemId = itemIdText != null && (itemIdText.length() == 15 || itemIdText.length() == 18)
                && "Quarantine_Item__c".equals(org.objectOf(itemIdText));
        Map<String, Object> item = isItemId && org.canRead(userId, "Quarantine_Item__c") ? org.get(itemIdText) : null;
        if (item == null) {
            return respond(404, itemIdText, null, texts.error("itemNotFound", values));
        }
        String status = (String) item.get("Status__c");
        values.put("status", status);
        if (!QuarantineWriterModel.QUARANTINED.equals(status)) {
            return respond(409, itemIdText, status, texts.error("notQuarantined", values));
        }
        values.put("targetId", item.get("Target_Id__c"));
        values.put("requestId", item.get("Scan_Request__c"));
        boolean restored;
        try {
            restored = org.transaction(() -> writer.restore(userId, item));
        } catch (RuntimeException refused) {
            values.put("verdict", "RESTORE");
            values.put("reason", refused.getMessage());
            return respond(400, itemIdText, QuarantineWriterModel.QUARANTINED, texts.error("applyFailed", values));
        }
        if (!restored) {
            return respond(410, itemIdText, status, texts.error("targetNotFound", values));
        }
        return respond(200, itemIdText, QuarantineWriterModel.RESTORED, null);
    }

    private static ApexRestAnswer respond(int status, String itemId, String itemStatus, String error) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("itemId", itemId);
        doc.put("status", itemStatus);
        doc.put("error", error);
        return new ApexRestAnswer(status, doc.toString());
    }
}
