package dev.warden.runner.quarantine.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** An error answer from the org, in Salesforce's words ({@code errorCode: message}) plus what to do about it. */
public final class SalesforceApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String errorCode;

    public SalesforceApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** Reads the REST error shapes: {@code [{"errorCode","message"}]}, OAuth {@code {"error","error_description"}}, or text. */
    public static SalesforceApiException from(int status, JsonNode parsed, byte[] raw) {
        JsonNode err = parsed == null ? null : (parsed.isArray() ? parsed.path(0) : parsed);
        if (err != null && err.hasNonNull("errorCode")) {
            // REST errors say "message"; Warden's Apex REST refusals say "error" ({"results":[],"errorCode","error"}).
            String message = err.hasNonNull("message") ? err.path("message").asText() : err.path("error").asText("");
            return new SalesforceApiException(status, err.path("errorCode").asText(), message);
        }
        if (err != null && err.hasNonNull("error")) {
            return new SalesforceApiException(status, err.path("error").asText(), err.path("error_description").asText(""));
        }
        String text = raw == null ? "" : new String(raw, StandardCharsets.UTF_8).strip();
        return new SalesforceApiException(status, null, text.isEmpty() ? "(empty response)" : text.lines().findFirst().orElse(""));
    }

    private transient String retryAfter;

    /** The answer's {@code Retry-After}, for the retry policy. */
    public SalesforceApiException withRetryAfter(String header) {
        this.retryAfter = header;
        return this;
    }

    public String retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    /** Worth retrying: the org was busy, locked a row, or the transport broke. */
    public boolean transientFailure() {
        return status >= 500 || status == 0 || status == 429
                || "UNABLE_TO_LOCK_ROW".equals(errorCode) || "SERVER_UNAVAILABLE".equals(errorCode);
    }

    /** One line: what Salesforce said and what to do. */
    public String describe() {
        String hint = switch (errorCode == null ? "" : errorCode) {
            case "INVALID_SESSION_ID" -> " (log in again: the access token expired or was revoked)";
            case "REQUEST_LIMIT_EXCEEDED" -> " (daily API limit reached: wait for the 24-hour window or raise the limit)";
            case "INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY" ->
                    " (the connected user lacks access: run `warden verify` to check its permission sets)";
            case "missingPermission" -> " (assign the permission set Warden_Integration to the scanning user)";
            case "INVALID_TYPE", "INVALID_FIELD", "NOT_FOUND" ->
                    " (is the Warden package deployed? run `warden deploy`)";
            default -> transientFailure() ? " (temporary: retry later)" : "";
        };
        return "HTTP " + status + " " + (errorCode == null ? "" : errorCode + ": ") + getMessage() + hint;
    }
}
