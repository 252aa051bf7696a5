package dev.warden.localorg.metadata;

import dev.warden.localorg.setup.Org;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The org's metadata as mdapi files, for retrieve, readMetadata and listMetadata: each type's unit generates them
 * from where the org keeps it (records, the schema, metadata-held state) or gives back the deployed files.
 */
public final class OrgMetadataFiles {
    private OrgMetadataFiles() {}

    /** Member names of a type present in the org, sorted (case-insensitive); empty for an unknown type. */
    public static List<String> list(Org org, String type) {
        MetadataUnit unit = MetadataUnits.find(type);
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (unit != null) {
            out.addAll(unit.list(org));
        }
        return List.copyOf(out);
    }

    /** The component's files (path relative to the package root to bytes); empty when the org has no such member. */
    public static Map<String, byte[]> files(Org org, String type, String member) {
        MetadataUnit unit = MetadataUnits.find(type);
        return unit == null ? new LinkedHashMap<>() : unit.files(org, member);
    }

    /** The component's metadata XML (for content types, its -meta.xml), or null when absent. */
    public static String mainXml(Org org, String type, String member) {
        MetadataUnit unit = MetadataUnits.find(type);
        return unit == null ? null : unit.readXml(org, member);
    }
}
