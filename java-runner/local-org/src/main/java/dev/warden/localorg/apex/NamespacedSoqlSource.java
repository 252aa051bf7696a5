package dev.warden.localorg.apex;

import dev.warden.localorg.model.Namespaces;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Schema;
import dev.warden.soql.ChildRelationship;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The store as Apex SOQL of an installed managed package sees it: {@code FROM Scan_Request__c}, {@code Status__c} and
 * {@code Quarantine_Items__r} also name {@code wdn__Scan_Request__c}, {@code wdn__Status__c} and
 * {@code wdn__Quarantine_Items__r} ({@link Namespaces}). Rows and results carry the full names, as on Salesforce. An
 * org without namespaced objects gets its base source unchanged.
 */
final class NamespacedSoqlSource implements SoqlSource {
    private final SoqlSource base;
    private final Schema schema;
    private final List<String> namespaces;

    private NamespacedSoqlSource(SoqlSource base, Schema schema, List<String> namespaces) {
        this.base = base;
        this.schema = schema;
        this.namespaces = namespaces;
    }

    static SoqlSource over(SoqlSource base, Schema schema) {
        List<String> namespaces = Namespaces.of(schema);
        return namespaces.isEmpty() ? base : new NamespacedSoqlSource(base, schema, namespaces);
    }

    @Override
    public SObjectInfo describe(String objectName) {
        SObjectInfo exact = base.describe(objectName);
        if (exact == null) {
            SObjectType t = Namespaces.resolve(schema, objectName);
            exact = t == null ? null : base.describe(t.name());
        }
        return exact == null ? null : exact.withNamespaces(namespaces);
    }

    @Override
    public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
        return base.rows(objectApiName, includeDeleted);
    }

    @Override
    public SoqlRow byId(String id) {
        return base.byId(id);
    }

    @Override
    public List<ChildRelationship> childRelationships(String objectApiName) {
        List<ChildRelationship> out = new ArrayList<>(base.childRelationships(objectApiName));
        for (ChildRelationship c : List.copyOf(out)) {
            String ns = c.relationshipName() == null ? null : namespaceOfRelationship(c.relationshipName());
            if (ns != null) {
                out.add(new ChildRelationship(
                        c.relationshipName().substring(ns.length() + 2), c.childObject(), c.field()));
            }
        }
        return out;
    }

    private String namespaceOfRelationship(String relationshipName) {
        for (String ns : namespaces) {
            if (relationshipName.toLowerCase(java.util.Locale.ROOT).startsWith(ns + "__")) {
                return ns;
            }
        }
        return null;
    }

    @Override
    public Function<SoqlRow, Object> accessor(String objectApiName, String canonicalFieldName) {
        return base.accessor(objectApiName, canonicalFieldName);
    }
}
