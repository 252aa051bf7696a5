package dev.warden.localorg.rest;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.Request;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record with a blob sent as {@code multipart/form-data} (Salesforce REST "Insert or Update Blob Data"): one part of
 * JSON field values named {@code entity_content} ({@code entity_document} for a Document), and one binary part named
 * after the blob field ({@code VersionData} of a ContentVersion, {@code Body} of an Attachment or Document). Salesforce
 * takes up to 2 GB this way against 50 MB of base64 in JSON; the local org holds bodies in memory and takes up to
 * {@link dev.warden.localorg.server.RequestLimits#MAX_MULTIPART_BODY}. The error code for a malformed multipart body
 * ({@code INVALID_MULTIPART_REQUEST}) is UNCONFIRMED.
 */
final class MultipartBlobUpload {
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");

    private MultipartBlobUpload() {}

    static boolean applies(Request req) {
        String ct = req.header("Content-Type");
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The record's field values: the JSON part's, plus the blob field's bytes from its binary part. */
    static Map<String, Object> fields(Request req, SObjectType type) {
        Map<String, byte[]> parts = parts(req.header("Content-Type"), req.body());
        byte[] entity =
                parts.containsKey("entity_content") ? parts.get("entity_content") : parts.get("entity_document");
        if (entity == null) {
            throw new OrgException(
                    "INVALID_MULTIPART_REQUEST",
                    "The multipart request needs a part named entity_content holding the" + " record's fields as JSON");
        }
        Map<String, Object> fields;
        try {
            fields = RecordJson.fields(Json.MAPPER.readTree(entity));
        } catch (java.io.IOException e) {
            throw new OrgException("JSON_PARSER_ERROR", "The entity_content part is not JSON: " + e.getMessage());
        }
        boolean blob = false;
        for (Map.Entry<String, byte[]> p : parts.entrySet()) {
            if (p.getKey().startsWith("entity_")) {
                continue;
            }
            var field = type.field(p.getKey());
            if (field == null || field.type() != FieldType.BASE64) {
                throw new OrgException(
                        "INVALID_FIELD",
                        "No such binary field " + p.getKey() + " on entity " + type.name()
                                + "; a multipart part is named after the blob field (e.g. VersionData)");
            }
            fields.put(field.name(), p.getValue());
            blob = true;
        }
        if (!blob) {
            throw new OrgException(
                    "INVALID_MULTIPART_REQUEST",
                    "The multipart request has no binary part named after a blob field of " + type.name());
        }
        return fields;
    }

    /** Parts by name (the value of {@code name="…"} in each part's Content-Disposition). */
    static Map<String, byte[]> parts(String contentType, byte[] body) {
        int b = contentType == null ? -1 : contentType.indexOf("boundary=");
        if (b < 0) {
            throw new OrgException("INVALID_MULTIPART_REQUEST", "Expected a multipart/form-data body with a boundary");
        }
        String boundary = contentType.substring(b + 9).split(";")[0].trim().replace("\"", "");
        byte[] delim = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] first = Arrays.copyOfRange(delim, 2, delim.length);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int pos = indexOf(body, first, 0);
        if (pos < 0) {
            throw new OrgException(
                    "INVALID_MULTIPART_REQUEST", "The multipart body has no part delimited by its boundary");
        }
        pos += first.length;
        while (pos + 1 < body.length && !(body[pos] == '-' && body[pos + 1] == '-')) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headersEnd < 0) {
                throw new OrgException("INVALID_MULTIPART_REQUEST", "A multipart part has no end of its headers");
            }
            int next = indexOf(body, delim, headersEnd + 4);
            if (next < 0) {
                throw new OrgException(
                        "INVALID_MULTIPART_REQUEST", "The multipart body ends without its closing boundary");
            }
            Matcher m = NAME.matcher(new String(body, pos, headersEnd - pos, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                parts.put(m.group(1), Arrays.copyOfRange(body, headersEnd + 4, next));
            }
            pos = next + delim.length;
        }
        return parts;
    }

    /** Where {@code pattern} first occurs at or after {@code from} (first-byte scan, then compare). */
    private static int indexOf(byte[] data, byte[] pattern, int from) {
        byte p0 = pattern[0];
        for (int i = Math.max(from, 0), last = data.length - pattern.length; i <= last; i++) {
            if (data[i] != p0) {
                continue;
            }
            int j = 1;
            while (j < pattern.length && data[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
