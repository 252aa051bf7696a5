package dev.warden.localorg.rules;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RecordChangeListener;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files, feed and attachments (Salesforce Object Reference for ContentVersion / ContentDocument /
 * ContentDocumentLink / FeedComment / Attachment; salesforce-metadata-and-api.md 6.3):
 * inserting a ContentVersion without ContentDocumentId creates the ContentDocument and the owner's link; a version
 * on an existing document becomes the latest (IsLatest moves); deleting the document takes its versions and links
 * to the recycle bin; derived fields (size, checksum, file type, comment counts) are computed.
 */
final class ContentRules {
    private ContentRules() {}

    static void install(OrgDatabase db) {
        db.addPlatformRule("ContentVersion", new Versions(db));
        db.addPlatformRule("ContentDocument", new Documents(db));
        db.addPlatformRule("ContentDocumentLink", new Links(db));
        db.addPlatformRule("FeedItem", new RecordChangeListener() {
            @Override
            public void beforeChange(RecordChange c) {
                if (c.operation() == Operation.INSERT) {
                    c.draft().put("InsertedById", c.caller().userId());
                    c.draft().put("CommentCount", 0);
                }
            }
        });
        db.addPlatformRule("FeedComment", new Comments(db));
        db.addPlatformRule("Attachment", new RecordChangeListener() {
            @Override
            public void beforeChange(RecordChange c) {
                if (c.draft() != null && c.draft().get("Body") instanceof byte[] b) {
                    c.draft().put("BodyLength", b.length);
                }
            }
        });
    }

    private record Versions(OrgDatabase db) implements RecordChangeListener {
        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() != Operation.INSERT) {
                return;
            }
            Map<String, Object> d = c.draft();
            Object data = d.get("VersionData");
            if (data == null && d.get("ContentUrl") == null) {
                throw new OrgException(
                        "REQUIRED_FIELD_MISSING", "Required fields are missing: [VersionData]", List.of("VersionData"));
            }
            if (data != null && d.get("PathOnClient") == null) {
                throw new OrgException(
                        "REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [PathOnClient]",
                        List.of("PathOnClient"));
            }
            String path = (String) d.get("PathOnClient");
            if (d.get("Title") == null && path != null) {
                String base = path.replaceAll(".*[/\\\\]", "");
                int dot = base.lastIndexOf('.');
                d.put("Title", dot > 0 ? base.substring(0, dot) : base);
            }
            String ext = path == null ? null : extension(path);
            d.put("FileExtension", ext);
            d.put("FileType", fileType(ext, data == null));
            if (data instanceof byte[] bytes) {
                d.put("ContentSize", bytes.length);
                d.put("Checksum", md5(bytes));
            }
            d.putIfAbsent("OwnerId", c.caller().userId());
            d.putIfAbsent("Origin", "C");
            d.putIfAbsent("ContentLocation", "S");
            d.put("PublishStatus", "P");
            d.put("IsLatest", Boolean.TRUE);
            Object docId = d.get("ContentDocumentId");
            if (docId != null) {
                Record doc = db.live(docId.toString());
                if (doc == null || !doc.objectName().equals("ContentDocument")) {
                    throw new OrgException(
                            "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("ContentDocumentId"));
                }
                int max = 0;
                for (Record v : db.findBy("ContentVersion", "ContentDocumentId", doc.id())) {
                    max = Math.max(max, Integer.parseInt(v.getString("VersionNumber")));
                }
                d.put("VersionNumber", Integer.toString(max + 1));
            } else {
                d.put("VersionNumber", "1");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("Title", d.get("Title"));
                doc.put("OwnerId", d.get("OwnerId"));
                doc.put("PublishStatus", "P");
                d.put("ContentDocumentId", db.insert(Caller.system(c.caller().userId()), "ContentDocument", doc));
            }
        }

