package dev.warden.runner.flow;

import dev.warden.runner.connect.OrgConnection;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.quarantine.api.HttpQuarantineApi;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.Session;

/**
 * The quarantine flow's connections on one org: as the admin session the command connected with, or as the
 * integration user. Every call is counted by the run's counter, checked against its budget and sent under its retry
 * policy.
 */
public final class QuarantineConnections {
    /** Salesforce's Apex REST and the quarantine calls use the package's API version. */
    static final String API_VERSION = "62.0";

    private final OrgConnection org;

    public QuarantineConnections(OrgConnection org) {
        this.org = org;
    }

    public QuarantineApi admin() {
        return on(org.session());
    }

    /** As the integration user, logging in by JWT with this machine's key for the org (one login). */
    public QuarantineApi integration(String username, OrgKeys keys) {
        return on(org.loginAs(username, keys));
    }

    public QuarantineApi on(Session session) {
        CallCounter counter = org.counter();
        var budget = org.budget();
        return new HttpQuarantineApi(session.instanceUrl(), session.accessToken(), API_VERSION, 1 - budget.reservePercent() / 100.0)
                .withRetry(org.retryPolicy())
                .withListener(new HttpQuarantineApi.CallListener() {
                    private final ThreadLocal<Long> began = new ThreadLocal<>();

                    @Override
                    public void called(String method, String pathShape, boolean write) {
                        began.set(counter.started());
                        counter.count(pathShape.contains("/apexrest/") ? "rest.apex" : "rest.quarantine");
                        if (write) {
                            counter.flowWrite();
                        }
                    }

                    @Override
                    public void answered(String limitInfoHeader) {
                        Long b = began.get();
                        if (b != null) {
                            counter.ended(b);
                            began.remove();
                        }
                        budget.observe(limitInfoHeader);
                    }
                });
    }
}
