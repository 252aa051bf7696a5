package dev.warden.runner.quarantine;

import dev.warden.runner.quarantine.api.HttpQuarantineApi;
import dev.warden.runner.quarantine.api.QuarantineApi;
import java.net.URI;
import java.util.Map;

/**
 * Where the quarantine commands connect until the runner's org resolution (sf aliases, JWT bearer as the integration
 * user) is wired in: {@code --instance-url} plus access tokens from the environment, never from the command line
 * (arguments show up in process lists). {@code WARDEN_INTEGRATION_ACCESS_TOKEN} is the scanner identity,
 * {@code WARDEN_ADMIN_ACCESS_TOKEN} (or {@code SF_ACCESS_TOKEN}) the admin-side identity used by the smoke test.
 */
public record OrgConnection(String instanceUrl, String apiVersion, String adminToken, String integrationToken) {

    public static OrgConnection fromEnvironment(String instanceUrl, String apiVersion, Map<String, String> env) {
        if (instanceUrl == null || instanceUrl.isBlank()) {
            throw new IllegalArgumentException("--instance-url is required (e.g. http://127.0.0.1:8443 for the local org)");
        }
        URI uri;
        try {
            uri = URI.create(instanceUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--instance-url '" + instanceUrl + "' is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("--instance-url '" + instanceUrl + "' must be an http(s) URL with a host");
        }
        String admin = firstNonBlank(env.get("WARDEN_ADMIN_ACCESS_TOKEN"), env.get("SF_ACCESS_TOKEN"));
        String integration = env.get("WARDEN_INTEGRATION_ACCESS_TOKEN");
        if (admin == null && (integration == null || integration.isBlank())) {
            throw new IllegalArgumentException("no access token: set WARDEN_INTEGRATION_ACCESS_TOKEN (scanner) and/or"
                    + " WARDEN_ADMIN_ACCESS_TOKEN or SF_ACCESS_TOKEN (admin) in the environment");
        }
        return new OrgConnection(instanceUrl, apiVersion, admin, integration == null || integration.isBlank() ? null : integration);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
    }

    public boolean hasIntegrationUser() {
        return integrationToken != null;
    }

    public QuarantineApi scanner(double reserveFraction) {
        return new HttpQuarantineApi(instanceUrl, hasIntegrationUser() ? integrationToken : adminToken, apiVersion, reserveFraction);
    }

    public QuarantineApi admin(double reserveFraction) {
        if (adminToken == null) {
            throw new IllegalArgumentException("the smoke test needs an admin-side identity: set WARDEN_ADMIN_ACCESS_TOKEN or SF_ACCESS_TOKEN");
        }
        return new HttpQuarantineApi(instanceUrl, adminToken, apiVersion, reserveFraction);
    }

    @Override
    public String toString() {
        return "OrgConnection[" + instanceUrl + ", v" + apiVersion + ", tokens hidden]";
    }
}
