package dev.warden.localorg.search;

import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/** Installs the SOSL routes (listed in META-INF/services). */
public final class SearchExtension implements LocalOrgExtension {
    @Override
    public void install(LocalOrgContext context) {
        SearchApi.register(context);
    }
}
