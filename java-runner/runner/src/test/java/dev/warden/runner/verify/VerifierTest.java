package dev.warden.runner.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.report.JUnitReport;
import dev.warden.runner.report.Report;
import dev.warden.runner.report.TextReport;
import dev.warden.runner.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private final Verifier verifier = new Verifier();
    private static final Map<String, String> TRIGGERS = Map.of(
            "WardenContentVersionCapture",
            "Active",
            "WardenFeedItemCapture",
            "Active",
            "WardenFeedCommentCapture",
            "Active",
            "WardenAttachmentCapture",
            "Active");

    private List<Check> verify(Observed o, JwtOutcome jwt) {
        return verifier.verify(
                new Verifier.Input(Fixtures.warden(), o, jwt, TRIGGERS, new OrgModel.ApiUsage(120, 15000), 10));
    }

    private static Check check(List<Check> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void provisionedOrgPassesEveryCheck() {
        List<Check> checks = verify(Fixtures.provisioned(), JwtOutcome.ok("http://127.0.0.1:1"));
        assertEquals(
                List.of(),
                checks.stream()
                        .filter(c -> c.status() != Check.Status.PASS)
                        .map(Check::id)
                        .toList());
    }

    @Test
    void missingPermissionSetAfterADeployNamesTheSymptom() {
        Observed o = Fixtures.with(
                Fixtures.provisioned(),
                Fixtures.provisioned().user(),
                Fixtures.access(List.of("Warden_Integration", "Warden_Scanner_Access"), true));
        Check c = check(verify(o, JwtOutcome.ok("x")), "perms.missing");
        assertEquals(Check.Status.FAIL, c.status());
        assertEquals("missing: Warden_Query_All_Files", c.evidence());
        assertEquals(
                "connection broke after the license change / assignments overwritten by a deployment", c.symptom());
    }

    @Test
    void blockedAppExplainsOauthAppBlocked() {
        EcaState blocked = new EcaState(
                true,
                true,
                Fixtures.CERT,
                "K",
                List.of("Api"),
                "AdminApprovedPreAuthorized",
                List.of("Warden_Scanner_Access"),
                List.of(),
                "Enforce",
                "SpecificLifetime",
                List.of(),
                true,
                true);
        Observed p = Fixtures.provisioned();
        Observed o = new Observed(
                p.orgId(),
                p.user(),
                p.access(),
                p.permissionSets(),
                p.profiles(),
                p.permissionSetLicenses(),
                p.admin(),
                null,
                blocked,
                p.network(),
                p.localCertificate());
        List<Check> checks = verify(o, JwtOutcome.failed("OAUTH_APP_BLOCKED", "this app is blocked by admin"));
        assertEquals(Verifier.SYMPTOM_BLOCKED, check(checks, "eca.installed").symptom());
        assertEquals(Verifier.SYMPTOM_BLOCKED, check(checks, "jwt.login").symptom());
    }

    @Test
    void scopesAndRefreshPolicyThatWereNotReadAreNotCheckedRatherThanPassed() {
        EcaState unread = new EcaState(
                true,
                true,
                Fixtures.CERT,
                "K",
                List.of(),
                "AdminApprovedPreAuthorized",
                List.of("Warden_Scanner_Access"),
                List.of(),
                "Enforce",
                null,
                List.of(),
                false,
                true);
        Observed p = Fixtures.provisioned();
        Observed o = new Observed(
                p.orgId(),
                p.user(),
                p.access(),
                p.permissionSets(),
                p.profiles(),
                p.permissionSetLicenses(),
                p.admin(),
                null,
                unread,
                p.network(),
                p.localCertificate());
        List<Check> checks = verify(o, JwtOutcome.ok("x"));
        assertEquals(
                Check.Status.SKIP,
                check(checks, "eca.scopes").status(),
                check(checks, "eca.scopes").evidence());
        assertEquals(Check.Status.SKIP, check(checks, "eca.refresh-token").status());
    }

    @Test
    void preAuthorizationOnALicensedSetExplainsUserHasntApproved() {
        Observed p = Fixtures.provisioned();
        var sets = new java.util.HashMap<>(p.permissionSets());
        sets.put(
                "Warden_Scanner_Access",
                new OrgModel.PermissionSetInfo(
                        "0PS000000000003AAA", "Warden_Scanner_Access", "Salesforce API Integration"));
        Observed o = new Observed(
                p.orgId(),
                p.user(),
                p.access(),
                sets,
                p.profiles(),
                p.permissionSetLicenses(),
                p.admin(),
                null,
                p.eca(),
                p.network(),
                p.localCertificate());
        List<Check> checks = verify(o, JwtOutcome.failed("invalid_grant", "user hasn't approved this consumer"));
        Check pre = check(checks, "eca.preauth");
        assertEquals(Check.Status.FAIL, pre.status());
        assertTrue(pre.evidence().contains("cannot pre-authorize"), pre.evidence());
        assertEquals(Verifier.SYMPTOM_NOT_APPROVED, pre.symptom());
        assertEquals(Verifier.SYMPTOM_NOT_APPROVED, check(checks, "jwt.login").symptom());
    }

    @Test
    void dangerousPermissionsOutsideTheBlueprintAreNamedWithTheirSource() {
        Observed p = Fixtures.provisioned();
        var access = new OrgModel.UserAccess(
                p.access().permissionSets(),
                p.access().permissionSetLicenses(),
                Map.of(
                        "ViewAllData",
                        List.of("Warden_Query_All_Files"),
                        "ModifyAllData",
                        List.of("profile 'Custom Admin'")));
        Observed o = Fixtures.with(p, p.user(), access);
        Check c = check(verify(o, JwtOutcome.ok("x")), "perms.dangerous");
        assertEquals("ModifyAllData from profile 'Custom Admin'", c.evidence());
    }

    @Test
    void driftReportReadsWellAsTextAndJUnit() {
        Observed o = Fixtures.with(
                Fixtures.provisioned(),
                Fixtures.provisioned().user(),
                Fixtures.access(List.of("Warden_Integration", "Warden_Scanner_Access", "Warden_Admin"), true));
        Report r = new Report("verify").checks(verify(o, JwtOutcome.ok("http://127.0.0.1:1")));
        assertEquals(3, r.exitCode());
        Approvals.verify(TextReport.render(r) + "\n---- JUnit ----\n" + JUnitReport.render(r));
    }

    @Test
    void apiBudgetFailsInsideTheReserve() {
        List<Check> checks = verifier.verify(new Verifier.Input(
                Fixtures.warden(),
                Fixtures.provisioned(),
                JwtOutcome.ok("x"),
                TRIGGERS,
                new OrgModel.ApiUsage(13600, 15000),
                10));
        assertEquals(Check.Status.FAIL, check(checks, "api.budget").status());
    }
}
