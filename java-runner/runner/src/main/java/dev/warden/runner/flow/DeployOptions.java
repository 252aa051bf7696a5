package dev.warden.runner.flow;

/**
 * How the deploy stage runs.
 *
 * @param testLevel         sf's test level, or null for sf's default
 * @param validateOnly      {@code --dry-run}: sf validates, saves nothing
 * @param skipWhenUnchanged skip when force-app is what this machine last deployed and the package is still there
 *                          ({@code up} without {@code --force-deploy} or {@code --test-level})
 */
public record DeployOptions(String testLevel, boolean validateOnly, boolean skipWhenUnchanged) {
    public static DeployOptions always(String testLevel, boolean validateOnly) {
        return new DeployOptions(testLevel, validateOnly, false);
    }
}
