package dev.warden.runner.flow;

import dev.warden.runner.connect.OrgConnection;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.rest.RestQuarantineApi;

/**
 * The quarantine flow's connections on one org: as the admin session the command connected with, or as the
 * integration user. Each is the org's one REST client on that session: the run's budget, call counter and retry policy.
 */
public final class QuarantineConnections {
    private final OrgConnection org;

    public QuarantineConnections(OrgConnection org) {
        this.org = org;
    }

    public QuarantineApi admin() {
        return new RestQuarantineApi(org.rest());
    }

    /** As the integration user, logging in by JWT with this machine's key for the org (one login). */
    public QuarantineApi integration(String username, OrgKeys keys) {
        return on(org.loginAs(username, keys));
    }

    /** On a session already made (up: the one verify's JWT login returned). */
    public QuarantineApi on(Session session) {
        return new RestQuarantineApi(org.restAs(session));
    }
}
