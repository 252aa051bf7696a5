package dev.warden.runner.quarantine.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** One {@code Scan_Request__c} row as the scanner sees it. */
public record ScanRequest(
        String id,
        String targetId,
        String targetType,
        String contentVersionId,
        String change,
        String status,
        int attempts,
        String claimedBy,
        Instant claimedAt,
        Instant lastModified) {

    public static final String OBJECT = "Scan_Request__c";
    public static final String FIELDS =
            "Id, Target_Id__c, Target_Type__c, Content_Version_Id__c, Change__c, Status__c, "
                    + "Attempts__c, Claimed_By__c, Claimed_At__c, LastModifiedDate";

    /** Salesforce writes datetimes as {@code 2026-11-23T00:28:00.000+0000}; ISO offsets are accepted too. */
    private static final DateTimeFormatter SF_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();

    public static ScanRequest fromRow(JsonNode row) {
        return new ScanRequest(
                row.path("Id").asText(),
                text(row, "Target_Id__c"),
                text(row, "Target_Type__c"),
                text(row, "Content_Version_Id__c"),
                text(row, "Change__c"),
                text(row, "Status__c"),
                row.path("Attempts__c").asInt(0),
                text(row, "Claimed_By__c"),
                instant(text(row, "Claimed_At__c")),
                instant(text(row, "LastModifiedDate")));
    }

    private static String text(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    public static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return OffsetDateTime.parse(value, SF_DATETIME).toInstant();
    }

    /** The id whose bytes are scanned: the new version for files, the record itself otherwise. */
    public String contentId() {
        return "ContentVersion".equals(targetType) && contentVersionId != null ? contentVersionId : targetId;
    }
}
