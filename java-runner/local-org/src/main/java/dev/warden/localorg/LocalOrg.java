package dev.warden.localorg;

/**
 * The one entry point other modules may use: start an embedded Salesforce org on loopback and learn where it is.
 * Everything else talks to it over HTTP, exactly as to a real org.
 */
public interface LocalOrg extends AutoCloseable {

    /** Starts a seeded org and returns once it accepts connections. */
    static LocalOrg start(LocalOrgOptions options) {
        return dev.warden.localorg.server.LocalOrgServer.start(options);
    }

    /** {@code http://127.0.0.1:N} or {@code https://127.0.0.1:N}. */
    String instanceUrl();

    String adminUsername();

    /** Secret: never print it except in the ready line the design defines. */
    String adminAccessToken();

    /** 18-character org id, {@code 00D…}. */
    String orgId();

    /** Path of the PEM certificate when started with https, else null. */
    java.nio.file.Path certificatePath();

    /** The one JSON line printed when ready: {@code {"instanceUrl","adminUsername","accessToken","orgId"}}. */
    String readyLine();

    @Override
    void close();
}
