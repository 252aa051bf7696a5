package dev.warden.localorg.devhub.packaging.install;

import static dev.warden.localorg.devhub.packaging.install.InstallObjects.UNINSTALL_REQUEST;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.devhub.packaging.PackageVersion;
import dev.warden.localorg.devhub.packaging.PackageVersions;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code POST tooling/sobjects/SubscriberPackageVersionUninstallRequest} (sf package uninstall, wire reference 15):
 * the installed package's components (namespaced as installed) are removed through the deploy engine as one
 * destructive deploy — objects take their fields, records, list views and the access rows the install granted with
 * them — and the InstalledSubscriberPackage row goes. The request ends {@code Success} at once. A refusal is the
 * insert's error (HTTP 400), never an {@code Error} status: sf has no message for that status (MissingMessageError,
 * wire reference 15). Words of the refusals are UNCONFIRMED.
 */
final class PackageUninstalls {
    /** Types that leave with their parent, or cannot be deleted on their own. */
    private static final Set<String> NOT_LISTED = Set.of(
            "CustomField",
            "ListView",
            "ValidationRule",
            "RecordType",
            "CompactLayout",
            "WebLink",
            "FieldSet",
            "BusinessProcess",
            "SharingReason",
            "Index",
            "Profile",
            "ExtlClntAppGlobalOauthSettings",
            "ExtlClntAppOauthSettings",
            "ExtlClntAppOauthConfigurablePolicies",
            "ExtlClntAppConfigurablePolicies",
            "");

    private PackageUninstalls() {}

    static Response create(Request req) {
        String versionId = req.json() == null
                ? null
                : req.json().path("SubscriberPackageVersionId").asText(null);
        if (versionId == null) {
            throw new OrgException(
                    "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [SubscriberPackageVersionId]",
                    List.of("SubscriberPackageVersionId"));
        }
        PackageVersion version = PackageVersions.inThisProcess()
                .find(versionId)
                .orElseThrow(() -> new OrgException(
                        "INVALID_CROSS_REFERENCE_KEY",
                        "invalid cross reference id",
                        List.of("SubscriberPackageVersionId")));
        Org org = req.org();
        Record installed = PackageInstalls.installedRow(org, SubscriberVersions.subscriberPackageId(version));
        if (installed == null
                || installed.getString("SubscriberPackageVersionId") == null
                || !installed
                        .getString("SubscriberPackageVersionId")
                        .startsWith(version.subscriberPackageVersionId().substring(0, 15))) {
            throw new OrgException(
                    "INVALID_OPERATION",
                    "Package version " + versionId
                            + " is not installed in this org (UNINSTALL: PACKAGE_NOT_INSTALLED)");
        }
        List<String> problems = uninstall(org, version);
        if (!problems.isEmpty()) {
            throw new OrgException("UNINSTALL_FAILED", String.join("; ", problems));
        }
        org.db().delete(org.system(), installed.id());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(
                "SubscriberPackageVersionId",
                Ids.to18(version.subscriberPackageVersionId().substring(0, 15)));
        row.put("Status", "Success");
        String id = org.db().insert(org.system(), UNINSTALL_REQUEST, row);
        return Response.json(201, Map.of("id", id, "success", true, "errors", List.of()));
    }

    private static List<String> uninstall(Org org, PackageVersion version) {
        Map<String, List<String>> members;
        try {
            MdapiPackage pkg = MdapiPackage.read(version.metadataZip());
            members = version.managed() && version.namespacePrefix() != null
                    ? Namespacer.rewrite(pkg, version.namespacePrefix()).members()
                    : pkg.members();
        } catch (MdapiPackage.BadPackage | MetadataXml.MalformedXml | Namespacer.NotSupported e) {
            return List.of(e.getMessage());
        }
        Map<String, List<String>> destructive = new TreeMap<>();
        members.forEach((type, names) -> {
            if (!NOT_LISTED.contains(type) && !names.isEmpty()) {
                destructive.put(type, names);
            }
        });
        Map<String, byte[]> files = new TreeMap<>();
        files.put("package.xml", MdapiPackage.packageXml(Map.of(), "62.0").getBytes(StandardCharsets.UTF_8));
        files.put(
                "destructiveChanges.xml",
                MdapiPackage.packageXml(destructive, "62.0").getBytes(StandardCharsets.UTF_8));
        DeployOutcome outcome = DeployEngine.deploy(
                org, org.adminUserId(), MdapiPackage.zip(files), new DeployEngine.Options(false, true));
        if (!outcome.success()) {
            return PackageInstalls.problems(outcome);
        }
        for (String object : members.getOrDefault("CustomObject", List.of())) {
            for (String accessType : List.of("ObjectPermissions", "FieldPermissions")) {
                for (Record r : org.db().findBy(accessType, "SobjectType", object)) {
                    org.db().delete(org.system(), r.id());
                }
            }
        }
        return List.of();
    }
}
