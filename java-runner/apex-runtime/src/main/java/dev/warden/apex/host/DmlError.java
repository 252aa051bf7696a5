package dev.warden.apex.host;

import java.util.List;

/** One error of one row, in Salesforce's words: status code (e.g. REQUIRED_FIELD_MISSING), message, fields. */
public record DmlError(String statusCode, String message, List<String> fields) {
    public DmlError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
