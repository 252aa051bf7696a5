package dev.warden.runner.salesforce;

/**
 * An authenticated session: where the org is and the token to call it with. The token is a secret: it is never
 * printed ({@link #toString()} masks it) and never written to a report or journal.
 */
public record Session(String instanceUrl, String accessToken, String username, String orgId) {

    public Session {
        instanceUrl = instanceUrl.endsWith("/") ? instanceUrl.substring(0, instanceUrl.length() - 1) : instanceUrl;
    }

    @Override
    public String toString() {
        return "Session[" + username + " at " + instanceUrl + ", org " + orgId + ", token ****]";
    }
}
