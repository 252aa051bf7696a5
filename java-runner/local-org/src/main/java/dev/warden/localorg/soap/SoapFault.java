package dev.warden.localorg.soap;

/**
 * A SOAP fault to answer with. {@code detailType} names the partner API fault element WSC maps to a typed exception
 * ({@code UnexpectedErrorFault}, {@code InvalidSObjectFault}, {@code MalformedQueryFault}, {@code InvalidFieldFault},
 * {@code InvalidIdFault}); null writes no detail (the Metadata API jar has no fault classes, so WSC raises a
 * {@code SoapFaultException} carrying the fault code). {@code client} marks malformed requests (soapenv:Client).
 */
public final class SoapFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String exceptionCode;
    private final String detailType;
    private final boolean client;

    public SoapFault(String exceptionCode, String message, String detailType) {
        this(exceptionCode, message, detailType, false);
    }

    private SoapFault(String exceptionCode, String message, String detailType, boolean client) {
        super(message, null, false, false);
        this.exceptionCode = exceptionCode;
        this.detailType = detailType;
        this.client = client;
    }

    /** A request that is not a SOAP envelope we can read. */
    public static SoapFault malformed(String message) {
        return new SoapFault("INVALID_XML", message, null, true);
    }

    public static SoapFault invalidSession() {
        // Wording as the platform answers a bad session id (WSC treats "Illegal Session" as an expired session).
        return new SoapFault(
                "INVALID_SESSION_ID",
                "Invalid Session ID found in SessionHeader: Illegal Session",
                "UnexpectedErrorFault");
    }

    public String exceptionCode() {
        return exceptionCode;
    }

    public String detailType() {
        return detailType;
    }

    public boolean client() {
        return client;
    }
}
