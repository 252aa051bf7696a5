package dev.warden.runner.provision;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.journal.Journal;
import dev.warden.runner.journal.JournalStore;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.org.MetadataPort;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.plan.Plan;
import dev.warden.runner.plan.Planner;
import dev.warden.runner.plan.Step;
import dev.warden.runner.plan.StepKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs a plan step by step, journaling each. The license switch snapshots the user's profile, license, PSL and
 * permission set assignments first; if anything fails after the snapshot, the user is put back exactly as the
 * snapshot says and the run fails saying what was restored. A temporary approval permission set assigned in this
 * run is removed again on failure too.
 */
public final class Provisioner {
    private final RecordsPort records;
    private final MetadataPort metadata;
    private final OrgKeys keys;
    private final JournalStore journals;
    private final Clock clock;
    private final Consumer<String> progress;
    private final dev.warden.runner.org.AppUsagePort appUsage;

    public Provisioner(
            RecordsPort records,
            MetadataPort metadata,
            OrgKeys keys,
            JournalStore journals,
            Clock clock,
            Consumer<String> progress) {
        this(records, metadata, dev.warden.runner.org.AppUsagePort.MANUAL, keys, journals, clock, progress);
    }

    public Provisioner(
            RecordsPort records,
            MetadataPort metadata,
            dev.warden.runner.org.AppUsagePort appUsage,
            OrgKeys keys,
            JournalStore journals,
            Clock clock,
            Consumer<String> progress) {
        this.appUsage = appUsage;
        this.records = records;
        this.metadata = metadata;
        this.keys = keys;
        this.journals = journals;
        this.clock = clock;
        this.progress = progress;
    }

    public ApplyResult apply(Blueprint b, Observed o, Plan plan, Journal previous) {
        String username = plan.username();
        Journal journal = Journal.start(o.orgId(), username, clock.instant());
        if (previous != null && previous.switchUnfinished()) {
            journal = journal.withSnapshot(previous.snapshot())
                    .withSwitchState(previous.switchState(), previous.restored());
        }
        journals.save(journal);
        Run run = new Run(b, o, journal);
        for (Step step : plan.steps()) {
            progress.accept("step " + step.kind().id() + ": " + step.summary());
            run.journal(step.kind().id(), "started", step.summary());
            try {
                run.execute(step);
            } catch (RuntimeException e) {
                run.journal(step.kind().id(), "failed", e.getMessage());
                List<String> restored = new ArrayList<>();
                boolean restoreFailed = false;
                if (step.kind() == StepKind.SWITCH_LICENSE && run.journal.snapshot() != null) {
                    try {
                        restored.addAll(run.restoreSnapshot());
                        restored.addAll(run.withdrawBootstrapPrivilege());
                        run.setSwitchState(Journal.SWITCH_RESTORED, restored);
                    } catch (RuntimeException restoreError) {
                        restoreFailed = true;
                        restored.add("RESTORE FAILED: " + restoreError.getMessage());
                        run.setSwitchState(Journal.SWITCH_RESTORE_FAILED, restored);
                    }
                }
                if (run.approvalAssignedHere != null) {
                    try {
                        records.deleteRecords(List.of(run.approvalAssignedHere));
                        restored.add(
                                "removed the temporary " + b.approval().permissionSet() + " from the installing admin");
                    } catch (RuntimeException ignored) {
                        restored.add("could not remove the temporary "
                                + b.approval().permissionSet() + " from the installing admin; remove it by hand");
                    }
                }
                String what = "step " + step.kind().id() + " failed: " + e.getMessage();
                String tail = restored.isEmpty()
                        ? ""
                        : restoreFailed
                                ? "; the rollback did not finish (" + String.join("; ", restored) + "); the journal "
                                        + journals.file(o.orgId(), username)
                                        + " keeps the snapshot: run warden provision --resume"
                                : "; restored: " + String.join("; ", restored);
                throw new ProvisionFailedException(what + tail, restored, restoreFailed, e);
            }
            run.journal(step.kind().id(), "done", null);
            run.done.add(step.kind().id());
        }
        return new ApplyResult(run.done, run.notes);
    }

