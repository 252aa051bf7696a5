package dev.warden.localorg.devhub.sandbox;

import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Sandboxes for every local org started on its own (docs/local-org.md "Sandboxes"): the SandboxInfo insert and
 * delete, {@code tooling/sandboxAuth}, and the SandboxInfo, SandboxProcess and SourceTrackingSettings objects its
 * Tooling queries read. Only an org presenting itself as production creates sandboxes (a Developer Edition org has no
 * sandbox licenses, {@link SandboxRules#checkEdition}). Orgs a local org hosts (scratch orgs, sandboxes) get
 * none of it: there SandboxInfo is an unknown type and its insert is refused (INVALID_TYPE), so a sandbox cannot be
 * made from a sandbox or a scratch org. (The platform's exact answer there is UNCONFIRMED.)
 */
public final class SandboxExtension implements LocalOrgExtension {
    private static final String T = "/services/data/v(\\d{2}\\.\\d)/tooling";
    private static final Pattern TOOLING_QUERY = Pattern.compile("/services/data/v\\d{2}\\.\\d/tooling/query/?");
    private static final Map<LocalOrgServer, Sandboxes> PRODUCTIONS = new ConcurrentHashMap<>();

    /** The sandboxes a production org in this process currently hosts (for in-process callers and tests). */
    public static List<LocalOrgServer> hostedBy(LocalOrgServer production) {
        Sandboxes s = PRODUCTIONS.get(production);
        return s == null ? List.of() : s.servers();
    }

    /** Only a query the org will answer moves a process on (the gate runs before the session check). */
    private static boolean signedIn(LocalOrgServer production, dev.warden.localorg.server.Request req) {
        String auth = req.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return production.validSession(auth.substring(7).trim(), req.clientIp()) != null;
    }

    @Override
    public void install(LocalOrgContext ctx) {
        if (!(ctx instanceof LocalOrgServer production)) {
            return;
        }
        if (production.hosted() != null) {
            ctx.routes().add("POST", T + "/sobjects/SandboxInfo/?", ApiKind.REST, true, req -> {
                throw SandboxRules.notAProductionOrg();
            });
            return;
        }
        Sandboxes sandboxes = new Sandboxes(production);
        AtomicBoolean first = new AtomicBoolean(true);
        ctx.onOrgCreated(org -> {
            SandboxObjects.define(org.schema());
            if (!first.getAndSet(false)) {
                sandboxes.closeAll(); // /_local/reset empties production: its sandboxes go with it
            }
        });
        PRODUCTIONS.put(production, sandboxes);
        production.onClose(() -> {
            PRODUCTIONS.remove(production);
            sandboxes.closeAll();
        });
        production.addGate(req -> {
            if (TOOLING_QUERY.matcher(req.path()).matches()) {
                String q = req.param("q");
                if (q != null
                        && q.toLowerCase(Locale.ROOT).contains("from sandboxprocess")
                        && signedIn(production, req)) {
                    sandboxes.advance(req.org());
                }
            }
            return null;
        });
        ctx.routes().add("POST", T + "/sobjects/SandboxInfo/?", ApiKind.REST, true, sandboxes::create);
        ctx.routes().add("DELETE", T + "/sobjects/SandboxInfo/(\\w+)/?", ApiKind.REST, true, sandboxes::delete);
        ctx.routes().add("POST", T + "/sandboxAuth/?", ApiKind.REST, true, sandboxes::auth);
    }
}
