package dev.warden.localorg.server;

/**
 * A part of the local org living in another package (SOAP, metadata deploy, package behaviour), found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.warden.localorg.server.LocalOrgExtension}. {@link #install} runs once per server,
 * before the core routes are registered.
 */
public interface LocalOrgExtension {
    void install(LocalOrgContext context);
}