    /** State of one apply: ids learned on the way (the new user's id, the approval assignment). */
    private final class Run {
        private final Blueprint b;
        private final Observed o;
        private Journal journal;
        private String userId;
        private String approvalAssignedHere;
        private String approvalAssignment;
        private final List<String> done = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Run(Blueprint b, Observed o, Journal journal) {
            this.b = b;
            this.o = o;
            this.journal = journal;
            this.userId = o.user() == null ? null : o.user().id();
            this.approvalAssignment = o.approvalAssignmentId();
        }

        void journal(String step, String status, String detail) {
            journal =
                    journal.with(new Journal.Entry(step, status, clock.instant().toString(), detail));
            journals.save(journal);
        }

        void setSwitchState(String state, List<String> restored) {
            journal = journal.withSwitchState(state, restored);
            journals.save(journal);
        }

        void execute(Step step) {
            switch (step.kind()) {
                case CREATE_USER -> createUser();
                case ASSIGN_BOOTSTRAP_PERMISSION_SETS ->
                    records.assignPermissionSets(userId, ids(b.bootstrap().permissionSets()));
                case ASSIGN_APPROVAL_PERMISSION_SET -> {
                    List<Assignment> created = records.assignPermissionSets(
                            o.admin().id(), ids(List.of(b.approval().permissionSet())));
                    if (!created.isEmpty()) {
                        approvalAssignedHere = created.get(0).id();
                        approvalAssignment = approvalAssignedHere;
                    }
                }
                case DEPLOY_GLOBAL_OAUTH_SETTINGS -> deployGlobalOauth();
                case INSTALL_APP -> appUsage.install(b.app().eca());
                case UPSERT_OAUTH_POLICIES ->
                    metadata.upsertOauthPolicies(b.app().eca(), b.app());
                case MERGE_TRUSTED_RANGES ->
                    metadata.writeTrustedRanges(
                            merge(o.network().trustedRanges(), b.network().ranges()));
                case MERGE_PROFILE_LOGIN_RANGES ->
                    metadata.writeProfileLoginRanges(
                            b.finalPhase().profile(),
                            merge(o.network().profileLoginRanges(), b.network().ranges()));
                case SWITCH_LICENSE -> switchLicense();
                case ASSIGN_PERMISSION_SET_LICENSES ->
                    records.assignPermissionSetLicenses(userId, pslIds(step.targets()));
                case ASSIGN_PERMISSION_SETS -> records.assignPermissionSets(userId, ids(step.targets()));
                case REMOVE_BOOTSTRAP_PERMISSION_SETS ->
                    records.deleteRecords(records.access(userId).permissionSets().stream()
                            .filter(a -> step.targets().contains(a.name()))
                            .map(Assignment::id)
                            .toList());
                case REMOVE_APPROVAL_PERMISSION_SET -> {
                    String id = approvalAssignment;
                    if (id == null) {
                        id = records.access(o.admin().id()).permissionSets().stream()
                                .filter(a -> a.name().equals(b.approval().permissionSet()))
                                .map(Assignment::id)
                                .findFirst()
                                .orElse(null);
                    }
                    if (id != null) {
                        records.deleteRecords(List.of(id));
                    }
                    approvalAssignedHere = null;
                    approvalAssignment = null;
                }
            }
        }

        private void createUser() {
            String profile = b.bootstrap() != null
                    ? b.bootstrap().profile()
                    : b.finalPhase().profile();
            var u = b.integrationUser();
            String alias = u.alias() != null
                    ? u.alias()
                    : u.username().substring(0, Math.min(8, u.username().indexOf('@')));
            userId = records.createUser(new NewUser(
                    b.usernameFor(o.orgId()),
                    u.email(),
                    alias,
                    u.firstName(),
                    u.lastName() == null ? "Integration" : u.lastName(),
                    o.profiles().get(profile)));
        }

