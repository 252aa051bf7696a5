package dev.warden.localorg.metadata;

import java.util.List;

/**
 * The result of running one deploy. {@code success} false means nothing was applied when rollbackOnError was set
 * (sf's default), and never anything for a check-only (dry-run) deploy.
 *
 * @param errorMessage set when the package itself could not be read (bad zip, no package.xml)
 * @param tests the Apex tests the deploy ran (its testLevel), or null when it ran none
 */
public record DeployOutcome(
        boolean success,
        boolean checkOnly,
        boolean rollbackOnError,
        List<ComponentResult> successes,
        List<ComponentResult> failures,
        int componentsTotal,
        String errorMessage,
        DeployTestRun tests) {

    public DeployOutcome {
        successes = List.copyOf(successes);
        failures = List.copyOf(failures);
    }

    public DeployOutcome(
            boolean success,
            boolean checkOnly,
            boolean rollbackOnError,
            List<ComponentResult> successes,
            List<ComponentResult> failures,
            int componentsTotal,
            String errorMessage) {
        this(success, checkOnly, rollbackOnError, successes, failures, componentsTotal, errorMessage, null);
    }

    /** Deployed components, without the package.xml line. */
    public int componentsDeployed() {
        return success
                ? (int) successes.stream()
                        .filter(r -> !r.fileName().equals("package.xml"))
                        .count()
                : 0;
    }

    public boolean partial() {
        return success && !failures.isEmpty();
    }
}
