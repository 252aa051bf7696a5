package dev.warden.soql;

import java.util.function.Function;

/** The records a query reads: implemented by the local org over its record store. */
public interface SoqlSource {
    /** Describe of an object, case-insensitive name; null when unknown (-> INVALID_TYPE). */
    SObjectInfo describe(String objectName);

    /** Rows of an object (canonical API name); deleted rows included only when includeDeleted (queryAll). */
    Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted);

    /** Any row by 15- or 18-char id, or null. Used to follow reference fields (Profile.UserLicense.Name). */
    SoqlRow byId(String id);

    /**
     * Optional: the child relationships of an object (canonical name), for subqueries in SELECT such as
     * {@code SELECT Id, (SELECT PermissionSetId FROM PermissionSetAssignments) FROM User}. None by default.
     */
    default java.util.List<ChildRelationship> childRelationships(String objectApiName) {
        return java.util.List.of();
    }

    /**
     * Optional speed-up: how to read one field of the rows {@link #rows} returns for an object, resolved once per
     * query instead of a by-name lookup per row (e.g. a slot index into a row array). The default reads by name.
     */
    default Function<SoqlRow, Object> accessor(String objectApiName, String canonicalFieldName) {
        return row -> row.get(canonicalFieldName);
    }
}