        private void deployGlobalOauth() {
            Blueprint.App app = b.app();
            String certificate;
            String consumerKey;
            if (app.generatesCertificate()) {
                OrgKeys.KeyMaterial km = keys.load(o.orgId()).orElseGet(() -> {
                    progress.accept("generating an RSA key pair and certificate for org " + o.orgId() + " in "
                            + keys.dir(o.orgId()));
                    return keys.generate(o.orgId(), app.eca() + " " + o.orgId());
                });
                certificate = km.certificatePem();
                consumerKey = km.consumerKey();
            } else {
                try {
                    certificate = Files.readString(Path.of(app.certificate()));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException(
                            b.where("/app/certificate") + ": app.certificate: cannot read " + app.certificate());
                }
                consumerKey = o.eca().consumerKey() != null
                        ? o.eca().consumerKey()
                        : keys.generate(o.orgId(), app.eca()).consumerKey();
            }
            metadata.deployGlobalOauthSettings(app.eca(), certificate, consumerKey, app.callbackUrl());
        }

        /** Snapshot, switch, re-assign: one step, so a failure anywhere in it restores the snapshot. */
        private void switchLicense() {
            UserAccess before = records.access(userId);
            if (journal.snapshot() == null || !journal.switchUnfinished()) {
                var user = o.user();
                String profileId = user != null
                        ? user.profileId()
                        : o.profiles().get(b.bootstrap().profile());
                String profileName =
                        user != null ? user.profileName() : b.bootstrap().profile();
                String license =
                        user != null ? user.licenseName() : b.bootstrap().license();
                journal = journal.withSnapshot(new Journal.Snapshot(
                        userId,
                        profileId,
                        profileName,
                        license,
                        before.permissionSets(),
                        before.permissionSetLicenses(),
                        clock.instant().toString()));
            }
            setSwitchState(Journal.SWITCH_STARTED, List.of());
            records.updateUserProfile(userId, o.profiles().get(b.finalPhase().profile()));
            if (o.user() != null && !o.user().active()) {
                // Deactivated by a failed earlier switch (withdrawBootstrapPrivilege): on the final profile it may log
                // in again.
                records.setUserActive(userId, true);
            }
            UserAccess after = records.access(userId);
            Set<String> desired = new TreeSet<>(b.desiredPermissionSets());
            List<String> leftovers = after.permissionSets().stream()
                    .filter(a -> b.bootstrap() != null
                            && b.bootstrap().permissionSets().contains(a.name())
                            && !desired.contains(a.name()))
                    .map(Assignment::id)
                    .toList();
            records.deleteRecords(leftovers);
            Set<String> missingPsl = new TreeSet<>(b.finalPhase().permissionSetLicenses());
            missingPsl.removeAll(after.pslNames());
            records.assignPermissionSetLicenses(userId, pslIds(new ArrayList<>(missingPsl)));
            Set<String> missingPs = new TreeSet<>(desired);
            missingPs.removeAll(after.permissionSetNames());
            records.assignPermissionSets(userId, ids(new ArrayList<>(missingPs)));
            Set<String> dropped = new TreeSet<>(journal.snapshot().permissionSets().stream()
                    .map(Assignment::name)
                    .toList());
            dropped.removeAll(desired);
            if (!dropped.isEmpty()) {
                notes.add("the license switch dropped " + dropped + ", which the final phase does not list");
            }
            setSwitchState(Journal.SWITCH_DONE, List.of());
        }

