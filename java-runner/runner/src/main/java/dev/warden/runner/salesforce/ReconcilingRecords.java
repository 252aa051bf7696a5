package dev.warden.runner.salesforce;

import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.org.RecordsPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the two writes that are not idempotent safe to send again after a lost answer (the org may have committed
 * them): before writing again it reads. A user that exists with the username is adopted; an assignment that exists
 * is done and only the missing ones are written again. Reads and idempotent writes pass straight through (the
 * adapters' {@link RetryPolicy} already retries them). Works over either adapter (REST or Partner SOAP).
 */
public final class ReconcilingRecords implements RecordsPort {
    private final RecordsPort records;
    private final int maxAttempts;
    private final Consumer<String> log;

    public ReconcilingRecords(RecordsPort records, int maxAttempts, Consumer<String> log) {
        this.records = records;
        this.maxAttempts = maxAttempts;
        this.log = log == null ? s -> {} : log;
    }

    @Override
    public String createUser(NewUser user) {
        for (int attempt = 1; ; attempt++) {
            try {
                return records.createUser(user);
            } catch (RuntimeException e) {
                if (!RetryPolicy.responseLost(e) || attempt >= maxAttempts) {
                    throw e;
                }
                Optional<UserState> existing = records.findUser(user.username());
                if (existing.isPresent()) {
                    log.accept("the answer to 'create user " + user.username() + "' was lost; the user exists: adopted "
                            + existing.get().id());
                    return existing.get().id();
                }
                log.accept("the answer to 'create user " + user.username()
                        + "' was lost and the user does not exist: creating it again");
            }
        }
    }

    @Override
    public List<Assignment> assignPermissionSetLicenses(String userId, Map<String, String> pslIdsByName) {
        return assign(
                userId,
                pslIdsByName,
                "permission set licenses",
                ids -> records.assignPermissionSetLicenses(userId, ids),
                UserAccess::permissionSetLicenses);
    }

    @Override
    public List<Assignment> assignPermissionSets(String userId, Map<String, String> permissionSetIdsByName) {
        return assign(
                userId,
                permissionSetIdsByName,
                "permission sets",
                ids -> records.assignPermissionSets(userId, ids),
                UserAccess::permissionSets);
    }

    private List<Assignment> assign(
            String userId,
            Map<String, String> idsByName,
            String what,
            Function<Map<String, String>, List<Assignment>> write,
            Function<UserAccess, List<Assignment>> existingOf) {
        List<Assignment> done = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>(idsByName);
        for (int attempt = 1; ; attempt++) {
            if (missing.isEmpty()) {
                return done;
            }
            try {
                done.addAll(write.apply(missing));
                return done;
            } catch (RuntimeException e) {
                if (!RetryPolicy.responseLost(e) || attempt >= maxAttempts) {
                    throw e;
                }
                Set<String> wanted = Set.copyOf(missing.values());
                List<Assignment> there = existingOf.apply(records.access(userId)).stream()
                        .filter(a -> wanted.contains(a.targetId()))
                        .toList();
                done.addAll(there);
                Set<String> thereIds = there.stream().map(Assignment::targetId).collect(Collectors.toSet());
                missing.values().removeIf(thereIds::contains);
                log.accept("the answer to 'assign " + what + " to " + userId + "' was lost; " + there.size()
                        + " found done, " + missing.size() + " to write again");
            }
        }
    }

    @Override
    public Optional<UserState> findUser(String username) {
        return records.findUser(username);
    }

    @Override
    public UserState currentUser() {
        return records.currentUser();
    }

    @Override
    public UserAccess access(String userId) {
        return records.access(userId);
    }

    @Override
    public Map<String, PermissionSetInfo> permissionSets(Collection<String> names) {
        return records.permissionSets(names);
    }

    @Override
    public Map<String, String> profiles(Collection<String> names) {
        return records.profiles(names);
    }

    @Override
    public Map<String, String> permissionSetLicenses(Collection<String> developerNames) {
        return records.permissionSetLicenses(developerNames);
    }

    @Override
    public void updateUserProfile(String userId, String profileId) {
        records.updateUserProfile(userId, profileId);
    }

    @Override
    public void setUserActive(String userId, boolean active) {
        records.setUserActive(userId, active);
    }

    @Override
    public void deleteRecords(List<String> ids) {
        records.deleteRecords(ids);
    }

    @Override
    public Map<String, String> triggerStatus(Collection<String> names) {
        return records.triggerStatus(names);
    }

    @Override
    public OrgModel.ApiUsage apiUsage() {
        return records.apiUsage();
    }

    /** The wrapped port (e.g. the Partner adapter, whose record stream the audit reads). */
    public RecordsPort unwrap() {
        return records;
    }
}
