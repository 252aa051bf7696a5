package dev.warden.localorg.bulk;

import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/** Installs the Bulk API 2.0 and 1.0 routes (listed in META-INF/services). */
public final class BulkExtension implements LocalOrgExtension {
    @Override
    public void install(LocalOrgContext context) {
        BulkApi2.register(context);
        BulkApi1.register(context);
    }
}
