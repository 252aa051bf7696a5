package dev.warden.soql;

import java.util.List;

/** Describe of one object: its canonical API name and fields. */
public record SObjectInfo(String name, List<FieldInfo> fields) {
    public SObjectInfo {
        fields = List.copyOf(fields);
    }

    /** The field with this name, compared case-insensitively; null when the object has none. */
    public FieldInfo field(String nameCaseInsensitive) {
        for (FieldInfo f : fields) {
            if (f.name().equalsIgnoreCase(nameCaseInsensitive)) {
                return f;
            }
        }
        return null;
    }

    /** The reference field whose relationship name is this (case-insensitive), e.g. Profile for ProfileId; or null. */
    public FieldInfo relationship(String relationshipNameCaseInsensitive) {
        for (FieldInfo f : fields) {
            if (f.relationshipName() != null
                    && f.relationshipName().equalsIgnoreCase(relationshipNameCaseInsensitive)) {
                return f;
            }
        }
        return null;
    }
}
