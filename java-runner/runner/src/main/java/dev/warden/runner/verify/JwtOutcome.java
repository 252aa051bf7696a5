package dev.warden.runner.verify;

/**
 * How the JWT bearer login as the integration user went. {@code error}/{@code errorDescription} are Salesforce's
 * own words ({@code invalid_grant} / {@code user hasn't approved this consumer}); never holds the token.
 */
public record JwtOutcome(Status status, String audience, String error, String errorDescription, String skipReason) {

    public enum Status {
        OK,
        FAILED,
        SKIPPED
    }

    public static JwtOutcome ok(String audience) {
        return new JwtOutcome(Status.OK, audience, null, null, null);
    }

    public static JwtOutcome failed(String error, String description) {
        return new JwtOutcome(Status.FAILED, null, error, description, null);
    }

    public static JwtOutcome skipped(String why) {
        return new JwtOutcome(Status.SKIPPED, null, null, null, why);
    }
}
