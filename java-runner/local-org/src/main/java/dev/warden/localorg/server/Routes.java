package dev.warden.localorg.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route registration: other packages (SOAP, metadata deploy, Apex REST) add their handlers here. First match wins,
 * in registration order; extensions are installed before the core routes so they can take over a path.
 */
public final class Routes {
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /**
     * A route.
     *
     * @param method HTTP method, or {@code *} for any
     * @param needsSession a valid {@code Authorization: Bearer} token is required (SOAP handlers set false and read
     *                     the SessionHeader themselves through {@link LocalOrgContext#sessions()})
     */
    public record Route(String method, Pattern path, ApiKind kind, boolean needsSession, Handler handler) {}

    /** Found route plus the path match (capturing groups available through {@link Request#pathGroup}). */
    public record Found(Route route, Matcher matcher, boolean methodMismatch) {}

    /** Registers {@code pathRegex} (a full-match Java regex over the decoded path). */
    public void add(String method, String pathRegex, ApiKind kind, boolean needsSession, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), kind, needsSession, handler));
    }

    Found find(String method, String path) {
        Found mismatch = null;
        for (Route r : routes) {
            Matcher m = r.path().matcher(path);
            if (m.matches()) {
                if (r.method().equals("*") || r.method().equalsIgnoreCase(method)) {
                    return new Found(r, m, false);
                }
                if (mismatch == null) {
                    mismatch = new Found(r, m, true);
                }
            }
        }
        return mismatch;
    }

    /** Methods registered for a path (for 405 answers). */
    List<String> methodsFor(String path) {
        return routes.stream()
                .filter(r -> r.path().matcher(path).matches())
                .map(Route::method)
                .distinct()
                .toList();
    }
}
