package dev.warden.runner.plan;

/** What a provisioning step does, in the order steps run, with the seed (vendor guide) step it automates. */
public enum StepKind {
    CREATE_USER("WithSecure step 1: create the integration user"),
    ASSIGN_BOOTSTRAP_PERMISSION_SETS("WithSecure step 1: assign the vendor's Admin permission set while connecting"),
    ASSIGN_APPROVAL_PERMISSION_SET(
            "WithSecure step 2.1: give the installing admin the temporary approval permission set"),
    DEPLOY_GLOBAL_OAUTH_SETTINGS("ISPM: create the External Client App, enable JWT Bearer Flow, upload server.crt"),
    UPSERT_OAUTH_POLICIES(
            "ISPM: Policies tab: admin-approved users pre-authorized by permission set, enforce IP restrictions"),
    INSTALL_APP("WithSecure step 2.3: Connected Apps OAuth Usage > Install the app"),
    MERGE_TRUSTED_RANGES("ISPM: add each vendor IP range to Network Access > Trusted IP Ranges"),
    MERGE_PROFILE_LOGIN_RANGES(
            "WithSecure step 2.2 (conditional): add the ranges to the profile's Login IP Ranges, only if it has some"),
    SWITCH_LICENSE(
            "WithSecure steps 3-4: switch to the Salesforce Integration license and API-only profile, re-assign at once"),
    ASSIGN_PERMISSION_SET_LICENSES(
            "Integration-user practice (seed 002): assign the Salesforce API Integration permission set license"),
    ASSIGN_PERMISSION_SETS("WithSecure step 4: assign the integration permission sets"),
    REMOVE_BOOTSTRAP_PERMISSION_SETS("WithSecure step 3: the connecting-only permission sets go away"),
    REMOVE_APPROVAL_PERMISSION_SET("WithSecure step 2.4: remove the temporary approval permission set");

    private final String seedStep;

    StepKind(String seedStep) {
        this.seedStep = seedStep;
    }

    public String seedStep() {
        return seedStep;
    }

    /** {@code CREATE_USER} as {@code create-user}, the id used in reports and the journal. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }
}
