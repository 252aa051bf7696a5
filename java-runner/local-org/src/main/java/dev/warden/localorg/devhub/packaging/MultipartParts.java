package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.data.OrgException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a {@code multipart/form-data} body by their {@code name}: what jsforce sends for a Tooling create with
 * file fields (devhub-packaging-wire.md 8.4: {@code VersionInfo} zip, then the record's JSON).
 */
final class MultipartParts {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");

    private MultipartParts() {}

    static Map<String, byte[]> parse(String contentType, byte[] body) {
        Matcher b = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (b == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/") || !b.find()) {
            throw new OrgException(
                    "INVALID_MULTIPART_REQUEST",
                    "Package2VersionCreateRequest needs a multipart/form-data body (VersionInfo zip and the record's"
                            + " JSON)");
        }
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // closing delimiter
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, start);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
            int contentStart = headersEnd + 4;
            int contentEnd = next - 2; // the CRLF before the delimiter belongs to it
            Matcher n = NAME.matcher(headers);
            if (n.find() && contentEnd >= contentStart) {
                byte[] content = new byte[contentEnd - contentStart];
                System.arraycopy(body, contentStart, content, 0, content.length);
                parts.put(n.group(1), content);
            }
            at = next;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
