package dev.warden.runner.quarantine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * What the quarantine flow needs from an org, as one connected user. Implementations talk to a real org or the
 * local org over HTTP; every call counts towards {@link #callCount()} and refreshes {@link #usage()}.
 * Salesforce errors surface as {@link SalesforceApiException} in Salesforce's own words.
 */
public interface QuarantineApi {

    /** All rows of a SOQL query (follows {@code nextRecordsUrl}; one call per page). */
    List<JsonNode> query(String soql);

    /**
     * Creates records through {@code composite/sobjects} (200 records a call, {@code allOrNone=false}); each record
     * carries {@code attributes.type}. Results in input order.
     */
    List<SaveResult> create(List<ObjectNode> records);

    /** Updates records through {@code PATCH composite/sobjects} (200 a call); each record carries Id and type. */
    List<SaveResult> update(List<ObjectNode> records);

    /** Deletes records through {@code DELETE composite/sobjects?ids=} (200 a call). */
    List<SaveResult> delete(List<String> ids);

    /** One {@code /composite} call (at most 25 subrequests, {@code allOrNone=false}). */
    List<SubResponse> composite(List<SubRequest> subrequests);

    /** Bytes of a blob field, e.g. {@code sobjects/ContentVersion/068…/VersionData}. */
    byte[] blob(String sobject, String id, String field);

    /**
     * A blob field as a stream, read as it arrives (never held whole): a 2 GB file is scanned in bounded memory. The
     * caller closes it. Opening is retried like any read; a connection that breaks mid-body throws from the stream.
     */
    default java.io.InputStream blobStream(String sobject, String id, String field) {
        return new java.io.ByteArrayInputStream(blob(sobject, id, field));
    }

    /** {@code POST /services/apexrest/<path>}; any HTTP status is returned, transport failures throw. */
    HttpAnswer postApexRest(String path, JsonNode body);

    /** The daily API usage from the latest {@code Sforce-Limit-Info} header, or null before the first call. */
    ApiUsage usage();

    /** Calls made through this connection so far. */
    long callCount();

    /** The org's clock, estimated from the {@code Date} header of the latest response (local clock before that). */
    Instant serverNow();

    /** Every call made so far as {@code METHOD /path} with ids and query strings replaced, in order. */
    List<String> callLog();

    /** The user this connection acts as ({@code 005…}). */
    String userId();

    record SaveResult(String id, boolean success, String errorCode, String message) {}

    /** A {@code /composite} subrequest; {@code url} is relative to {@code /services/data/vXX.X}. */
    record SubRequest(String referenceId, String method, String url, JsonNode body) {}

    record SubResponse(String referenceId, int httpStatusCode, JsonNode body) {}

    record HttpAnswer(int status, JsonNode body) {}
}
