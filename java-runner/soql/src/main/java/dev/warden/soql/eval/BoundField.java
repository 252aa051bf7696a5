package dev.warden.soql.eval;

import dev.warden.soql.FieldInfo;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.FieldPath;
import java.util.List;

/**
 * A field path checked against the describes: the reference fields to follow ({@code hops}, each with the object it
 * leads to) and the field read at the end, all with canonical names.
 */
record BoundField(
        FieldPath path,
        SObjectInfo root,
        List<FieldInfo> hops,
        List<SObjectInfo> hopTargets,
        FieldInfo field,
        SObjectInfo owner) {

    ValueKind kind() {
        return ValueKind.of(field.type());
    }

    /** Canonical path, e.g. Profile.UserLicense.Name. */
    String canonical() {
        StringBuilder b = new StringBuilder();
        for (FieldInfo hop : hops) {
            b.append(hop.relationshipName()).append('.');
        }
        return b.append(field.name()).toString();
    }

    /**
     * A reader for one query execution. Paths through references remember, per value of the first reference, what
     * they found at the end: 100,000 users on 10 profiles follow Profile.UserLicense.Name 10 times, not 200,000.
     */
    java.util.function.Function<SoqlRow, Object> reader(SoqlSource source) {
        if (hops.isEmpty()) {
            return source.accessor(root.name(), field.name());
        }
        java.util.function.Function<SoqlRow, Object> first =
                source.accessor(root.name(), hops.get(0).name());
        java.util.Map<Object, Object> memo = new java.util.HashMap<>();
        Object none = new Object();
        return row -> {
            Object ref = first.apply(row);
            if (ref == null) {
                return null;
            }
            Object found = memo.get(ref);
            if (found == null) {
                found = read(row, source);
                memo.put(ref, found == null ? none : found);
            }
            return found == none ? null : found;
        };
    }

    /** The value at the end of the path, null when any reference on the way is empty or dangling. */
    Object read(SoqlRow row, SoqlSource source) {
        SoqlRow current = row;
        for (int i = 0; i < hops.size(); i++) {
            Object ref = current.get(hops.get(i).name());
            if (ref == null) {
                return null;
            }
            current = source.byId(ref.toString());
            if (current == null) {
                return null;
            }
        }
        return current.get(field.name());
    }
}
