package dev.warden.localorg.server;

/** Which API a request belongs to: the request log counts calls per kind. */
public enum ApiKind {
    REST,
    SOAP_PARTNER,
    SOAP_METADATA,
    OAUTH,
    APEX_REST,
    ADMIN,
    OTHER;

    /** Counted against the daily API request limit (salesforce-metadata-and-api.md 6.6). */
    public boolean countsAgainstLimit() {
        return this == REST || this == SOAP_PARTNER || this == SOAP_METADATA || this == APEX_REST;
    }
}
