package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;

/**
 * 2GP packaging on a local Dev Hub (docs/local-org.md "Dev Hub and scratch orgs"): the Tooling routes sf's
 * {@code package create}, {@code package version create}, {@code version promote/update} use, and the admin call that
 * links a namespace to the hub. Reads by query are the ordinary Tooling queries over the hub's records
 * ({@link PackagingObjects}).
 */
public final class Packaging {
    private static final String T = "/services/data/v(\\d{2}\\.\\d)/tooling/sobjects";

    private Packaging() {}

    /** Registers the routes on a Dev Hub (call before the generic REST routes, i.e. from an extension). */
    public static void install(LocalOrgContext ctx) {
        ctx.routes().add("POST", T + "/Package2/?", ApiKind.REST, true, PackageCreate::create);
        ctx.routes().add("POST", T + "/Package2VersionCreateRequest/?", ApiKind.REST, true, VersionCreate::create);
        ctx.routes()
                .add("PATCH", T + "/Package2Version/(\\w+)/?", ApiKind.REST, true, req -> VersionUpdate.update(req));
        ctx.routes()
                .add(
                        "GET",
                        T + "/(Package2|Package2Version|Package2VersionCreateRequest)/(\\w+)/?",
                        ApiKind.REST,
                        true,
                        ToolingRecords::read);
        ctx.routes().add("POST", "/_local/devhub/namespace/?", ApiKind.ADMIN, false, HubNamespaces::link);
        ctx.routes().add("GET", "/_local/devhub/namespace/?", ApiKind.ADMIN, false, HubNamespaces::list);
    }
}
