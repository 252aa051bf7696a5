package dev.warden.localorg.data;

import java.util.List;

/**
 * One error of one row of a DML call, in the shape every API reports it: REST {@code errors[]} entries, SOAP
 * {@code Error} elements, Apex {@code Database.Error}.
 *
 * @param statusCode Salesforce's status code, e.g. {@code REQUIRED_FIELD_MISSING}
 * @param fields the fields involved (may be empty)
 */
public record RowError(String statusCode, String message, List<String> fields) {
    public RowError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    static RowError of(OrgException e) {
        return new RowError(e.errorCode(), e.getMessage(), e.fields());
    }

    /** The same error as an exception (HTTP status 400), for callers that report one row's failure by throwing. */
    public OrgException toException() {
        return new OrgException(statusCode, message, fields);
    }
}
