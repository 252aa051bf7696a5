package dev.warden.localorg.rest;

import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;

/**
 * The Tooling query endpoint for extensions that take over {@code tooling/query} for some objects (a route registered
 * before the core's wins) and hand every other query back here unchanged.
 */
public final class ToolingQueries {
    private ToolingQueries() {}

    /** Answers {@code soql} as {@code GET tooling/query?q=} does. */
    public static Response run(Request req, String soql) {
        return ToolingApi.query(req, soql);
    }
}
