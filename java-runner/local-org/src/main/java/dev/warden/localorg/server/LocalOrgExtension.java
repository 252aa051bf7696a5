package dev.warden.localorg.server;

/**
 * A part of the local org living in another package (REST, OAuth, admin, SOAP, metadata deploy, package behaviour),
 * found with {@link java.util.ServiceLoader}: the one list of parts is
 * {@code META-INF/services/dev.warden.localorg.server.LocalOrgExtension}. The server names none of them: the wire
 * packages depend on {@code server}'s route SPI, never the other way. {@link #install} runs once per server; the
 * {@link #core} parts are installed after all others, so an extension registered before them can take over a path.
 */
public interface LocalOrgExtension {
    void install(LocalOrgContext context);

    /** The core routes (REST, OAuth, admin): installed last, and the server refuses to start without them. */
    default boolean core() {
        return false;
    }
}
