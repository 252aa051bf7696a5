package dev.warden.localorg.server;

/**
 * One fault injection rule (design.md "Local org" admin endpoints). Match fields left null match anything;
 * {@code path} accepts {@code *} wildcards (any characters, including '/').
 *
 * @param nth the first matching request (1-based) the fault applies to; null = 1
 * @param times how many times it fires; null = every time after nth
 * @param probability chance each eligible request is hit; null = always
 * @param seed seeds the random source for {@code probability}; null = unseeded
 */
public record FaultRule(Match match, Integer nth, Integer times, Double probability, Long seed, Fault fault) {

    public record Match(String method, String path, String soapOperation) {}

    /**
     * @param kind {@code sfError} (REST error body or SOAP fault with that code), {@code http} (bare status + body),
     *             {@code delay} ({@code ms}, then the request proceeds), {@code reset} (drop the connection before
     *             the request is processed), {@code lostResponse} (process and commit the request, then drop the
     *             connection: the caller cannot know whether its write happened)
     */
    public record Fault(String kind, Integer status, String errorCode, String message, String body, Integer ms) {}

    /** Validates a rule as posted; throws IllegalArgumentException naming the problem. */
    public FaultRule validated() {
        if (fault == null || fault.kind() == null) {
            throw new IllegalArgumentException("fault.kind is required (sfError, http, delay, reset or lostResponse)");
        }
        switch (fault.kind()) {
            case "sfError" -> {
                if (fault.errorCode() == null) {
                    throw new IllegalArgumentException("fault.errorCode is required for kind sfError");
                }
            }
            case "http" -> {
                if (fault.status() == null) {
                    throw new IllegalArgumentException("fault.status is required for kind http");
                }
            }
            case "delay" -> {
                if (fault.ms() == null || fault.ms() < 0) {
                    throw new IllegalArgumentException("fault.ms (>= 0) is required for kind delay");
                }
            }
            case "reset", "lostResponse" -> {}
            default ->
                throw new IllegalArgumentException(
                        "unknown fault.kind '" + fault.kind() + "': use sfError, http, delay, reset or lostResponse");
        }
        if (nth != null && nth < 1) {
            throw new IllegalArgumentException("nth must be >= 1");
        }
        if (times != null && times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        if (probability != null && (probability < 0 || probability > 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1");
        }
        return this;
    }
}
