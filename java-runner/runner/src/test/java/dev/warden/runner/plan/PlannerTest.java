package dev.warden.runner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.blueprint.BlueprintLoader;
import dev.warden.runner.journal.Journal;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NetworkState;
import dev.warden.runner.support.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private final Planner planner = new Planner();

    @Test
    void freshOrgGetsTheWholeSetup() {
        Approvals.verify(planner.plan(Fixtures.warden(), Fixtures.fresh(), null).render());
    }

    @Test
    void alreadyProvisionedOrgGetsAnEmptyPlan() {
        Plan plan = planner.plan(Fixtures.warden(), Fixtures.provisioned(), null);
        assertTrue(plan.isEmpty());
        assertEquals(0, plan.writes());
        Approvals.verify(plan.render());
    }

    @Test
    void driftedOrgGetsOnlyTheMissingPermissionSet() {
        Observed o = Fixtures.with(
                Fixtures.provisioned(),
                Fixtures.provisioned().user(),
                Fixtures.access(List.of("Warden_Integration", "Warden_Scanner_Access"), true));
        Approvals.verify(planner.plan(Fixtures.warden(), o, null).render());
    }

    @Test
    void halfDoneSwitchFromTheJournalIsRetriedWithItsReason() {
        Observed o = Fixtures.with(
                Fixtures.provisioned(),
                Fixtures.integrationUser("Standard User", "Salesforce"),
                Fixtures.access(List.of("Warden_Scanner_Access"), false));
        Journal.Snapshot snap = new Journal.Snapshot(
                o.user().id(),
                o.user().profileId(),
                "Standard User",
                "Salesforce",
                List.of(new Assignment("0Pa000000000001AAA", "0PS000000000003AAA", "Warden_Scanner_Access")),
                List.of(),
                "2026-01-01T00:00:00Z");
        Journal j = Journal.start(Fixtures.ORG, o.user().username(), Instant.parse("2026-01-01T00:00:00Z"))
                .withSnapshot(snap)
                .with(new Journal.Entry("switch-license", "failed", "2026-01-01T00:00:01Z", "UNABLE_TO_LOCK_ROW"))
                .withSwitchState(Journal.SWITCH_RESTORED, List.of("profile Standard User", "Warden_Scanner_Access"));
        Approvals.verify(planner.plan(Fixtures.warden(), o, j).render());
    }

    @Test
    void vendorStyleBlueprintConnectsWithTheBootstrapPhaseFirst() {
        var b = new BlueprintLoader().load("builtin:withsecure-style");
        var sets = new java.util.HashMap<>(Fixtures.packageSets());
        for (String s : List.of(
                "WithSecure_Cloud_Protection_Admin",
                "WithSecure_Cloud_Protection_Integration_User",
                "WS_Query_All",
                "Approve_Uninstalled_Connected_Apps")) {
            sets.put(s, new dev.warden.runner.org.OrgModel.PermissionSetInfo("0PS" + s.hashCode(), s, null));
        }
        Observed fresh = Fixtures.fresh();
        Observed o = new Observed(
                fresh.orgId(),
                null,
                null,
                sets,
                fresh.profiles(),
                fresh.permissionSetLicenses(),
                fresh.admin(),
                null,
                null,
                new NetworkState(
                        List.of(dev.warden.runner.blueprint.IpRange.parse("10.0.0.0/8", "corp")), List.of(), false),
                null);
        Approvals.verify(planner.plan(b, o, null).render());
    }

    @Test
    void unknownPermissionSetIsBadInputNamingTheBlueprintLine() {
        Observed o = Fixtures.fresh();
        var sets = new java.util.HashMap<>(o.permissionSets());
        sets.remove("Warden_Query_All_Files");
        Observed missing = new Observed(
                o.orgId(),
                null,
                null,
                sets,
                o.profiles(),
                o.permissionSetLicenses(),
                o.admin(),
                null,
                o.eca(),
                o.network(),
                null);
        var e = assertThrows(PlanException.class, () -> planner.plan(Fixtures.warden(), missing, null));
        assertEquals(
                "builtin:warden:17: final.permissionSets[1]: permission set 'Warden_Query_All_Files' does not exist in the org;"
                        + " deploy the package that defines it (warden deploy) or fix the name",
                e.getMessage());
    }

    @Test
    void trustedRangesAreMergedNotReplaced() {
        var b = new BlueprintLoader().parse("""
                integrationUser: {username: a@b.co, email: a@b.co}
                final: {license: L, profile: Standard User}
                network: {trustedRanges: [10.0.1.0/24, 192.0.2.7]}
                """, "bp.yaml");
        Observed base = Fixtures.provisioned();
        Observed o = new Observed(
                base.orgId(),
                Fixtures.integrationUser("Standard User", "L"),
                Fixtures.access(List.of(), false),
                base.permissionSets(),
                base.profiles(),
                Map.of(),
                base.admin(),
                null,
                null,
                new NetworkState(
                        List.of(dev.warden.runner.blueprint.IpRange.parse("10.0.0.0/16", "office")), List.of(), false),
                null);
        Plan plan = planner.plan(b, o, null);
        assertEquals(1, plan.steps().size());
        assertEquals(List.of("192.0.2.7"), plan.steps().get(0).targets());
    }
}
