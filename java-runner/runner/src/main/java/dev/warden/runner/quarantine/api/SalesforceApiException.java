package dev.warden.runner.quarantine.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** An error answer from the org, in Salesforce's words ({@code errorCode: message}) plus what to do about it. */
public final class SalesforceApiException extends dev.warden.runner.salesforce.SalesforceException {
    public SalesforceApiException(int status, String errorCode, String message) {
        this(status, errorCode, message, null);
    }

    private SalesforceApiException(int status, String errorCode, String message, String retryAfter) {
        super(message, status, errorCode, retryAfter, true);
    }

    /** The REST client's error in the quarantine flow's terms (same status, code and Salesforce message). */
    public static SalesforceApiException of(dev.warden.runner.salesforce.SalesforceException e) {
        return e instanceof SalesforceApiException s
                ? s
                : new SalesforceApiException(e.httpStatus(), e.errorCode(), e.salesforceMessage(), e.retryAfter());
    }

    /** Reads the REST error shapes: {@code [{"errorCode","message"}]}, OAuth {@code {"error","error_description"}}, or text. */
    public static SalesforceApiException from(int status, JsonNode parsed, byte[] raw) {
        JsonNode err = parsed == null ? null : (parsed.isArray() ? parsed.path(0) : parsed);
        if (err != null && err.hasNonNull("errorCode")) {
            // REST errors say "message"; Warden's Apex REST refusals say "error" ({"results":[],"errorCode","error"}).
            String message = err.hasNonNull("message")
                    ? err.path("message").asText()
                    : err.path("error").asText("");
            return new SalesforceApiException(status, err.path("errorCode").asText(), message);
        }
        if (err != null && err.hasNonNull("error")) {
            return new SalesforceApiException(
                    status,
                    err.path("error").asText(),
                    err.path("error_description").asText(""));
        }
        String text = raw == null ? "" : new String(raw, StandardCharsets.UTF_8).strip();
        return new SalesforceApiException(
                status,
                null,
                text.isEmpty() ? "(empty response)" : text.lines().findFirst().orElse(""));
    }

    /** The answer's {@code Retry-After}, for the retry policy. */
    public SalesforceApiException withRetryAfter(String header) {
        return new SalesforceApiException(httpStatus(), errorCode(), getMessage(), header);
    }

    public int status() {
        return httpStatus();
    }

    /** Worth retrying: the org was busy, locked a row, or the transport broke. */
    public boolean transientFailure() {
        int status = httpStatus();
        return status >= 500
                || status == 0
                || status == 429
                || "UNABLE_TO_LOCK_ROW".equals(errorCode())
                || "SERVER_UNAVAILABLE".equals(errorCode());
    }

    /** One line: what Salesforce said and what to do. */
    public String describe() {
        String errorCode = errorCode();
        String hint = switch (errorCode == null ? "" : errorCode) {
            case "INVALID_SESSION_ID" -> " (log in again: the access token expired or was revoked)";
            case "REQUEST_LIMIT_EXCEEDED" ->
                " (daily API limit reached: wait for the 24-hour window or raise the limit)";
            case "INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY" ->
                " (the connected user lacks access: run `warden verify` to check its permission sets)";
            case "missingPermission" -> " (assign the permission set Warden_Integration to the scanning user)";
            case "INVALID_TYPE", "INVALID_FIELD", "NOT_FOUND" ->
                " (is the Warden package deployed? run `warden deploy`)";
            default -> transientFailure() ? " (temporary: retry later)" : "";
        };
        return "HTTP " + httpStatus() + " " + (errorCode == null ? "" : errorCode + ": ") + getMessage() + hint;
    }
}
