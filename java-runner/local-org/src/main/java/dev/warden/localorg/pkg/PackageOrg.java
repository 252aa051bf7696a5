package dev.warden.localorg.pkg;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the package model needs from the local org: its deployed metadata, the acting user's permissions, and the
 * record store in system mode. Values use the store's Java types: String, Boolean, Double, Instant, byte[] (base64
 * fields).
 */
public interface PackageOrg {

    /** Body of a deployed static resource. */
    Optional<byte[]> staticResource(String name);

    /** Deployed custom metadata records of a type, each as field API name to value (plus DeveloperName). */
    List<Map<String, Object>> customMetadata(String type);

    /** True when an Apex trigger of this name is deployed with status Active. */
    boolean triggerActive(String triggerName);

    /** True when an Apex class of this name is deployed. */
    boolean apexClassDeployed(String className);

    /** The effective hierarchy custom setting for a user (user, else profile, else org default); empty when none. */
    Map<String, Object> hierarchySetting(String settingObject, String userId);

    boolean hasCustomPermission(String userId, String permission);

    /** Object-level read access (CRUD) of the user. */
    boolean canRead(String userId, String objectName);

    /** Object-level edit access (CRUD) of the user. */
    boolean canEdit(String userId, String objectName);

    /** True when the object has a field of this API name (case-insensitive, as SObject.get in Apex). */
    boolean hasField(String objectName, String field);

    /** The object an id belongs to (by key prefix), or null for a malformed or unknown id. */
    String objectOf(String id);

    /** A live record by id, as field name to value, or null. */
    Map<String, Object> get(String id);

    /** Live records of an object whose field equals the value. */
    List<Map<String, Object>> findBy(String objectName, String field, Object value);

    /** Inserts as the user in system mode (record triggers fire; Warden's own capture is suppressed by the model). */
    String insert(String userId, String objectName, Map<String, Object> values);

    void update(String userId, String id, Map<String, Object> values);

    void delete(String userId, String id);

    /** Runs {@code work} all-or-none: a RuntimeException rolls every write inside back. */
    <T> T transaction(Supplier<T> work);

    Instant now();
}
