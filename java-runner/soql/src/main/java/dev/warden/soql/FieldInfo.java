package dev.warden.soql;

import java.util.List;

/**
 * One field of an object. {@code referenceTo} lists the objects an ID/REFERENCE field points at and
 * {@code relationshipName} names the path segment that follows it (ProfileId -> Profile); both empty/null otherwise.
 */
public record FieldInfo(String name, FieldType type, List<String> referenceTo, String relationshipName) {
    public FieldInfo {
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
    }

    /** A field that is not a reference. */
    public static FieldInfo of(String name, FieldType type) {
        return new FieldInfo(name, type, List.of(), null);
    }

    /** A lookup field, e.g. {@code reference("ProfileId", "Profile", "Profile")}. */
    public static FieldInfo reference(String name, String relationshipName, String... referenceTo) {
        return new FieldInfo(name, FieldType.REFERENCE, List.of(referenceTo), relationshipName);
    }
}
