package dev.warden.localorg.devhub.packaging;

/**
 * What the hub's SubscriberPackageVersion row says about a version beyond {@link PackageVersion}: the texts and the
 * subscriber package (033) a subscriber org shows for it (sf's install and installed-list queries read them). Kept
 * beside the version in {@link PackageVersions#labels}, so a subscriber org never needs the hub's records.
 *
 * @param subscriberPackageVersionId the 04t
 * @param versionName the version's name (sfdx-project.json {@code versionName}, e.g. "ver 0.1")
 * @param description the version's description, or null
 * @param subscriberPackageId the package's 033 id (the same for every version of one package)
 * @param orgDependent the package is an org-dependent unlocked package
 * @param publisherName the hub org's name
 */
public record PackageVersionLabels(
        String subscriberPackageVersionId,
        String versionName,
        String description,
        String subscriberPackageId,
        boolean orgDependent,
        String publisherName) {}
