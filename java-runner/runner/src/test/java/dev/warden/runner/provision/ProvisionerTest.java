package dev.warden.runner.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.journal.Journal;
import dev.warden.runner.journal.JournalStore;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.plan.Plan;
import dev.warden.runner.plan.Planner;
import dev.warden.runner.support.Fixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The license switch against an in-memory org: every failure point ends fully switched or exactly as before. */
class ProvisionerTest {
    @TempDir
    Path tmp;

    private final Blueprint warden = Fixtures.warden();

    /** A user on Standard User holding Warden_Scanner_Access and Warden_Admin, as a vendor guide would leave it. */
    private InMemoryRecords orgWithLegacyUser() {
        InMemoryRecords org = new InMemoryRecords();
        UserState admin = Fixtures.admin();
        org.users.put(admin.id(), admin);
        UserState u = Fixtures.integrationUser("Standard User", "Salesforce");
        org.users.put(u.id(), u);
        org.add(u.id(), "Warden_Scanner_Access", "0PS000000000003AAA", false);
        org.add(u.id(), "Warden_Admin", "0PS000000000005AAA", false);
        return org;
    }

    private Observed observed(InMemoryRecords org) {
        UserState u = org.findUser(
                        Fixtures.integrationUser("Standard User", "Salesforce").username())
                .orElseThrow();
        UserAccess access = org.access(u.id());
        Observed base = Fixtures.provisioned();
        return new Observed(
                base.orgId(),
                u,
                access,
                base.permissionSets(),
                base.profiles(),
                base.permissionSetLicenses(),
                org.users.get(Fixtures.admin().id()),
                null,
                base.eca(),
                base.network(),
                base.localCertificate());
    }

    private Provisioner provisioner(InMemoryRecords org) {
        return new Provisioner(
                org,
                null,
                new OrgKeys(tmp.resolve("home")),
                new JournalStore(tmp.resolve(".warden")),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                line -> {});
    }

    private static Set<String> state(InMemoryRecords org, String userId) {
        UserAccess a = org.access(userId);
        Set<String> s = new TreeSet<>(a.permissionSetNames());
        a.pslNames().forEach(p -> s.add("PSL " + p));
        s.add("profile " + org.users.get(userId).profileName());
        return s;
    }

    @Test
    void switchReassignsEverythingTheFinalPhaseListsInOneStep() {
        InMemoryRecords org = orgWithLegacyUser();
        Observed o = observed(org);
        Plan plan = new Planner().plan(warden, o, null);
        ApplyResult r = provisioner(org).apply(plan, null);
        assertEquals(
                Set.of(
                        "profile Minimum Access - API Only Integrations",
                        "PSL SalesforceAPIIntegrationPsl",
                        "Warden_Integration",
                        "Warden_Query_All_Files",
                        "Warden_Scanner_Access"),
                state(org, o.user().id()));
        assertTrue(r.notes().get(0).contains("Warden_Admin"), r.notes().toString());
    }

    @Test
    void aFailureAtAnyWriteOfTheSwitchLeavesTheUserExactlyAsBefore() {
        for (int failAt = 1; failAt <= 3; failAt++) {
            InMemoryRecords org = orgWithLegacyUser();
            Observed o = observed(org);
            Set<String> before = state(org, o.user().id());
            Plan plan = new Planner().plan(warden, o, null);
            org.failAtWrite = failAt;
            var e = assertThrows(
                    ProvisionFailedException.class, () -> provisioner(org).apply(plan, null));
            assertEquals(before, state(org, o.user().id()), "fault at write " + failAt + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("restored: "), e.getMessage());
            Journal j = new JournalStore(tmp.resolve(".warden"))
                    .load(o.orgId(), plan.username())
                    .orElseThrow();
            assertEquals(Journal.SWITCH_RESTORED, j.switchState());
            org.failAtWrite = -1;
            Observed again = observed(org);
            Plan retry = new Planner().plan(warden, again, j);
            provisioner(org).apply(retry, null);
            assertEquals(
                    Set.of(
                            "profile Minimum Access - API Only Integrations",
                            "PSL SalesforceAPIIntegrationPsl",
                            "Warden_Integration",
                            "Warden_Query_All_Files",
                            "Warden_Scanner_Access"),
                    state(org, o.user().id()),
                    "re-run after fault at write " + failAt);
        }
    }

    @Test
    void aFailedRollbackIsJournaledSoResumeCanUseTheSnapshot() {
        InMemoryRecords org = orgWithLegacyUser();
        Observed o = observed(org);
        Plan plan = new Planner().plan(warden, o, null);
        org.failAtWrite = 2;
        InMemoryRecords failingTwice = org;
        Provisioner p = new Provisioner(
                new FailingAfter(failingTwice, 4),
                null,
                new OrgKeys(tmp.resolve("home")),
                new JournalStore(tmp.resolve(".warden")),
                Clock.systemUTC(),
                line -> {});
        var e = assertThrows(ProvisionFailedException.class, () -> p.apply(plan, null));
        assertTrue(e.restoreFailed(), e.getMessage());
        Journal j = new JournalStore(tmp.resolve(".warden"))
                .load(o.orgId(), plan.username())
                .orElseThrow();
        assertTrue(j.switchUnfinished());
        assertEquals(
                Set.of("Warden_Admin", "Warden_Scanner_Access"),
                new TreeSet<>(j.snapshot().permissionSets().stream()
                        .map(a -> a.name())
                        .toList()));
    }

