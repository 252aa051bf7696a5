package dev.warden.test;

import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.salesforce.rest.RestClient;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Files (ContentVersion) and their bytes; an uploaded file's ContentDocument is deleted after the test. */
public final class OrgFiles {
    private final RestClient rest;
    private final QuarantineApi blobs;
    private final Cleanup cleanup;

    OrgFiles(RestClient rest, QuarantineApi blobs, Cleanup cleanup) {
        this.rest = rest;
        this.blobs = blobs;
        this.cleanup = cleanup;
    }

    public record Uploaded(String contentVersionId, String contentDocumentId) {}

    /** Uploads a file (a new ContentDocument). */
    public Uploaded upload(String fileName, byte[] bytes) {
        return upload(fileName, bytes, null);
    }

    /** Uploads a file shared with a record ({@code FirstPublishLocationId}), or a new private file when null. */
    public Uploaded upload(String fileName, byte[] bytes, String linkedTo) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Title", fileName.replaceFirst("\\.[^.]*$", ""));
        f.put("PathOnClient", fileName);
        f.put("VersionData", Base64.getEncoder().encodeToString(bytes));
        if (linkedTo != null) {
            f.put("FirstPublishLocationId", linkedTo);
        }
        String versionId = rest.post(RestClient.data("/sobjects/ContentVersion"), f, "rest.test", "upload " + fileName)
                .path("id")
                .asText();
        String documentId = rest.query("SELECT ContentDocumentId FROM ContentVersion WHERE Id = '" + versionId + "'")
                .get(0)
                .path("ContentDocumentId")
                .asText();
        cleanup.add("ContentDocument", documentId);
        return new Uploaded(versionId, documentId);
    }

    /** The bytes of a file version ({@code VersionData}). */
    public byte[] bytes(String contentVersionId) {
        return blobs.blob("ContentVersion", contentVersionId, "VersionData");
    }
}
