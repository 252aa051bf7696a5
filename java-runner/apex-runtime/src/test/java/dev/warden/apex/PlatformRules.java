package dev.warden.apex;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few platform behaviours of the files objects the package's tests rely on, modelled by the test host only
 * (the local org has its own, richer rules): a ContentVersion without ContentDocumentId creates its document; a new
 * version becomes the latest; FirstPublishLocationId links the document; a FeedComment inherits its item's parent;
 * deleting a ContentDocument deletes its versions.
 */
final class PlatformRules {
    private PlatformRules() {}

    static void beforeInsert(InMemoryHost host, String object, Map<String, Object> row, String userId) {
        switch (object) {
            case "ContentVersion" -> {
                Object doc = row.get("ContentDocumentId");
                if (doc == null) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("Title", row.get("Title"));
                    d.put("OwnerId", userId);
                    d.put("LatestPublishedVersionId", row.get("Id"));
                    row.put(
                            "ContentDocumentId",
                            host.insertSystem("ContentDocument", d, userId).get("Id"));
                } else {
                    for (Map<String, Object> v : host.all("ContentVersion")) {
                        if (String.valueOf(doc)
                                .startsWith(String.valueOf(v.get("ContentDocumentId"))
                                        .substring(0, 15))) {
                            v.put("IsLatest", false);
                        }
                    }
                    Map<String, Object> d = host.get("ContentDocument", String.valueOf(doc));
                    if (d != null) {
                        d.put("LatestPublishedVersionId", row.get("Id"));
                        if (row.get("Title") != null) {
                            d.put("Title", row.get("Title"));
                        }
                    }
                }
                row.put("IsLatest", true);
                if (row.get("VersionData") instanceof byte[] b) {
                    row.put("ContentSize", b.length);
                }
            }
            case "FeedComment" -> {
                Map<String, Object> item = row.get("FeedItemId") == null
                        ? null
                        : host.get("FeedItem", String.valueOf(row.get("FeedItemId")));
                if (item != null) {
                    row.put("ParentId", item.get("ParentId"));
                }
            }
            case "Attachment" -> {
                if (row.get("Body") instanceof byte[] b) {
                    row.put("BodyLength", b.length);
                }
            }
            default -> {}
        }
    }

    static void afterInsert(InMemoryHost host, String object, Map<String, Object> row, String userId) {
        if (object.equals("ContentVersion") && row.get("FirstPublishLocationId") != null) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("ContentDocumentId", row.get("ContentDocumentId"));
            link.put("LinkedEntityId", row.get("FirstPublishLocationId"));
            link.put("ShareType", "V");
            host.insertSystem("ContentDocumentLink", link, userId);
        }
    }

    static void afterDelete(InMemoryHost host, String object, Map<String, Object> row) {
        if (object.equals("ContentDocument")) {
            String doc = String.valueOf(row.get("Id")).substring(0, 15);
            host.all("ContentVersion")
                    .removeIf(v -> String.valueOf(v.get("ContentDocumentId")).startsWith(doc));
            host.all("ContentDocumentLink")
                    .removeIf(v -> String.valueOf(v.get("ContentDocumentId")).startsWith(doc));
        }
    }
}
