package dev.warden.localorg.pkg;

import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;
import dev.warden.localorg.server.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plugs the package-behaviour model into the local org server: capture listeners on every org (including the ones
 * {@code /_local/reset} creates) and the Apex REST routes under {@code /services/apexrest/}. Paths that are not one
 * of the package's resources, or whose class is not deployed, answer as an org without them does.
 */
public final class WardenPackageExtension implements LocalOrgExtension {

    @Override
    public void install(LocalOrgContext context) {
        context.onOrgCreated(WardenPackageModel::install);
        context.routes().add("*", "/services/apexrest(/.*)?", ApiKind.APEX_REST, true, req -> {
            String path = req.pathGroup(1) == null ? "/" : req.pathGroup(1);
            return new WardenPackageModel(new OrgPackageOrg(req.org()))
                    .apexRest(req.method(), path, req.session().userId(), req.body())
                    .map(a -> Response.bytes(a.status(), Response.JSON, a.body().getBytes(StandardCharsets.UTF_8)))
                    .orElseGet(() -> Response.sfError(404, "NOT_FOUND", "Could not find a match for URL", List.of()));
        });
    }
}
