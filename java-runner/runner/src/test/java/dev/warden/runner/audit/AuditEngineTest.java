package dev.warden.runner.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.audit.render.HtmlAuditReport;
import dev.warden.runner.audit.render.MarkdownAuditReport;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.verify.Check;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

class AuditEngineTest {

    static Finding find(AuditResult r, String key) {
        return r.findings().stream()
                .filter(f -> f.key().equals(key))
                .findFirst()
                .orElse(null);
    }

    /** Every finding as one block: key, severity, evidence, paths, symptom. */
    static String text(AuditResult r) {
        StringBuilder s = new StringBuilder();
        for (Finding f : r.findings()) {
            s.append(f.severity())
                    .append("  ")
                    .append(f.key())
                    .append("\n    ")
                    .append(f.evidence())
                    .append("\n");
            f.paths().forEach(p -> s.append("    via ").append(p).append("\n"));
            if (f.symptom() != null) {
                s.append("    prevents: ").append(f.symptom()).append("\n");
            }
        }
        s.append("---- matrix ----\n");
        r.matrix()
                .forEach(m -> s.append(m.username())
                        .append(m.integration() ? " [integration] " : " ")
                        .append(new java.util.TreeMap<>(m.permissions()))
                        .append("\n"));
        s.append("---- not read ----\n").append(r.warnings());
        return s.toString();
    }

    @Test
    void theFixtureOrgsFindingsWithTheirGrantPaths() {
        Approvals.verify(text(AuditFixture.result(AuditRules.none())));
    }

    @Test
    void modifyAllDataThroughAGroupIsNamedWithTheWholePath() {
        Finding f = find(AuditFixture.result(AuditRules.none()), "tier.full-org-compromise:alice@acme.test");
        assertEquals(Check.Severity.HIGH, f.severity());
        assertEquals(
                List.of("ModifyAllData: alice@acme.test ← group Admins_PSG ← permission set Modify_All"), f.paths());
    }

    @Test
    void aMutingPermissionSetTakesModifyAllDataAwayInsideItsGroup() {
        AuditResult r = AuditFixture.result(AuditRules.none());
        assertNull(find(r, "tier.full-org-compromise:bob@acme.test"), "muted in Analysts_PSG");
        assertEquals(
                List.of("ExportReport: bob@acme.test ← group Analysts_PSG ← permission set Report_Export"),
                find(r, "tier.data-exposure:bob@acme.test").paths());
    }

    @Test
    void objectLevelViewAllIsDataExposure() {
        Finding f = find(AuditFixture.result(AuditRules.none()), "tier.data-exposure:carol@acme.test");
        assertEquals(List.of("ViewAllRecords:Account: carol@acme.test ← permission set Sales_Ops"), f.paths());
    }

    @Test
    void integrationUsersAreFoundByBlueprintNameLicenseAndPsl() {
        AuditResult r = AuditFixture.result(AuditRules.none());
        assertTrue(find(r, "integration.full-license:" + AuditFixture.BLUEPRINT_USER)
                .evidence()
                .contains("license Salesforce"));
        assertTrue(find(r, "integration.not-api-only:" + AuditFixture.BLUEPRINT_USER) != null);
        assertNull(find(r, "integration.not-api-only:svc.api@acme.test"), "the API-only profile grants API Only User");
        assertEquals(
                List.of("PasswordNeverExpires: svc.api@acme.test ← permission set Never_Expire"),
                find(r, "integration.password-never-expires:svc.api@acme.test").paths());
        assertNull(find(r, "integration.full-license:alice@acme.test"), "alice is no integration user");
    }

    @Test
    void inactiveUsersHoldNothing() {
        AuditResult r = AuditFixture.result(AuditRules.none());
        assertFalse(r.findings().stream().anyMatch(f -> f.subject().equals("dave@acme.test")));
        assertEquals(6L, r.stats().get("activeUsers"));
    }

