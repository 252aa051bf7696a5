package dev.warden.localorg.metadata;

import java.util.List;

/**
 * The result of running one deploy. {@code success} false means nothing was applied when rollbackOnError was set
 * (sf's default), and never anything for a check-only (dry-run) deploy.
 *
 * @param errorMessage set when the package itself could not be read (bad zip, no package.xml)
 */
public record DeployOutcome(boolean success, boolean checkOnly, boolean rollbackOnError, List<ComponentResult> successes,
        List<ComponentResult> failures, int componentsTotal, String errorMessage) {

    public DeployOutcome {
        successes = List.copyOf(successes);
        failures = List.copyOf(failures);
    }

    /** Deployed components, without the package.xml line. */
    public int componentsDeployed() {
        return success ? (int) successes.stream().filter(r -> !r.fileName().equals("package.xml")).count() : 0;
    }

    public boolean partial() {
        return success && !failures.isEmpty();
    }
}
