package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a built version where sf and the subscriber orgs look for it: the hub's Package2Version (05i) and
 * SubscriberPackageVersion (04t) rows, and the process-wide {@link PackageVersions} registry (what install reads).
 * The installation key is kept only as a SHA-256 hash; {@code InstallKey} reads null, as on Salesforce (DOC).
 */
final class VersionRecords {
    /** The platform release the local org serves (Package2Version.ReleaseVersion). */
    static final double RELEASE_VERSION = dev.warden.localorg.rest.RestApi.MAX_VERSION;

    private VersionRecords() {}

    /**
     * @param build what the build org measured, or null for a version created with skip validation
     */
    record Built(
            Record pkg,
            VersionNumber number,
            String name,
            String description,
            String tag,
            String branch,
            String language,
            Record ancestor,
            String installKey,
            boolean skipValidation,
            boolean asyncValidation,
            BuildOrg.Outcome build,
            byte[] packageZip,
            int metadataFiles,
            long metadataBytes,
            int buildSeconds) {}

    /** Stores the version; returns its Package2Version id. */
    static String store(Org hub, Caller caller, Built b) {
        PackageVersions registry = PackageVersions.inThisProcess();
        String spvId = Ids.to18(registry.nextSubscriberPackageVersionId());
        while (hub.db().retrieve(spvId) != null) {
            // A hub loaded from its state file keeps the 04t rows of an earlier process; the counter is per process.
            spvId = Ids.to18(registry.nextSubscriberPackageVersionId());
        }
        boolean managed = "Managed".equals(b.pkg().getString("ContainerOptions"));
        BuildOrg.Coverage coverage = b.build() == null ? null : b.build().coverage();
        Map<String, Object> spv = new LinkedHashMap<>();
        spv.put("Id", spvId);
        spv.put("Name", b.name());
        spv.put("Description", b.description());
        spv.put("SubscriberPackageId", b.pkg().getString("SubscriberPackageId"));
        spv.put("MajorVersion", b.number().major());
        spv.put("MinorVersion", b.number().minor());
        spv.put("PatchVersion", b.number().patch());
        spv.put("BuildNumber", b.number().build());
        spv.put("Package2ContainerOptions", b.pkg().getString("ContainerOptions"));
        spv.put("IsBeta", true);
        spv.put("IsDeprecated", false);
        spv.put("IsManaged", managed);
        spv.put("IsOrgDependent", b.pkg().is("IsOrgDependent"));
        spv.put("IsPasswordProtected", b.installKey() != null);
        spv.put("IsSecurityReviewed", false);
        spv.put("ReleaseState", "Beta");
        spv.put("InstallValidationStatus", "NO_ERRORS_DETECTED");
        spv.put("PublisherName", hub.db().live(hub.orgId()).getString("Name"));
        hub.db().insert(caller, PackagingObjects.SUBSCRIBER_PACKAGE_VERSION, spv);

        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Package2Id", b.pkg().id());
        v.put("SubscriberPackageVersionId", spvId);
        v.put("Name", b.name());
        v.put("Description", b.description());
        v.put("Tag", b.tag());
        v.put("Branch", b.branch());
        // Salesforce stores the ancestor's 04t here although the descriptor names its 05i (wire reference 11).
        v.put("AncestorId", b.ancestor() == null ? null : b.ancestor().getString("SubscriberPackageVersionId"));
        v.put("ValidationSkipped", b.skipValidation());
        v.put("ValidatedAsync", b.asyncValidation());
        v.put("MajorVersion", b.number().major());
        v.put("MinorVersion", b.number().minor());
        v.put("PatchVersion", b.number().patch());
        v.put("BuildNumber", b.number().build());
        v.put("IsDeprecated", false);
        v.put("IsPasswordProtected", b.installKey() != null);
        v.put(
                "CodeCoverage",
                coverage == null
                        ? null
                        : Json.string(Map.of("apexCodeCoveragePercentage", rounded(coverage.percent()))));
        v.put("HasPassedCodeCoverageCheck", coverage != null && coverage.passes());
        v.put("IsReleased", false);
        v.put("ReleaseVersion", RELEASE_VERSION);
        v.put("BuildDurationInSeconds", b.buildSeconds());
        v.put("EndToEndBuildDurationInSeconds", b.buildSeconds());
        v.put("HasMetadataRemoved", false);
        v.put("HasVpi", false);
        v.put("Language", b.language());
        v.put("TotalNumberOfMetadataFiles", b.metadataFiles());
        v.put("TotalSizeOfMetadataFiles", b.metadataBytes());
        String versionId = hub.db().insert(caller, PackagingObjects.PACKAGE2_VERSION, v);

        registry.put(new PackageVersion(
                spvId,
                versionId,
                b.pkg().id(),
                b.pkg().getString("Name"),
                b.pkg().getString("NamespacePrefix"),
                b.pkg().getString("ContainerOptions"),
                b.number().toString(),
                b.ancestor() == null ? null : b.ancestor().getString("SubscriberPackageVersionId"),
                sha256(b.installKey()),
                false,
                coverage == null ? null : coverage.percent(),
                coverage != null && coverage.passes(),
                b.skipValidation(),
                b.packageZip()));
        registry.putLabels(new PackageVersionLabels(
                spvId,
                b.name(),
                b.description(),
                b.pkg().getString("SubscriberPackageId"),
                b.pkg().is("IsOrgDependent"),
                (String) spv.get("PublisherName")));
        return versionId;
    }

    /** Two decimals: the figure sf prints is the measured one, not rounded up to pass a threshold. */
    static double rounded(double percent) {
        return Math.floor(percent * 100) / 100;
    }

    static String sha256(String key) {
        if (key == null) {
            return null;
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