        @Override
        public void afterChange(RecordChange c) {
            if (c.operation() != Operation.INSERT) {
                return;
            }
            Caller sys = Caller.system(c.caller().userId());
            Record v = c.after();
            String docId = v.getString("ContentDocumentId");
            for (Record other : db.findBy("ContentVersion", "ContentDocumentId", docId)) {
                if (!other.id().equals(v.id()) && other.is("IsLatest")) {
                    db.update(sys, other.id(), Map.of("IsLatest", false));
                }
            }
            Map<String, Object> docUpdate = new LinkedHashMap<>();
            docUpdate.put("LatestPublishedVersionId", v.id());
            docUpdate.put("Title", v.get("Title"));
            docUpdate.put("FileType", v.get("FileType"));
            docUpdate.put("FileExtension", v.get("FileExtension"));
            docUpdate.put("ContentSize", v.get("ContentSize"));
            db.update(sys, docId, docUpdate);
            if ("1".equals(v.getString("VersionNumber"))) {
                String owner = v.getString("OwnerId");
                db.insert(
                        sys,
                        "ContentDocumentLink",
                        Map.of(
                                "ContentDocumentId",
                                docId,
                                "LinkedEntityId",
                                owner,
                                "ShareType",
                                "I",
                                "Visibility",
                                "AllUsers"));
                Object location = v.get("FirstPublishLocationId");
                if (location != null && !location.equals(owner)) {
                    db.insert(
                            sys,
                            "ContentDocumentLink",
                            Map.of(
                                    "ContentDocumentId",
                                    docId,
                                    "LinkedEntityId",
                                    location,
                                    "ShareType",
                                    "V",
                                    "Visibility",
                                    "AllUsers"));
                }
            }
        }
    }

    private record Documents(OrgDatabase db) implements RecordChangeListener {
        @Override
        public void afterChange(RecordChange c) {
            Caller sys = Caller.system(c.caller().userId());
            if (c.operation() == Operation.DELETE) {
                for (String child : List.of("ContentVersion", "ContentDocumentLink")) {
                    for (Record r : db.findBy(child, "ContentDocumentId", c.id())) {
                        db.delete(sys, r.id());
                    }
                }
            } else if (c.operation() == Operation.UNDELETE) {
                for (String child : List.of("ContentVersion", "ContentDocumentLink")) {
                    for (Record r : db.rows(child, true)) {
                        if (r.isDeleted() && c.id().equals(r.getString("ContentDocumentId"))) {
                            db.undelete(sys, r.id());
                        }
                    }
                }
            }
        }
    }

    private record Links(OrgDatabase db) implements RecordChangeListener {
        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() != Operation.INSERT) {
                return;
            }
            Object doc = c.value("ContentDocumentId");
            Object entity = c.value("LinkedEntityId");
            if (doc == null || entity == null) {
                return;
            }
            for (Record l : db.findBy("ContentDocumentLink", "ContentDocumentId", doc.toString())) {
                if (l.getString("LinkedEntityId").equalsIgnoreCase(entity.toString())) {
                    throw new OrgException(
                            "DUPLICATE_VALUE",
                            "Document with ID: " + doc + " is already linked with the entity with ID: " + entity,
                            List.of("LinkedEntityId"));
                }
            }
        }
    }

    private record Comments(OrgDatabase db) implements RecordChangeListener {
        @Override
        public void beforeChange(RecordChange c) {
            if (c.operation() == Operation.INSERT) {
                Record item = db.live(String.valueOf(c.value("FeedItemId")));
                if (item != null) {
                    c.draft().put("ParentId", item.get("ParentId"));
                }
                c.draft().put("InsertedById", c.caller().userId());
                c.draft().put("CommentType", c.value("RelatedRecordId") != null ? "ContentComment" : "TextComment");
            }
        }

        @Override
        public void afterChange(RecordChange c) {
            int delta = c.operation() == Operation.INSERT || c.operation() == Operation.UNDELETE
                    ? 1
                    : c.operation() == Operation.DELETE ? -1 : 0;
            Record comment = c.after() != null ? c.after() : c.before();
            Record item = delta == 0 ? null : db.live(comment.getString("FeedItemId"));
            if (item != null) {
                db.update(
                        Caller.system(c.caller().userId()),
                        item.id(),
                        Map.of("CommentCount", PlatformRules.intOf(item.get("CommentCount")) + delta));
            }
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot == path.length() - 1
                ? null
                : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String fileType(String ext, boolean link) {
        if (link) {
            return "LINK";
        }
        if (ext == null) {
            return "UNKNOWN";
        }
        return switch (ext) {
            case "pdf" -> "PDF";
            case "txt" -> "TEXT";
            case "csv" -> "CSV";
            case "png" -> "PNG";
            case "jpg", "jpeg" -> "JPG";
            case "gif" -> "GIF";
            case "zip" -> "ZIP";
            case "doc" -> "WORD";
            case "docx" -> "WORD_X";
            case "xls" -> "EXCEL";
            case "xlsx" -> "EXCEL_X";
            case "ppt" -> "POWER_POINT";
            case "pptx" -> "POWER_POINT_X";
            case "html", "htm" -> "HTML";
            case "xml" -> "XML";
            case "json" -> "JSON";
            case "exe" -> "EXE";
            default -> "UNKNOWN";
        };
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
