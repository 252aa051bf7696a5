package dev.warden.localorg.data;

import java.util.List;

/**
 * A Salesforce API error: the platform's error code and message (in Salesforce's words where known), the fields
 * involved, and the HTTP status the REST API answers with.
 */
public class OrgException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorCode;
    private final List<String> fields;
    private final int httpStatus;

    public OrgException(String errorCode, String message) {
        this(errorCode, message, List.of(), 400);
    }

    public OrgException(String errorCode, String message, List<String> fields) {
        this(errorCode, message, fields, 400);
    }

    public OrgException(String errorCode, String message, List<String> fields, int httpStatus) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.httpStatus = httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public List<String> fields() {
        return fields;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static OrgException notFound() {
        return new OrgException("NOT_FOUND", "The requested resource does not exist", List.of(), 404);
    }

    public static OrgException invalidType(String name) {
        return new OrgException("INVALID_TYPE", "sObject type '" + name + "' is not supported.");
    }
}
