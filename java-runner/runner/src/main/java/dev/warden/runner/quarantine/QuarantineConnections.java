package dev.warden.runner.quarantine;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.cli.BaseCommand;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.quarantine.api.HttpQuarantineApi;
import dev.warden.runner.quarantine.api.QuarantineApi;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.Session;
import java.util.Optional;

/**
 * The two identities of the quarantine flow, from a command's context: the admin-side session the command connected
 * with, and the integration user by JWT bearer (the blueprint's username, this machine's key for the org).
 */
final class QuarantineConnections {
    /** Salesforce's Apex REST and the quarantine calls use the package's API version. */
    static final String API_VERSION = "62.0";

    private QuarantineConnections() {}

    static QuarantineApi admin(BaseCommand.Context ctx, int reservePercent) {
        return api(ctx, ctx.org().session(), reservePercent);
    }

    /** The integration user, or empty (with the reason in the report's warnings) when it cannot log in here. */
    static Optional<QuarantineApi> integration(BaseCommand.Context ctx, Blueprint blueprint, int reservePercent) {
        String username = blueprint.usernameFor(ctx.org().orgId());
        OrgKeys keys = OrgKeys.fromEnvironment();
        if (keys.load(ctx.org().orgId()).isEmpty()) {
            ctx.report().warn("No JWT key for org " + ctx.org().orgId() + " on this machine (run warden provision): the"
                    + " quarantine flow runs as " + ctx.org().session().username() + " instead of " + username);
            return Optional.empty();
        }
        return Optional.of(api(ctx, ctx.org().loginAs(username, keys), reservePercent));
    }

    private static QuarantineApi api(BaseCommand.Context ctx, Session session, int reservePercent) {
        CallCounter counter = ctx.counter();
        var budget = ctx.org().budget();
        return new HttpQuarantineApi(session.instanceUrl(), session.accessToken(), API_VERSION, 1 - reservePercent / 100.0)
                .withRetry(ctx.org().retryPolicy())
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
