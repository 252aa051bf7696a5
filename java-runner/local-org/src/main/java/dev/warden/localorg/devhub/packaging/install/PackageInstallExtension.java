package dev.warden.localorg.devhub.packaging.install;

import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/**
 * Every local org as a subscriber of the packages built by the Dev Hubs of this process (docs/local-org.md "Package
 * install and namespaces"): sf package install / install report / installed list / uninstall. The Tooling query
 * route is taken over for SubscriberPackageVersion only ({@link SubscriberVersions}); every other query is answered
 * by the core unchanged.
 */
public final class PackageInstallExtension implements LocalOrgExtension {
    private static final String V = "/services/data/v(\\d{2}\\.\\d)";
    private static final String T = V + "/tooling/sobjects";

    @Override
    public void install(LocalOrgContext ctx) {
        ctx.onOrgCreated(org -> InstallObjects.define(org.schema()));
        ctx.routes().add("GET", V + "/tooling/query/?", ApiKind.REST, true, SubscriberVersions::query);
        ctx.routes().add("POST", T + "/PackageInstallRequest/?", ApiKind.REST, true, PackageInstalls::create);
        ctx.routes()
                .add(
                        "POST",
                        T + "/SubscriberPackageVersionUninstallRequest/?",
                        ApiKind.REST,
                        true,
                        PackageUninstalls::create);
        ctx.routes()
                .add(
                        "GET",
                        T + "/(PackageInstallRequest|SubscriberPackageVersionUninstallRequest)/(\\w+)/?",
                        ApiKind.REST,
                        true,
                        InstallRecords::read);
    }
}
