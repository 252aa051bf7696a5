package dev.warden.localorg.metadata.types;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import java.util.Map;

/** Shared by the units whose members are records with a name (Apex, static resources, custom permissions). */
final class RecordBacked {
    private RecordBacked() {}

    static void delete(Org org, String actor, String objectName, String member, Map<String, byte[]> present) {
        if (present.isEmpty()) {
            throw new IllegalArgumentException("No " + objectName + " named " + member + " found");
        }
        org.metadata().deleteNamed(actor, objectName, member);
    }

    static String id(Record r) {
        return r == null ? "" : r.id();
    }

    static double apiVersion(org.w3c.dom.Element xml) {
        String v = dev.warden.localorg.metadata.MetadataXml.text(xml, "apiVersion");
        try {
            return v == null ? 62.0 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid apiVersion " + v);
        }
    }

    static String version(Object v) {
        return v instanceof Number n
                ? String.format(java.util.Locale.ROOT, "%.1f", n.doubleValue())
                : String.valueOf(v);
    }
}
