package dev.warden.runner.journal;

import dev.warden.runner.org.OrgModel.Assignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a provision run did, written after every step so a failed or interrupted run can be explained, restored
 * and resumed. Holds names, ids and states only, never a secret.
 *
 * @param switchState state of the license switch: null (none yet), {@code started}, {@code done}, {@code restored},
 *     {@code restore-failed}
 */
public record Journal(
        String orgId,
        String username,
        String startedAt,
        List<Entry> entries,
        Snapshot snapshot,
        String switchState,
        List<String> restored) {

    public static final String SWITCH_STARTED = "started";
    public static final String SWITCH_DONE = "done";
    public static final String SWITCH_RESTORED = "restored";
    public static final String SWITCH_RESTORE_FAILED = "restore-failed";

    public Journal {
        entries = entries == null ? List.of() : List.copyOf(entries);
        restored = restored == null ? List.of() : List.copyOf(restored);
    }

    public static Journal start(String orgId, String username, Instant now) {
        return new Journal(orgId, username, now.toString(), List.of(), null, null, List.of());
    }

    public Journal with(Entry e) {
        List<Entry> all = new ArrayList<>(entries);
        all.add(e);
        return new Journal(orgId, username, startedAt, all, snapshot, switchState, restored);
    }

    public Journal withSnapshot(Snapshot s) {
        return new Journal(orgId, username, startedAt, entries, s, switchState, restored);
    }

    public Journal withSwitchState(String state, List<String> restoredItems) {
        return new Journal(orgId, username, startedAt, entries, snapshot, state, restoredItems);
    }

    /** True when a license switch began and neither finished nor was rolled back: the user may be half-switched. */
    public boolean switchUnfinished() {
        return SWITCH_STARTED.equals(switchState) || SWITCH_RESTORE_FAILED.equals(switchState);
    }

    public boolean switchFailed() {
        return switchUnfinished() || SWITCH_RESTORED.equals(switchState);
    }

    /** One step's outcome: {@code status} is {@code started}, {@code done} or {@code failed}. */
    public record Entry(String step, String status, String at, String detail) {}

    /** The user's license, profile and assignments just before the license switch. */
    public record Snapshot(
            String userId,
            String profileId,
            String profileName,
            String licenseName,
            List<Assignment> permissionSets,
            List<Assignment> permissionSetLicenses,
            String takenAt) {
        public Snapshot {
            permissionSets = List.copyOf(permissionSets);
            permissionSetLicenses = List.copyOf(permissionSetLicenses);
        }
    }
}
