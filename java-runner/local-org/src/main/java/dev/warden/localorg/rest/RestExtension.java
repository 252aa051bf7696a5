package dev.warden.localorg.rest;

import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/** Installs the REST API routes (query, sobjects, composite, tree, tooling): a core part (listed in META-INF/services, installed after the other extensions). */
public final class RestExtension implements LocalOrgExtension {
    @Override
    public void install(LocalOrgContext context) {
        RestApi.register(context);
    }

    @Override
    public boolean core() {
        return true;
    }
}
