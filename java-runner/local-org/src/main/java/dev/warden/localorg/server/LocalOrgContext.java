package dev.warden.localorg.server;

import dev.warden.localorg.setup.Org;
import java.util.function.Consumer;
import java.util.function.Function;

/** What the server gives its parts and extensions; stable across {@code /_local/reset} (the org is not). */
public interface LocalOrgContext {
    /** The current org (replaced by /_local/reset: don't cache it). */
    Org org();

    Sessions sessions();

    Routes routes();

    /** The server's levers for the admin endpoints (reset, fault rules, request log). */
    AdminControl adminControl();

    /**
     * The session for {@code token} if it may be used from {@code clientIp} right now, else null: the same checks the
     * REST dispatcher makes (token known, user active, Security settings' lock-to-IP and profile login IP ranges on
     * every request). SOAP handlers call this with the SessionHeader's sessionId.
     */
    Session validSession(String token, String clientIp);

    /** {@code http(s)://127.0.0.1:N}. */
    String instanceUrl();

    /** Runs {@code hook} for the current org now and for every org a reset creates (add listeners here). */
    void onOrgCreated(Consumer<Org> hook);

    /**
     * Replaces how the SOAP operation of a request is named for fault matching and the request log (default: the
     * first element inside the SOAP Body).
     */
    void soapOperationResolver(Function<Request, String> resolver);
}
