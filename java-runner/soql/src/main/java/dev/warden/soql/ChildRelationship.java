package dev.warden.soql;

/**
 * A child relationship of an object, e.g. User's {@code PermissionSetAssignments}: the {@code childObject} rows whose
 * reference {@code field} (AssigneeId) points at the parent. Used by subqueries in SELECT.
 */
public record ChildRelationship(String relationshipName, String childObject, String field) {}
