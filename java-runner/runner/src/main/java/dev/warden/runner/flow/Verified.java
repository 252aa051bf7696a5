package dev.warden.runner.flow;

import dev.warden.runner.salesforce.Session;
import dev.warden.runner.verify.Check;
import java.util.List;

/**
 * The checks, and the integration user's session when its JWT login passed: the smoke stage runs on this session,
 * so a run logs in by JWT once.
 */
public record Verified(List<Check> checks, Session integration) {
    public Verified {
        checks = List.copyOf(checks);
    }

    public boolean integrationLoggedIn() {
        return integration != null;
    }
}
