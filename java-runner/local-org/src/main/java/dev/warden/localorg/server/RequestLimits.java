package dev.warden.localorg.server;

import dev.warden.localorg.data.OrgException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * Request size limits, enforced while the body is read (also after gzip inflation), so an oversized or
 * decompression-bomb body is refused instead of filling memory. Salesforce takes up to 50 MB of request text (a blob
 * sent base64 in JSON included; docs "Insert or Update Blob Data") and up to 2 GB in a multipart upload of a
 * ContentVersion; the local org holds bodies in memory, so it takes multipart bodies up to
 * {@link #MAX_MULTIPART_BODY} and says so. The error code and status for an oversized body are UNCONFIRMED.
 */
public final class RequestLimits {
    public static final int MAX_TEXT_BODY = 50 * 1024 * 1024;
    public static final long MAX_MULTIPART_BODY = 512L * 1024 * 1024;

    private RequestLimits() {}

    static long maxBody(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                ? MAX_MULTIPART_BODY
                : MAX_TEXT_BODY;
    }

    /** The whole stream, or a 413 as soon as it passes {@code limit} bytes. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new OrgException(
                        "REQUEST_ENTITY_TOO_LARGE",
                        "The request body is larger than " + (limit / (1024 * 1024)) + " MB"
                                + (limit == MAX_TEXT_BODY ? "; send larger files as multipart/form-data" : ""),
                        List.of(),
                        413);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