    /** The warden blueprint with a vendor-style bootstrap phase: the user is System Administrator until the switch. */
    private static Blueprint withAdminBootstrap() throws Exception {
        String yaml = new String(
                        ProvisionerTest.class
                                .getResourceAsStream("/blueprints/warden.yaml")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace(
                        "final:\n",
                        "bootstrap:\n  profile: System Administrator\n  license: Salesforce\n  permissionSets: [Warden_Scanner_Access]\nfinal:\n");
        return new dev.warden.runner.blueprint.BlueprintLoader().parse(yaml, "bootstrap.yaml");
    }

    @Test
    void aFailedSwitchNeverLeavesTheUserActiveWithItsBootstrapPrivilegeAndTheNextRunReactivatesIt() throws Exception {
        Blueprint vendor = withAdminBootstrap();
        InMemoryRecords org = new InMemoryRecords();
        org.users.put(Fixtures.admin().id(), Fixtures.admin());
        UserState u = Fixtures.integrationUser("System Administrator", "Salesforce");
        org.users.put(u.id(), u);
        org.add(u.id(), "Warden_Scanner_Access", "0PS000000000003AAA", false);
        Observed o = observed(org, u.username());
        Plan plan = new Planner().plan(vendor, o, null);
        org.failAtWrite = 1; // the profile switch
        var e = assertThrows(
                ProvisionFailedException.class, () -> provisioner(org).apply(plan, null));
        assertTrue(e.getMessage().contains("deactivated " + u.username()), e.getMessage());
        UserState after = org.users.get(u.id());
        assertEquals("System Administrator", after.profileName(), "restored as before");
        assertTrue(!after.active(), "but not active with System Administrator");

        org.failAtWrite = -1;
        Journal j = new JournalStore(tmp.resolve(".warden"))
                .load(o.orgId(), plan.username())
                .orElseThrow();
        Observed again = observed(org, u.username());
        provisioner(org).apply(new Planner().plan(vendor, again, j), null);
        UserState done = org.users.get(u.id());
        assertEquals("Minimum Access - API Only Integrations", done.profileName());
        assertTrue(done.active(), "reactivated on the final profile");
    }

    private Observed observed(InMemoryRecords org, String username) {
        UserState u = org.findUser(username).orElseThrow();
        Observed base = Fixtures.provisioned();
        return new Observed(
                base.orgId(),
                u,
                org.access(u.id()),
                base.permissionSets(),
                base.profiles(),
                base.permissionSetLicenses(),
                org.users.get(Fixtures.admin().id()),
                null,
                base.eca(),
                base.network(),
                base.localCertificate());
    }

    /** Fails every write from the n-th on, so the rollback itself fails too. */
    private static final class FailingAfter extends ForwardingRecords {
        private final int from;

        FailingAfter(InMemoryRecords delegate, int from) {
            super(delegate);
            this.from = from;
        }

        @Override
        protected void beforeWrite() {
            if (delegate.writes + 1 >= from) {
                delegate.failAtWrite = delegate.writes + 1;
            }
        }
    }

    private abstract static class ForwardingRecords implements dev.warden.runner.org.RecordsPort {
        protected final InMemoryRecords delegate;

        ForwardingRecords(InMemoryRecords delegate) {
            this.delegate = delegate;
        }

        protected abstract void beforeWrite();

        @Override
        public java.util.Optional<UserState> findUser(String u) {
            return delegate.findUser(u);
        }

        @Override
        public UserState currentUser() {
            return delegate.currentUser();
        }

        @Override
        public UserAccess access(String id) {
            return delegate.access(id);
        }

        @Override
        public Map<String, dev.warden.runner.org.OrgModel.PermissionSetInfo> permissionSets(
                java.util.Collection<String> n) {
            return delegate.permissionSets(n);
        }

        @Override
        public Map<String, String> profiles(java.util.Collection<String> n) {
            return delegate.profiles(n);
        }

        @Override
        public Map<String, String> permissionSetLicenses(java.util.Collection<String> n) {
            return delegate.permissionSetLicenses(n);
        }

        @Override
        public String createUser(dev.warden.runner.org.OrgModel.NewUser u) {
            beforeWrite();
            return delegate.createUser(u);
        }

        @Override
        public void updateUserProfile(String u, String p) {
            beforeWrite();
            delegate.updateUserProfile(u, p);
        }

        @Override
        public void setUserActive(String u, boolean a) {
            beforeWrite();
            delegate.setUserActive(u, a);
        }

        @Override
        public java.util.List<dev.warden.runner.org.OrgModel.Assignment> assignPermissionSetLicenses(
                String u, Map<String, String> m) {
            beforeWrite();
            return delegate.assignPermissionSetLicenses(u, m);
        }

        @Override
        public java.util.List<dev.warden.runner.org.OrgModel.Assignment> assignPermissionSets(
                String u, Map<String, String> m) {
            beforeWrite();
            return delegate.assignPermissionSets(u, m);
        }

        @Override
        public void deleteRecords(java.util.List<String> ids) {
            beforeWrite();
            delegate.deleteRecords(ids);
        }

        @Override
        public Map<String, String> triggerStatus(java.util.Collection<String> n) {
            return delegate.triggerStatus(n);
        }

        @Override
        public dev.warden.runner.org.OrgModel.ApiUsage apiUsage() {
            return delegate.apiUsage();
        }
    }
}
