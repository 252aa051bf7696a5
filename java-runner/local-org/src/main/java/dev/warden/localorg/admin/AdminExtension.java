package dev.warden.localorg.admin;

import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/** Installs the admin endpoints ({@code /_local/*}): a core part (listed in META-INF/services, installed after the other extensions). */
public final class AdminExtension implements LocalOrgExtension {
    @Override
    public void install(LocalOrgContext context) {
        AdminApi.register(context);
    }

    @Override
    public boolean core() {
        return true;
    }
}
