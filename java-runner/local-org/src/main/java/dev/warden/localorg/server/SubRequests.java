package dev.warden.localorg.server;

import dev.warden.localorg.data.OrgException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Runs a subrequest (composite) through the routes with the parent's session; no extra API call is counted. */
public final class SubRequests {
    private SubRequests() {}

    public static Response run(LocalOrgContext ctx, Request parent, String method, String url, byte[] body) {
        URI uri = URI.create(url.replace(" ", "%20"));
        String path = uri.getPath();
        Routes.Found found = ctx.routes().find(method, path);
        if (found == null || found.methodMismatch() || found.route().kind() != ApiKind.REST) {
            return Response.sfError(404, "NOT_FOUND", "The requested resource does not exist", null);
        }
        Request sub = new Request(
                method,
                path,
                uri.getRawQuery(),
                Map.of("Content-Type", List.of("application/json")),
                body,
                parent.clientIp(),
                parent.org());
        sub.session(parent.session());
        sub.match(found.matcher());
        try {
            return found.route().handler().handle(sub);
        } catch (OrgException e) {
            return Response.sfError(e);
        } catch (dev.warden.soql.SoqlException e) {
            return Response.sfError(400, e.errorCode(), e.getMessage(), null);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            return Response.sfError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred.", null);
        }
    }
}