        /**
         * A restore puts a vendor-style user back on its bootstrap profile (System Administrator, say): a privilege meant
         * to last only until the switch must not outlive the failed run, so the user is deactivated (and the report says
         * so); the next provision's switch reactivates it once it is on the final profile.
         */
        List<String> withdrawBootstrapPrivilege() {
            Journal.Snapshot snap = journal.snapshot();
            if (b.bootstrap() == null || !b.bootstrap().profile().equals(snap.profileName())) {
                return List.of();
            }
            records.setUserActive(snap.userId(), false);
            return List.of(
                    "deactivated " + b.usernameFor(o.orgId()) + " so it does not stay active on the bootstrap profile '"
                            + snap.profileName() + "'; the next provision reactivates it when the switch succeeds");
        }

        /** Puts the user back as the snapshot says: assignments not in it removed, profile back, missing ones re-added. */
        List<String> restoreSnapshot() {
            Journal.Snapshot snap = journal.snapshot();
            List<String> restored = new ArrayList<>();
            progress.accept("restoring " + b.usernameFor(o.orgId()) + " from the snapshot taken " + snap.takenAt());
            UserAccess now = records.access(snap.userId());
            Set<String> snapPs = names(snap.permissionSets());
            Set<String> snapPsl = names(snap.permissionSetLicenses());
            List<String> extraPs = now.permissionSets().stream()
                    .filter(a -> !snapPs.contains(a.name()))
                    .map(Assignment::id)
                    .toList();
            records.deleteRecords(extraPs);
            if (!extraPs.isEmpty()) {
                restored.add("removed " + extraPs.size() + " permission set assignment(s) made by the switch");
            }
            List<String> extraPsl = now.permissionSetLicenses().stream()
                    .filter(a -> !snapPsl.contains(a.name()))
                    .map(Assignment::id)
                    .toList();
            records.deleteRecords(extraPsl);
            if (!extraPsl.isEmpty()) {
                restored.add("removed " + extraPsl.size() + " permission set license assignment(s) made by the switch");
            }
            records.updateUserProfile(snap.userId(), snap.profileId());
            restored.add("profile '" + snap.profileName() + "' (" + snap.licenseName() + ")");
            Map<String, String> pslBack = new LinkedHashMap<>();
            for (Assignment a : snap.permissionSetLicenses()) {
                if (!now.pslNames().contains(a.name())) {
                    pslBack.put(a.name(), a.targetId());
                }
            }
            records.assignPermissionSetLicenses(snap.userId(), pslBack);
            Map<String, String> psBack = new LinkedHashMap<>();
            for (Assignment a : snap.permissionSets()) {
                if (!now.permissionSetNames().contains(a.name())) {
                    psBack.put(a.name(), a.targetId());
                }
            }
            records.assignPermissionSets(snap.userId(), psBack);
            if (!pslBack.isEmpty() || !psBack.isEmpty()) {
                restored.add("re-assigned " + String.join(", ", concat(pslBack.keySet(), psBack.keySet())));
            }
            restored.add("assignments as before: "
                    + (snap.permissionSets().isEmpty()
                                    && snap.permissionSetLicenses().isEmpty()
                            ? "none"
                            : String.join(", ", concat(snapPsl, snapPs))));
            return restored;
        }

        private Map<String, String> ids(List<String> names) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String n : names) {
                out.put(n, o.permissionSets().get(n).id());
            }
            return out;
        }

        private Map<String, String> pslIds(List<String> names) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String n : names) {
                out.put(n, o.permissionSetLicenses().get(n));
            }
            return out;
        }
    }

    private static Set<String> names(List<Assignment> list) {
        Set<String> out = new TreeSet<>();
        list.forEach(a -> out.add(a.name()));
        return out;
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> c) {
        List<String> out = new ArrayList<>(a);
        out.addAll(c);
        return out;
    }

    static List<IpRange> merge(List<IpRange> existing, List<IpRange> wanted) {
        List<IpRange> out = new ArrayList<>(existing);
        out.addAll(Planner.missingRanges(wanted, existing));
        return out;
    }
}
