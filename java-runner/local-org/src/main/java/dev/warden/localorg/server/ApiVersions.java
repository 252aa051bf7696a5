package dev.warden.localorg.server;

/** The API versions the local org answers ({@code /services/data/v20.0} to {@code vMAX.0}), for every wire package. */
public final class ApiVersions {
    /** The newest version served; a higher one is answered 404 NOT_FOUND, as by an org on an older release. */
    public static final int MAX = 67;

    private ApiVersions() {}
}
