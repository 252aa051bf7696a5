package dev.warden.soql;

import java.util.List;

/**
 * Describe of one object: its canonical API name and fields.
 *
 * @param namespaces namespaces whose components an unqualified name may also mean, tried in order after the exact
 *     name (Apex of a managed package says {@code Status__c} for {@code wdn__Status__c}); empty for every caller
 *     outside such code, so the APIs stay strict
 */
public record SObjectInfo(String name, List<FieldInfo> fields, List<String> namespaces) {
    public SObjectInfo {
        fields = List.copyOf(fields);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }

    public SObjectInfo(String name, List<FieldInfo> fields) {
        this(name, fields, List.of());
    }

    /** The same describe, resolving unqualified names in these namespaces too. */
    public SObjectInfo withNamespaces(List<String> namespacesToTry) {
        return new SObjectInfo(name, fields, namespacesToTry);
    }

    /** The field with this name, compared case-insensitively; null when the object has none. */
    public FieldInfo field(String nameCaseInsensitive) {
        FieldInfo exact = exactField(nameCaseInsensitive);
        if (exact != null || nameCaseInsensitive == null) {
            return exact;
        }
        for (String ns : namespaces) {
            FieldInfo f = exactField(ns + "__" + nameCaseInsensitive);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The reference field whose relationship name is this (case-insensitive), e.g. Profile for ProfileId; or null. */
    public FieldInfo relationship(String relationshipNameCaseInsensitive) {
        FieldInfo exact = exactRelationship(relationshipNameCaseInsensitive);
        if (exact != null || relationshipNameCaseInsensitive == null) {
            return exact;
        }
        for (String ns : namespaces) {
            FieldInfo f = exactRelationship(ns + "__" + relationshipNameCaseInsensitive);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private FieldInfo exactField(String nameCaseInsensitive) {
        for (FieldInfo f : fields) {
            if (f.name().equalsIgnoreCase(nameCaseInsensitive)) {
                return f;
            }
        }
        return null;
    }

    private FieldInfo exactRelationship(String relationshipNameCaseInsensitive) {
        for (FieldInfo f : fields) {
            if (f.relationshipName() != null
                    && f.relationshipName().equalsIgnoreCase(relationshipNameCaseInsensitive)) {
                return f;
            }
        }
        return null;
    }
}
