package dev.warden.runner.org;

/**
 * "Connected Apps OAuth Usage": whether an app is installed in the org, and installing it. Salesforce has no public
 * API for either (a Setup page); the embedded org offers its admin endpoint as the stand-in, real orgs answer
 * {@code null} and installing is a manual step the report names.
 */
public interface AppUsagePort {

    /** True/false when known, null when this org cannot tell. */
    Boolean installed(String appName);

    void install(String appName);

    /** Real orgs: unknown, and installing is a Setup click. */
    AppUsagePort MANUAL = new AppUsagePort() {
        @Override
        public Boolean installed(String appName) {
            return null;
        }

        @Override
        public void install(String appName) {
            throw new IllegalStateException(
                    "install " + appName + " by hand: Setup > Connected Apps OAuth Usage > Install (no API exists)");
        }
    };
}
