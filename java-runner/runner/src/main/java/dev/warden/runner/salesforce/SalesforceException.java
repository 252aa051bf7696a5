package dev.warden.runner.salesforce;

/**
 * Salesforce refused a call. {@code errorCode} and the message are Salesforce's own words (e.g.
 * {@code UNABLE_TO_LOCK_ROW}); {@code what} says which operation the runner was doing.
 */
public class SalesforceException extends RuntimeException {
    private final String errorCode;
    private final int httpStatus;

    public SalesforceException(String what, int httpStatus, String errorCode, String message) {
        super(what + ": " + (errorCode == null ? "" : errorCode + ": ") + message);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
