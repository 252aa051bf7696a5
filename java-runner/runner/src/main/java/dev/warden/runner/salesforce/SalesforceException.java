package dev.warden.runner.salesforce;

/**
 * Salesforce refused a call. {@code errorCode} and the message are Salesforce's own words (e.g.
 * {@code UNABLE_TO_LOCK_ROW}); {@code what} says which operation the runner was doing.
 */
public class SalesforceException extends RuntimeException {
    private final String errorCode;
    private final int httpStatus;
    private final String retryAfter;

    public SalesforceException(String what, int httpStatus, String errorCode, String message) {
        this(what, httpStatus, errorCode, message, null);
    }

    /** {@code retryAfter}: the answer's {@code Retry-After} header, if any (read by {@link RetryPolicy}). */
    public SalesforceException(String what, int httpStatus, String errorCode, String message, String retryAfter) {
        super(what + ": " + (errorCode == null ? "" : errorCode + ": ") + message);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.salesforceMessage = message;
    }

    /** For subclasses that word their own message (it is used as given). */
    protected SalesforceException(
            String message, int httpStatus, String errorCode, String retryAfter, boolean verbatim) {
        super(message);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.salesforceMessage = message;
    }

    private final String salesforceMessage;

    /** Salesforce's own message, without the operation in front. */
    public String salesforceMessage() {
        return salesforceMessage;
    }

    public String retryAfter() {
        return retryAfter;
    }

    public String errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
