package dev.warden.localorg.oauth;

import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/** Installs the OAuth endpoints (token, userinfo, identity, revoke): a core part (listed in META-INF/services, installed after the other extensions). */
public final class OAuthExtension implements LocalOrgExtension {
    @Override
    public void install(LocalOrgContext context) {
        OAuthApi.register(context);
    }

    @Override
    public boolean core() {
        return true;
    }
}
