package dev.warden.runner.provision;

import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.salesforce.SalesforceException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small in-memory org for the provisioner's unit tests (the integration tests use the real local org): a license
 * switch drops every assignment, as the seeds describe, and the n-th write can be made to fail.
 */
class InMemoryRecords implements RecordsPort {
    final Map<String, UserState> users = new LinkedHashMap<>();
    final Map<String, Assignment> assignments = new LinkedHashMap<>();
    final Map<String, String> assignee = new HashMap<>();
    final Map<String, Boolean> isPsl = new HashMap<>();
    final Map<String, String> profileLicense = Map.of(
            "00e000000000001AAA",
            "Salesforce Integration",
            "00e000000000002AAA",
            "Salesforce",
            "00e000000000003AAA",
            "Salesforce");
    final Map<String, String> profileNames = Map.of(
            "00e000000000001AAA",
            "Minimum Access - API Only Integrations",
            "00e000000000002AAA",
            "Standard User",
            "00e000000000003AAA",
            "System Administrator");
    int writes;
    int failAtWrite = -1;
    /** The write with this number commits, then its answer is lost (the local org's {@code lostResponse}). */
    int loseAnswerAtWrite = -1;

    private int ids;

    /** Called after a write committed: throws as a dropped connection would. */
    private void answered(String what) {
        if (writes == loseAnswerAtWrite) {
            throw new SalesforceException(
                    what, 0, "CONNECTION_FAILED", "http://127.0.0.1 did not answer: Connection reset");
        }
    }

    private void write(String what) {
        writes++;
        if (writes == failAtWrite) {
            throw new SalesforceException(
                    what, 400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
        }
    }

    String newId(String prefix) {
        return prefix + String.format("%012d", ++ids) + "AAA";
    }

    @Override
    public Optional<UserState> findUser(String username) {
        return users.values().stream()
                .filter(u -> u.username().equals(username))
                .findFirst();
    }

    @Override
    public UserState currentUser() {
        return users.values().iterator().next();
    }

    @Override
    public UserAccess access(String userId) {
        List<Assignment> ps = new ArrayList<>();
        List<Assignment> psl = new ArrayList<>();
        assignments.forEach((id, a) -> {
            if (userId.equals(assignee.get(id))) {
                (isPsl.get(id) ? psl : ps).add(a);
            }
        });
        return new UserAccess(ps, psl, Map.of());
    }

    @Override
    public Map<String, PermissionSetInfo> permissionSets(Collection<String> names) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, String> profiles(Collection<String> names) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, String> permissionSetLicenses(Collection<String> developerNames) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String createUser(NewUser u) {
        write("create user");
        String id = newId("005");
        users.put(
                id,
                new UserState(
                        id,
                        u.username(),
                        true,
                        u.profileId(),
                        profileNames.get(u.profileId()),
                        profileLicense.get(u.profileId())));
        answered("create user");
        return id;
    }

    @Override
    public void updateUserProfile(String userId, String profileId) {
        write("switch profile");
        UserState u = users.get(userId);
        if (!profileLicense.get(profileId).equals(u.licenseName())) {
            assignments.keySet().removeIf(id -> userId.equals(assignee.get(id)));
        }
        users.put(
                userId,
                new UserState(
                        userId,
                        u.username(),
                        u.active(),
                        profileId,
                        profileNames.get(profileId),
                        profileLicense.get(profileId)));
    }

    @Override
    public void setUserActive(String userId, boolean active) {
        write(active ? "activate user" : "deactivate user");
        UserState u = users.get(userId);
        users.put(userId, new UserState(userId, u.username(), active, u.profileId(), u.profileName(), u.licenseName()));
    }

    Assignment add(String userId, String name, String targetId, boolean psl) {
        String id = newId(psl ? "2LA" : "0Pa");
        Assignment a = new Assignment(id, targetId, name);
        assignments.put(id, a);
        assignee.put(id, userId);
        isPsl.put(id, psl);
        return a;
    }

    @Override
    public List<Assignment> assignPermissionSetLicenses(String userId, Map<String, String> pslIdsByName) {
        if (pslIdsByName.isEmpty()) {
            return List.of();
        }
        write("assign PSL");
        List<Assignment> out = new ArrayList<>();
        pslIdsByName.forEach((n, id) -> out.add(add(userId, n, id, true)));
        answered("assign PSL");
        return out;
    }

    @Override
    public List<Assignment> assignPermissionSets(String userId, Map<String, String> idsByName) {
        if (idsByName.isEmpty()) {
            return List.of();
        }
        write("assign permission sets");
        List<Assignment> out = new ArrayList<>();
        idsByName.forEach((n, id) -> out.add(add(userId, n, id, false)));
        answered("assign permission sets");
        return out;
    }

    @Override
    public void deleteRecords(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        write("delete");
        ids.forEach(assignments::remove);
    }

    @Override
    public Map<String, String> triggerStatus(Collection<String> names) {
        return Map.of();
    }

    @Override
    public OrgModel.ApiUsage apiUsage() {
        return new OrgModel.ApiUsage(0, 15000);
    }
}
