package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Queries;
import dev.warden.apex.exec.RType;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.SObjectValue;
import java.util.List;
import java.util.Map;

/**
 * Statics on SObject types: custom metadata {@code getAll()/getInstance(name)} and hierarchy custom settings
 * {@code getInstance()/getInstance(userId)/getOrgDefaults()/getValues(id)}, read from the host without SOQL.
 */
public final class SObjectTypeStatics {
    private SObjectTypeStatics() {}

    public static boolean supports(SObjectSchema s, String m) {
        if (m.equals("getsobjecttype")) {
            return true;
        }
        return switch (s.kind()) {
            case CUSTOM_METADATA -> m.equals("getall") || m.equals("getinstance");
            case HIERARCHY_SETTING -> m.equals("getinstance") || m.equals("getorgdefaults") || m.equals("getvalues");
            default -> false;
        };
    }

    public static RType returnType(SObjectSchema s, String m) {
        if (m.equals("getsobjecttype")) {
            return RType.simple(RType.Kind.NATIVE, "Schema.SObjectType");
        }
        return m.equals("getall") ? RType.map(RType.STRING_T, RType.sobject(s)) : RType.sobject(s);
    }

    public static Object call(Frame f, SObjectSchema s, String m, List<Object> a) {
        if (m.equals("getsobjecttype")) {
            // Account.getSObjectType(): the same token as Account.SObjectType
            return new SchemaLib.SObjectTypeToken(s);
        }
        if (s.kind() == SObjectSchema.Kind.CUSTOM_METADATA) {
            ApexMap all = new ApexMap(RType.STRING_T.ref(), RType.sobject(s).ref());
            for (Map<String, Object> row : f.tx.host.customMetadata(s.name())) {
                SObjectValue v = record(s, row);
                all.put(String.valueOf(row.get("DeveloperName")), v);
            }
            if (m.equals("getall")) {
                return all;
            }
            String name = Args.str(f, a, 0);
            for (Map.Entry<Object, Object> e : all.entries.values()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
        return hierarchy(f, s, m, a);
    }

    /**
     * Hierarchy custom settings as Salesforce documents them: getInstance() / getInstance(userId) merge field by field
     * from the lowest level that defines a value (user, then the user's profile, then the org default); with no record
     * for the user the answer is a new record (Id null, SetupOwnerId the user) carrying the merged values.
     * getInstance(profileId) merges profile and org. getValues(id) is that level's own record, unmerged, or null.
     * getOrgDefaults() is the org-level record, or an empty record when there is none. A null field counts as
     * undefined; checkboxes are never null, so a lower level's false wins (UNCONFIRMED).
     */
    private static Object hierarchy(Frame f, SObjectSchema s, String m, List<Object> a) {
        String orgId = f.tx.user().organizationId();
        String id = a.isEmpty()
                ? f.tx.user().id()
                : a.get(0) == null ? null : a.get(0).toString();
        switch (m) {
            case "getorgdefaults": {
                Map<String, Object> org = f.tx.host.hierarchySettingRecord(s.name(), orgId);
                return org == null ? new SObjectValue(s) : record(s, org);
            }
            case "getvalues": {
                if (id == null) {
                    throw Errors.npe(f);
                }
                Map<String, Object> own = f.tx.host.hierarchySettingRecord(s.name(), id);
                return own == null ? null : record(s, own);
            }
            case "getinstance": {
                if (id == null) {
                    throw Errors.npe(f);
                }
                List<String> levels = new java.util.ArrayList<>();
                levels.add(id);
                if (id.startsWith("005")) {
                    var user = f.tx.host.user(id);
                    if (user != null && user.profileId() != null) {
                        levels.add(user.profileId());
                    }
                }
                if (!id.startsWith("00D")) {
                    levels.add(orgId);
                }
                Map<String, Object> merged = new java.util.LinkedHashMap<>();
                Map<String, Object> lowest = null;
                for (String owner : levels) {
                    Map<String, Object> row = f.tx.host.hierarchySettingRecord(s.name(), owner);
                    if (row == null) {
                        continue;
                    }
                    if (lowest == null) {
                        lowest = row;
                    }
                    row.forEach((k, v) -> {
                        if (v != null && merged.get(k) == null) {
                            merged.put(k, v);
                        }
                    });
                }
                Map<String, Object> own = f.tx.host.hierarchySettingRecord(s.name(), id);
                merged.remove("Id");
                merged.remove("SetupOwnerId");
                if (own != null) {
                    merged.put("Id", own.get("Id"));
                }
                merged.put("SetupOwnerId", ApexId.parse(id).toString());
                if (own == null && lowest != null) {
                    // a new record: the merged values, not the higher level's own system fields
                    for (String system : List.of(
                            "Name",
                            "CreatedById",
                            "CreatedDate",
                            "LastModifiedById",
                            "LastModifiedDate",
                            "SystemModstamp",
                            "IsDeleted")) {
                        merged.remove(system);
                    }
                }
                return record(s, merged);
            }
            default:
                throw Errors.unsupported(s.name() + "." + m, f);
        }
    }

    private static SObjectValue record(SObjectSchema s, Map<String, Object> row) {
        SObjectValue v = new SObjectValue(s);
        for (Map.Entry<String, Object> e : row.entrySet()) {
            var fi = s.field(e.getKey());
            Object val = Queries.fromStore(fi, e.getValue());
            v.put(
                    fi == null ? e.getKey() : fi.name(),
                    val instanceof String str && fi != null && fi.type().isId() ? ApexId.parse(str) : val);
        }
        return v;
    }
}
