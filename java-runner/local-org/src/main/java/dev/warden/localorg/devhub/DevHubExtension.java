package dev.warden.localorg.devhub;

import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes every local org started on its own a Dev Hub (ScratchOrgInfo answers, so sf's login records
 * {@code isDevHub: true}); the scratch orgs it creates are not hubs (their ScratchOrgInfo query is INVALID_TYPE).
 * Routes: the ScratchOrgInfo insert, deletes of ActiveScratchOrg / ScratchOrgInfo, and the admin calls under
 * {@code /_local/devhub}. Reads (GET by id, queries) are the ordinary REST ones over the hub's records.
 */
public final class DevHubExtension implements LocalOrgExtension {
    private static final String V = "/services/data/v(\\d{2}\\.\\d)";
    private static final Map<LocalOrgServer, ScratchOrgs> HUBS = new ConcurrentHashMap<>();

    /** The scratch orgs a hub in this process currently hosts (for in-process callers and tests). */
    public static List<LocalOrgServer> hostedBy(LocalOrgServer hub) {
        ScratchOrgs orgs = HUBS.get(hub);
        return orgs == null ? List.of() : orgs.servers();
    }

    @Override
    public void install(LocalOrgContext ctx) {
        if (!(ctx instanceof LocalOrgServer hub) || hub.hosted() != null) {
            return;
        }
        ScratchOrgs scratchOrgs = new ScratchOrgs(hub);
        AtomicBoolean first = new AtomicBoolean(true);
        ctx.onOrgCreated(org -> {
            DevHubObjects.defineHubObjects(org.schema());
            dev.warden.localorg.devhub.packaging.PackagingObjects.define(org.schema());
            if (!first.getAndSet(false)) {
                scratchOrgs.closeAll(); // /_local/reset empties the hub: the orgs it created go with it
            }
        });
        HUBS.put(hub, scratchOrgs);
        hub.onClose(() -> {
            HUBS.remove(hub);
            scratchOrgs.closeAll();
        });
        hub.gate(req -> {
            scratchOrgs.sweepExpired(req.org());
            return null;
        });
        ctx.routes().add("POST", V + "/sobjects/ScratchOrgInfo/?", ApiKind.REST, true, scratchOrgs::create);
        ctx.routes()
                .add(
                        "DELETE",
                        V + "/sobjects/ActiveScratchOrg/(\\w+)/?",
                        ApiKind.REST,
                        true,
                        scratchOrgs::deleteActive);
        ctx.routes()
                .add("DELETE", V + "/sobjects/ScratchOrgInfo/(\\w+)/?", ApiKind.REST, true, scratchOrgs::deleteInfo);
        ctx.routes().add("POST", "/_local/devhub/expire/?", ApiKind.ADMIN, false, scratchOrgs::expireNow);
        ctx.routes().add("GET", "/_local/devhub/orgs/?", ApiKind.ADMIN, false, scratchOrgs::list);
        dev.warden.localorg.devhub.packaging.Packaging.install(ctx); // 2GP: package create, version create, promote
    }
}
