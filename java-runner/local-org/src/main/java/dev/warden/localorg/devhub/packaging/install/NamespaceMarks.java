package dev.warden.localorg.devhub.packaging.install;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import java.util.List;
import java.util.Map;

/**
 * After a managed package's metadata is deployed: its classes, triggers, permission sets, custom permissions and static
 * resources keep their bare Name and carry the package's {@code NamespacePrefix}, as their records do on Salesforce
 * (so {@code apex.ApexRestNamespaces} serves the package's Apex REST under {@code /services/apexrest/<ns>/}).
 */
final class NamespaceMarks {
    /** Metadata type → (record type, its name field). */
    private static final Map<String, List<String>> RECORDS = Map.of(
            "ApexClass", List.of("ApexClass", "Name"),
            "ApexTrigger", List.of("ApexTrigger", "Name"),
            "PermissionSet", List.of("PermissionSet", "Name"),
            "CustomPermission", List.of("CustomPermission", "DeveloperName"),
            "StaticResource", List.of("StaticResource", "Name"));

    private NamespaceMarks() {}

    static int apply(Org org, String namespace, Map<String, List<String>> members) {
        int marked = 0;
        for (Map.Entry<String, List<String>> e : RECORDS.entrySet()) {
            String recordType = e.getValue().get(0);
            String nameField = e.getValue().get(1);
            if (org.schema().get(recordType) == null
                    || org.schema().get(recordType).field("NamespacePrefix") == null) {
                continue;
            }
            for (String name : members.getOrDefault(e.getKey(), List.of())) {
                for (Record r : org.db().findBy(recordType, nameField, name)) {
                    if (!namespace.equals(r.getString("NamespacePrefix"))) {
                        org.db().update(org.system(), r.id(), Map.of("NamespacePrefix", namespace));
                        marked++;
                    }
                }
            }
        }
        return marked;
    }
}