    @Test
    void allowListsSeverityOverridesAndExtraPermissionsApply() {
        AuditRules rules = new AuditRules(
                List.of("admin@*"),
                Set.of("Never_Expire"),
                Map.of("ViewSetup", Tier.CONTROL_WEAKENING),
                Map.of("integration.full-license", Check.Severity.LOW),
                Set.of());
        AuditResult r = AuditFixture.result(rules);
        assertFalse(r.findings().stream().anyMatch(f -> f.subject().equals("admin@acme.test")), "allow-listed user");
        assertNull(
                find(r, "integration.password-never-expires:svc.api@acme.test"),
                "grant through an allow-listed set does not count");
        assertEquals(
                Check.Severity.LOW,
                find(r, "integration.full-license:" + AuditFixture.BLUEPRINT_USER)
                        .severity());
        assertTrue(
                r.matrix().stream()
                        .anyMatch(m -> m.username().equals("admin@acme.test")
                                && m.permissions()
                                        .getOrDefault(Tier.CONTROL_WEAKENING, List.of())
                                        .contains("ViewSetup")),
                "extra permission tiered");
    }

    @Test
    void everyPermissionVerifyCallsDangerousIsTiered() {
        PermissionCatalog c = PermissionCatalog.defaults();
        assertEquals(
                List.of(),
                OrgModel.DANGEROUS_PERMISSIONS.stream()
                        .filter(p -> c.tier(p) == null)
                        .toList());
    }

    @Test
    void everyRuleIdIsUniqueAndEveryFindingKeyIsUnique() {
        assertEquals(
                AuditRule.values().length,
                java.util.Arrays.stream(AuditRule.values())
                        .map(AuditRule::id)
                        .collect(Collectors.toSet())
                        .size());
        AuditResult r = AuditFixture.result(AuditRules.none());
        assertEquals(
                r.findings().size(),
                r.findings().stream()
                        .map(Finding::key)
                        .collect(Collectors.toSet())
                        .size());
    }

    @Test
    void aBaselineSeparatesNewResolvedAndUnchangedFindings() {
        AuditResult r = AuditFixture.result(AuditRules.none());
        Map<String, Baseline.Entry> before = new java.util.LinkedHashMap<>();
        r.findings().stream()
                .filter(f -> !f.subject().equals("alice@acme.test"))
                .forEach(f -> before.put(
                        f.key(), new Baseline.Entry(f.key(), f.severity().name(), f.title(), f.evidence())));
        before.put(
                "tier.full-org-compromise:gone@acme.test",
                new Baseline.Entry("tier.full-org-compromise:gone@acme.test", "HIGH", "t", "e"));
        Baseline.Diff d = Baseline.diff(before, r.findings());
        assertEquals(
                List.of("tier.full-org-compromise:alice@acme.test"),
                d.added().stream().map(Finding::key).toList());
        assertEquals(
                List.of("tier.full-org-compromise:gone@acme.test"),
                d.resolved().stream().map(Baseline.Entry::key).toList());
        assertEquals(r.findings().size() - 1, d.unchanged());
    }

    @Test
    void theMarkdownForAPullRequestComment() {
        AuditResult r = AuditFixture.result(AuditRules.none());
        Map<String, Baseline.Entry> before = Map.of(
                "tier.full-org-compromise:gone@acme.test",
                new Baseline.Entry(
                        "tier.full-org-compromise:gone@acme.test",
                        "HIGH",
                        "Holds a permission that compromises the whole org",
                        "e"));
        Approvals.verify(MarkdownAuditReport.render(
                r, Baseline.diff(before, r.findings().subList(0, 3)), "acme (00D000000000001)"));
    }

    @Test
    void theHtmlPageIsSelfContained() {
        AuditResult r = AuditFixture.result(AuditRules.none());
        String html =
                HtmlAuditReport.render(r, Baseline.diff(Map.of(), r.findings()), "acme <prod>", "2026-12-04T12:00:00Z");
        assertFalse(
                html.contains("http://")
                        || html.contains("https://")
                        || html.contains("<script")
                        || html.contains("<link"),
                "no external asset");
        assertTrue(html.contains("acme &lt;prod&gt;"), "escaped");
        assertTrue(html.contains("alice@acme.test ← group Admins_PSG ← permission set Modify_All"));
        Approvals.verify(html);
    }
}
