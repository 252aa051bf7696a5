package dev.warden.runner.org;

import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.NewUser;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records the runner reads and writes (users, assignments); carried by REST or the Partner API. */
public interface RecordsPort {

    Optional<UserState> findUser(String username);

    /** The user running the runner (the installing admin). */
    UserState currentUser();

    UserAccess access(String userId);

    Map<String, PermissionSetInfo> permissionSets(Collection<String> names);

    /** Profile name to id, for the names that exist. */
    Map<String, String> profiles(Collection<String> names);

    /** PSL DeveloperName to id, for the names that exist. */
    Map<String, String> permissionSetLicenses(Collection<String> developerNames);

    /** Login ranges of a profile read as records are not available; see {@link MetadataPort#network}. */
    String createUser(NewUser user);

    void updateUserProfile(String userId, String profileId);

    /** Activates or deactivates a user (a deactivated user cannot log in and holds no license seat). */
    void setUserActive(String userId, boolean active);

    /** Assigns each PSL; a duplicate counts as success. Returns the assignments created. */
    List<Assignment> assignPermissionSetLicenses(String userId, Map<String, String> pslIdsByName);

    /** Assigns each permission set in one call; a duplicate counts as success. Returns the assignments created. */
    List<Assignment> assignPermissionSets(String userId, Map<String, String> permissionSetIdsByName);

    /** Deletes assignment records by id in one call. */
    void deleteRecords(List<String> ids);

    /** Active state of triggers by name (missing names are absent from the map). */
    Map<String, String> triggerStatus(Collection<String> names);

    OrgModel.ApiUsage apiUsage();
}
