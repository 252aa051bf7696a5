package dev.warden.apex.host;

import dev.warden.soql.QueryResult;
import dev.warden.soql.Soql;
import dev.warden.soql.SoqlSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Everything the Apex runtime needs from an org. The local org implements it over its record store (see
 * docs/apex-runtime.md "What the local-org wiring needs"); tests use an in-memory host. Record values crossing this
 * boundary use the soql module's conventions: String (ids too), Boolean, Integer/Long/Double/BigDecimal, LocalDate,
 * Instant, byte[] (base64 fields), or null; field names are canonical API names.
 */
public interface ApexHost {
    /** Describe of an object by case-insensitive API name, or null when the org has no such object. */
    SObjectSchema describe(String objectName);

    /** The object whose records' ids start with this 3-character prefix, or null. */
    SObjectSchema describeByKeyPrefix(String keyPrefix);

    /**
     * The rows a query sees: the host applies the visibility filter (a test's SeeAllData=false isolation, deleted
     * rows) and, in USER mode, the user's object access (throwing what Salesforce throws).
     */
    SoqlSource soqlSource(AccessMode mode, String userId);

    /** Runs one query; the default evaluates it with the soql module over {@link #soqlSource}. */
    default QueryResult query(HostQuery q) {
        return Soql.execute(q.statement(), soqlSource(q.mode(), q.userId()), q.options());
    }

    /**
     * One DML statement or Database call: all rows of one object, in order. The host runs its order of execution
     * (validation, triggers per chunk of 200, platform rules) and answers one result per row. With
     * {@code allOrNone} any failure rolls back the whole call (the results then say which rows failed).
     */
    List<DmlRowResult> dml(
            DmlOperation operation,
            String objectName,
            List<Map<String, Object>> rows,
            boolean allOrNone,
            AccessMode mode,
            String userId);

    /** A mark to roll back to (Database.setSavepoint). */
    Object setSavepoint();

    /** Undo every write since the mark (Database.rollback). */
    void rollback(Object savepoint);

    /** Custom metadata records of a type (e.g. Protection_Policy__mdt), with DeveloperName and field values. */
    List<Map<String, Object>> customMetadata(String typeName);

    /**
     * The hierarchy custom setting values that apply to a user (user, then profile, then org default, merged as the
     * host implements it), or null when none exists. {@code userId} null asks for the org defaults only.
     */
    Map<String, Object> hierarchySetting(String typeName, String userId);

    /**
     * The one hierarchy custom setting record whose SetupOwnerId is {@code ownerId} (a user, a profile or the org),
     * unmerged, or null. The runtime merges the levels itself (getInstance); hosts that cannot answer fail loudly.
     */
    default Map<String, Object> hierarchySettingRecord(String typeName, String ownerId) {
        throw new UnsupportedOperationException("this Apex host does not read hierarchy custom settings by level");
    }

    /**
     * Whether a field is an auto-number field (DescribeFieldResult.isAutoNumber), or null when the host cannot tell;
     * the runtime then fails loudly rather than guess.
     */
    default Boolean isAutoNumber(String objectName, String fieldName) {
        return null;
    }

    /** A user by id (System.runAs, UserInfo), or null. */
    HostUser user(String userId);

    /** The user an entry point runs as when it starts (API caller, test runner). */
    HostUser defaultUser();

    boolean hasCustomPermission(String userId, String permissionName);

    ObjectAccess objectAccess(String userId, String objectName);

    /** EventBus.publish: one result per event; failures are reported, not thrown. */
    List<DmlRowResult> publish(String eventType, List<Map<String, Object>> events);

    Clock clock();
}
