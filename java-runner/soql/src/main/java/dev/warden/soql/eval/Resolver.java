package dev.warden.soql.eval;

import dev.warden.soql.FieldInfo;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlException;
import dev.warden.soql.SoqlSource;
import dev.warden.soql.ast.FieldPath;
import dev.warden.soql.ast.Pos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks names against the source's describes (case-insensitively) and reports Salesforce's errors. */
final class Resolver {
    private final String soql;
    private final SoqlSource source;
    private final Map<String, SObjectInfo> describes = new HashMap<>();

    Resolver(String soql, SoqlSource source) {
        this.soql = soql;
        this.source = source;
    }

    SObjectInfo describe(String name) {
        return describes.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> source.describe(name));
    }

    /** The FROM object, or INVALID_TYPE at its position. */
    SObjectInfo object(String name, Pos pos) {
        SObjectInfo info = describe(name);
        if (info == null) {
            throw error(
                    "INVALID_TYPE",
                    pos,
                    "sObject type '" + name + "' is not supported. If you are attempting to use a "
                            + "custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the "
                            + "describe call for the appropriate names.");
        }
        return info;
    }

    /**
     * Binds a path on {@code root}. A leading segment naming the object or its alias is allowed (Account.Name FROM
     * Account a, a.Name). A polymorphic reference binds to the first of its targets that has the next segment.
     */
    BoundField bind(FieldPath path, SObjectInfo root, String alias) {
        List<String> parts = path.parts();
        int first = 0;
        if (parts.size() > 1
                && (parts.get(0).equalsIgnoreCase(root.name())
                        || (alias != null && parts.get(0).equalsIgnoreCase(alias)))) {
            first = 1;
        }
        SObjectInfo current = root;
        List<FieldInfo> hops = new ArrayList<>();
        List<SObjectInfo> targets = new ArrayList<>();
        for (int i = first; i < parts.size() - 1; i++) {
            String segment = parts.get(i);
            FieldInfo hop = current.relationship(segment);
            SObjectInfo target = hop == null ? null : target(hop, parts.get(i + 1));
            if (target == null) {
                throw error(
                        "INVALID_FIELD",
                        path.pos(),
                        "Didn't understand relationship '" + segment + "' in field path. If "
                                + "you are attempting to use a custom relationship, be sure to append the '__r' after the custom "
                                + "relationship name. Please reference your WSDL or the describe call for the appropriate names.");
            }
            hops.add(hop);
            targets.add(target);
            current = target;
        }
        String name = parts.get(parts.size() - 1);
        FieldInfo field = current.field(name);
        if (field == null) {
            throw noSuchColumn(path.pos(), name, current);
        }
        return new BoundField(path, root, hops, targets, field, current);
    }

    SoqlException noSuchColumn(Pos pos, String name, SObjectInfo on) {
        return error(
                "INVALID_FIELD",
                pos,
                "No such column '" + name + "' on entity '" + on.name() + "'. If you are "
                        + "attempting to use a custom field, be sure to append the '__c' after the custom field name. Please "
                        + "reference your WSDL or the describe call for the appropriate names.");
    }

    private SObjectInfo target(FieldInfo hop, String nextSegment) {
        SObjectInfo fallback = null;
        for (String name : hop.referenceTo()) {
            SObjectInfo info = describe(name);
            if (info == null) {
                continue;
            }
            if (fallback == null) {
                fallback = info;
            }
            if (info.field(nextSegment) != null || info.relationship(nextSegment) != null) {
                return info;
            }
        }
        return fallback;
    }

    SoqlException error(String code, Pos pos, String detail) {
        return SoqlException.at(code, soql, pos.row(), pos.column(), detail);
    }
}
