package dev.warden.test;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault rule of the embedded org's {@code /_local/faults} (design.md): which requests, which of them, what happens.
 * <pre>{@code FaultRule.on("POST", "/services/data/*}{@code /sobjects/Account").times(1).sfError(400, "UNABLE_TO_LOCK_ROW", "locked")}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultRule(
        Map<String, String> match,
        Integer nth,
        Integer times,
        Double probability,
        Long seed,
        Map<String, Object> fault) {

    /** Requests with this method ({@code null} or {@code "*"}: any) and path ({@code *} wildcards). */
    public static Builder on(String method, String path) {
        return new Builder(method == null || "*".equals(method) ? null : method, path, null);
    }

    /** SOAP requests whose Body's first element is {@code operation} (e.g. {@code create}, {@code deploy}). */
    public static Builder onSoap(String operation) {
        return new Builder(null, null, operation);
    }

    public static final class Builder {
        private final Map<String, String> match = new LinkedHashMap<>();
        private Integer nth;
        private Integer times;
        private Double probability;
        private Long seed;

        private Builder(String method, String path, String soapOperation) {
            if (method != null) {
                match.put("method", method);
            }
            if (path != null) {
                match.put("path", path);
            }
            if (soapOperation != null) {
                match.put("soapOperation", soapOperation);
            }
        }

        /** Starting at the n-th matching request (1 = the first). */
        public Builder nth(int n) {
            this.nth = n;
            return this;
        }

        /** For this many matching requests (default: every one). */
        public Builder times(int n) {
            this.times = n;
            return this;
        }

        /** Each matching request with this probability, from a seeded random sequence. */
        public Builder probability(double p, long seed) {
            this.probability = p;
            this.seed = seed;
            return this;
        }

        /** A Salesforce error: REST error body, OAuth error or SOAP fault, by the route. */
        public FaultRule sfError(int status, String errorCode, String message) {
            return build(Map.of("kind", "sfError", "status", status, "errorCode", errorCode, "message", message));
        }

        /** A bare HTTP status and body. */
        public FaultRule http(int status, String body) {
            return build(Map.of("kind", "http", "status", status, "body", body));
        }

        /** Waits, then handles the request normally. */
        public FaultRule delay(int ms) {
            return build(Map.of("kind", "delay", "ms", ms));
        }

        /** Drops the connection before the request is processed (nothing was done). */
        public FaultRule reset() {
            return build(Map.of("kind", "reset"));
        }

        /** Processes and commits the request, then drops the connection: the answer is lost. */
        public FaultRule lostResponse() {
            return build(Map.of("kind", "lostResponse"));
        }

        private FaultRule build(Map<String, Object> fault) {
            return new FaultRule(Map.copyOf(match), nth, times, probability, seed, fault);
        }
    }
}
