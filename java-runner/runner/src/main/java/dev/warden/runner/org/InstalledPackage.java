package dev.warden.runner.org;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the org's {@code InstalledSubscriberPackage} (Tooling; the query sf's {@code package installed list}
 * sends, shared/reference/devhub-packaging-wire.md §15): which version of which package, in which namespace.
 *
 * @param namespace {@code SubscriberPackage.NamespacePrefix}, null for an unnamespaced package
 */
public record InstalledPackage(
        String subscriberPackageId,
        String packageName,
        String namespace,
        String versionId,
        String versionName,
        String versionNumber) {

    public static final String SOQL = "SELECT Id, SubscriberPackageId, SubscriberPackage.NamespacePrefix,"
            + " SubscriberPackage.Name, SubscriberPackageVersion.Id, SubscriberPackageVersion.Name,"
            + " SubscriberPackageVersion.MajorVersion, SubscriberPackageVersion.MinorVersion,"
            + " SubscriberPackageVersion.PatchVersion, SubscriberPackageVersion.BuildNumber"
            + " FROM InstalledSubscriberPackage ORDER BY SubscriberPackageId";

    public static List<InstalledPackage> fromRows(List<JsonNode> rows) {
        List<InstalledPackage> out = new ArrayList<>();
        for (JsonNode r : rows) {
            JsonNode p = r.path("SubscriberPackage");
            JsonNode v = r.path("SubscriberPackageVersion");
            String ns = p.path("NamespacePrefix").asText(null);
            out.add(new InstalledPackage(
                    r.path("SubscriberPackageId").asText(null),
                    p.path("Name").asText(null),
                    ns == null || ns.isBlank() ? null : ns,
                    v.path("Id").asText(null),
                    v.path("Name").asText(null),
                    v.hasNonNull("MajorVersion")
                            ? v.path("MajorVersion").asText() + "."
                                    + v.path("MinorVersion").asText() + "."
                                    + v.path("PatchVersion").asText() + "."
                                    + v.path("BuildNumber").asText()
                            : null));
        }
        return out;
    }

    /** 15- and 18-character ids of the same record are the same version. */
    public boolean isVersion(String id) {
        return versionId != null && id != null && versionId.regionMatches(false, 0, id, 0, 15);
    }
}
