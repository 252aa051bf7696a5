package dev.warden.localorg.devhub.packaging;

import java.util.Arrays;
import java.util.Objects;

/**
 * One 2GP package version as the Dev Hub built it and a subscriber org installs it: the ids sf sees, the package's
 * namespace and type, the version number, the validation outcome, and the metadata the build org validated (the
 * Metadata API zip taken from the uploaded VersionInfo). Values only; {@link PackageVersions} holds them.
 *
 * @param subscriberPackageVersionId the 04t id (what {@code sf package install --package} takes)
 * @param package2VersionId the 05i id on the hub
 * @param package2Id the 0Ho id of the package on the hub
 * @param packageName the package's name
 * @param namespacePrefix the namespace of a managed (or namespaced unlocked) package; null without one
 * @param containerType {@code Managed} or {@code Unlocked}
 * @param versionNumber major.minor.patch.build as released (build resolved, no {@code NEXT})
 * @param ancestorId the 04t this version upgrades from; null for the first version
 * @param installationKeySha256 hex SHA-256 of the installation key; null when created with the key bypassed. The
 *     key itself is never stored.
 * @param released whether {@code sf package version promote} released it
 * @param codeCoveragePercent measured Apex line coverage of the package's classes in the build org; null when the
 *     version was created without {@code --code-coverage} (never an invented figure)
 * @param hasPassedCodeCoverageCheck coverage measured, at least 75% and every trigger covered
 * @param validationSkipped created with {@code --skip-validation}
 * @param metadataZip the package's Metadata API zip (package.xml at its root)
 */
public record PackageVersion(
        String subscriberPackageVersionId,
        String package2VersionId,
        String package2Id,
        String packageName,
        String namespacePrefix,
        String containerType,
        String versionNumber,
        String ancestorId,
        String installationKeySha256,
        boolean released,
        Double codeCoveragePercent,
        boolean hasPassedCodeCoverageCheck,
        boolean validationSkipped,
        byte[] metadataZip) {

    public PackageVersion {
        Objects.requireNonNull(subscriberPackageVersionId, "subscriberPackageVersionId");
        Objects.requireNonNull(containerType, "containerType");
        Objects.requireNonNull(versionNumber, "versionNumber");
        metadataZip = metadataZip == null ? new byte[0] : metadataZip.clone();
    }

    @Override
    public byte[] metadataZip() {
        return metadataZip.clone();
    }

    /** The same version, released by promote. */
    public PackageVersion promoted() {
        return new PackageVersion(
                subscriberPackageVersionId,
                package2VersionId,
                package2Id,
                packageName,
                namespacePrefix,
                containerType,
                versionNumber,
                ancestorId,
                installationKeySha256,
                true,
                codeCoveragePercent,
                hasPassedCodeCoverageCheck,
                validationSkipped,
                metadataZip);
    }

    public boolean managed() {
        return "Managed".equals(containerType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageVersion v
                && subscriberPackageVersionId.equals(v.subscriberPackageVersionId)
                && released == v.released;
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscriberPackageVersionId, released);
    }

    @Override
    public String toString() {
        return "PackageVersion[" + subscriberPackageVersionId + " " + packageName + " " + versionNumber
                + (released ? " released" : " beta") + ", " + Arrays.hashCode(metadataZip) + "]";
    }
}
