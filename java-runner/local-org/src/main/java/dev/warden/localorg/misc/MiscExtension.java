package dev.warden.localorg.misc;

import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/** Installs record counts, frontdoor and debug log routes (listed in META-INF/services). */
public final class MiscExtension implements LocalOrgExtension {
    @Override
    public void install(LocalOrgContext context) {
        MiscApi.register(context);
    }
}
