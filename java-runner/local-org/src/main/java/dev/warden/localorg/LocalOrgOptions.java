package dev.warden.localorg;

import java.nio.file.Path;

/**
 * How to start the embedded org.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param https serve TLS with a self-signed certificate generated at start (needed by {@code sf org login sfdx-url})
 * @param adminToken the admin's access token; null generates one. Stays valid across {@code /_local/reset}
 * @param stateFile where to persist the org between runs; null keeps it in memory only
 * @param production the org presents itself as a production org (Organization: IsSandbox false, no
 *                   TrialExpirationDate, OrganizationType Enterprise Edition) instead of a Developer Edition org
 */
public record LocalOrgOptions(int port, boolean https, String adminToken, Path stateFile, boolean production) {
    public LocalOrgOptions(int port, boolean https, String adminToken, Path stateFile) {
        this(port, https, adminToken, stateFile, false);
    }

    public static LocalOrgOptions defaults() {
        return new LocalOrgOptions(0, false, null, null);
    }

    public LocalOrgOptions asProduction() {
        return new LocalOrgOptions(port, https, adminToken, stateFile, true);
    }
}
