package dev.warden.runner.audit;

/** The fixture org for tests in other packages. */
public final class AuditEngineTestAccess {
    private AuditEngineTestAccess() {}

    public static AuditResult fixture(AuditRules rules) {
        return AuditFixture.result(rules);
    }
}
