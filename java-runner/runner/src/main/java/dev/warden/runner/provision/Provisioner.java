package dev.warden.runner.provision;

import dev.warden.runner.journal.Journal;
import dev.warden.runner.journal.JournalStore;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.org.MetadataPort;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.plan.Plan;
import dev.warden.runner.plan.Step;
import dev.warden.runner.plan.StepAction;
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

    /**
     * Executes the plan's steps as the planner decided them; reads the org only where a step needs its state at the
     * moment it runs (the snapshot before a license switch, the assignments after it).
     */
    public ApplyResult apply(Plan plan, Journal previous) {
        String username = plan.username();
        Journal journal = Journal.start(plan.orgId(), username, clock.instant());
        if (previous != null && previous.switchUnfinished()) {
            journal = journal.withSnapshot(previous.snapshot())
                    .withSwitchState(previous.switchState(), previous.restored());
        }
        journals.save(journal);
        Run run = new Run(plan, journal);
        for (Step step : plan.steps()) {
            progress.accept("step " + step.kind().id() + ": " + step.summary());
            run.journal(step.kind().id(), "started", step.summary());
            try {
                run.execute(step.action());
            } catch (RuntimeException e) {
                run.journal(step.kind().id(), "failed", e.getMessage());
                List<String> restored = new ArrayList<>();
                boolean restoreFailed = false;
                if (step.action() instanceof StepAction.SwitchLicense s && run.journal.snapshot() != null) {
                    try {
                        restored.addAll(run.restoreSnapshot());
                        restored.addAll(run.withdrawBootstrapPrivilege(s.bootstrapProfile()));
                        run.setSwitchState(Journal.SWITCH_RESTORED, restored);
                    } catch (RuntimeException restoreError) {
                        restoreFailed = true;
                        restored.add("RESTORE FAILED: " + restoreError.getMessage());
                        run.setSwitchState(Journal.SWITCH_RESTORE_FAILED, restored);
                    }
                }
                if (run.approvalAssignedHere != null) {
                    String approval = run.approvalAssignedHere.permissionSet();
                    try {
                        records.deleteRecords(List.of(run.approvalAssignedHere.id()));
                        restored.add("removed the temporary " + approval + " from the installing admin");
                    } catch (RuntimeException ignored) {
                        restored.add("could not remove the temporary " + approval
                                + " from the installing admin; remove it by hand");
                    }
                }
                String what = "step " + step.kind().id() + " failed: " + e.getMessage();
                String tail = restored.isEmpty()
                        ? ""
                        : restoreFailed
                                ? "; the rollback did not finish (" + String.join("; ", restored) + "); the journal "
                                        + journals.file(plan.orgId(), username)
                                        + " keeps the snapshot: run warden provision --resume"
                                : "; restored: " + String.join("; ", restored);
                throw new ProvisionFailedException(what + tail, restored, restoreFailed, e);
            }
            run.journal(step.kind().id(), "done", null);
            run.done.add(step.kind().id());
        }
        return new ApplyResult(run.done, run.notes);
    }

    /** The approval permission set's assignment made in this run: removed again if the run fails. */
    private record ApprovalAssignment(String id, String permissionSet) {}

    /** State of one apply: ids learned on the way (the new user's id, the approval assignment). */
    private final class Run {
        private final Plan plan;
        private Journal journal;
        private String userId;
        private ApprovalAssignment approvalAssignedHere;
        private final List<String> done = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Run(Plan plan, Journal journal) {
            this.plan = plan;
            this.journal = journal;
            this.userId = plan.userId();
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

        /** One branch per {@link StepAction} record (Java 17: no pattern switch, so the last branch says so loudly). */
        void execute(StepAction action) {
            if (action instanceof StepAction.CreateUser a) {
                userId = records.createUser(a.user());
            } else if (action instanceof StepAction.AssignBootstrapPermissionSets a) {
                records.assignPermissionSets(userId, a.permissionSetIds());
            } else if (action instanceof StepAction.AssignApprovalPermissionSet a) {
                List<Assignment> created =
                        records.assignPermissionSets(a.adminId(), Map.of(a.permissionSet(), a.permissionSetId()));
                if (!created.isEmpty()) {
                    approvalAssignedHere = new ApprovalAssignment(created.get(0).id(), a.permissionSet());
                }
            } else if (action instanceof StepAction.DeployGlobalOauthSettings a) {
                deployGlobalOauth(a);
            } else if (action instanceof StepAction.InstallApp a) {
                appUsage.install(a.eca());
            } else if (action instanceof StepAction.UpsertOauthPolicies a) {
                metadata.upsertOauthPolicies(a.app().eca(), a.app());
            } else if (action instanceof StepAction.WriteTrustedRanges a) {
                metadata.writeTrustedRanges(a.ranges());
            } else if (action instanceof StepAction.WriteProfileLoginRanges a) {
                metadata.writeProfileLoginRanges(a.profile(), a.ranges());
            } else if (action instanceof StepAction.SwitchLicense a) {
                switchLicense(a);
            } else if (action instanceof StepAction.AssignPermissionSetLicenses a) {
                records.assignPermissionSetLicenses(userId, a.licenseIds());
            } else if (action instanceof StepAction.AssignPermissionSets a) {
                records.assignPermissionSets(userId, a.permissionSetIds());
            } else if (action instanceof StepAction.RemoveBootstrapPermissionSets a) {
                records.deleteRecords(
                        a.assignments().stream().map(Assignment::id).toList());
            } else if (action instanceof StepAction.RemoveApprovalPermissionSet a) {
                removeApproval(a);
            } else {
                throw new IllegalStateException("no execution for step action " + action);
            }
        }

        private void removeApproval(StepAction.RemoveApprovalPermissionSet a) {
            String id = approvalAssignedHere != null ? approvalAssignedHere.id() : a.assignmentId();
            if (id == null) {
                // Assigned here but its answer was empty (a lost answer the reconciling records adopted): look it up.
                id = records.access(a.adminId()).permissionSets().stream()
                        .filter(x -> x.name().equals(a.permissionSet()))
                        .map(Assignment::id)
                        .findFirst()
                        .orElse(null);
            }
            if (id != null) {
                records.deleteRecords(List.of(id));
            }
            approvalAssignedHere = null;
        }

        private void deployGlobalOauth(StepAction.DeployGlobalOauthSettings a) {
            String orgId = plan.orgId();
            String certificate;
            String consumerKey;
            if (a.generatesCertificate()) {
                OrgKeys.KeyMaterial km = keys.load(orgId).orElseGet(() -> {
                    progress.accept(
                            "generating an RSA key pair and certificate for org " + orgId + " in " + keys.dir(orgId));
                    return keys.generate(orgId, a.eca() + " " + orgId);
                });
                certificate = km.certificatePem();
                consumerKey = km.consumerKey();
            } else {
                try {
                    certificate = Files.readString(Path.of(a.certificatePath()));
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException(
                            a.certificateWhere() + ": app.certificate: cannot read " + a.certificatePath());
                }
                consumerKey = a.consumerKey() != null
                        ? a.consumerKey()
                        : keys.generate(orgId, a.eca()).consumerKey();
            }
            metadata.deployGlobalOauthSettings(a.eca(), certificate, consumerKey, a.callbackUrl());
        }

        /** Snapshot, switch, re-assign: one step, so a failure anywhere in it restores the snapshot. */
        private void switchLicense(StepAction.SwitchLicense a) {
            UserAccess before = records.access(userId);
            if (journal.snapshot() == null || !journal.switchUnfinished()) {
                journal = journal.withSnapshot(new Journal.Snapshot(
                        userId,
                        a.from().profileId(),
                        a.from().profileName(),
                        a.from().licenseName(),
                        before.permissionSets(),
                        before.permissionSetLicenses(),
                        clock.instant().toString()));
            }
            setSwitchState(Journal.SWITCH_STARTED, List.of());
            records.updateUserProfile(userId, a.finalProfileId());
            if (a.reactivate()) {
                // Deactivated by a failed earlier switch (withdrawBootstrapPrivilege): on the final profile it may log
                // in again.
                records.setUserActive(userId, true);
            }
            // The switch removed assignments: what is still there decides what is assigned again.
            UserAccess after = records.access(userId);
            records.deleteRecords(after.permissionSets().stream()
                    .filter(x -> a.bootstrapOnly().contains(x.name()))
                    .map(Assignment::id)
                    .toList());
            Map<String, String> missingPsl = new LinkedHashMap<>(a.licenses());
            missingPsl.keySet().removeAll(after.pslNames());
            records.assignPermissionSetLicenses(userId, missingPsl);
            Map<String, String> missingPs = new LinkedHashMap<>(a.permissionSets());
            missingPs.keySet().removeAll(after.permissionSetNames());
            records.assignPermissionSets(userId, missingPs);
            Set<String> dropped = new TreeSet<>(journal.snapshot().permissionSets().stream()
                    .map(Assignment::name)
                    .toList());
            dropped.removeAll(a.permissionSets().keySet());
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
        List<String> withdrawBootstrapPrivilege(String bootstrapProfile) {
            Journal.Snapshot snap = journal.snapshot();
            if (bootstrapProfile == null || !bootstrapProfile.equals(snap.profileName())) {
                return List.of();
            }
            records.setUserActive(snap.userId(), false);
            return List.of("deactivated " + plan.username() + " so it does not stay active on the bootstrap profile '"
                    + snap.profileName() + "'; the next provision reactivates it when the switch succeeds");
        }

        /** Puts the user back as the snapshot says: assignments not in it removed, profile back, missing ones re-added. */
        List<String> restoreSnapshot() {
            Journal.Snapshot snap = journal.snapshot();
            List<String> restored = new ArrayList<>();
            progress.accept("restoring " + plan.username() + " from the snapshot taken " + snap.takenAt());
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
}
