package dev.warden.localorg.devhub.packaging;

import static dev.warden.localorg.devhub.PlatformObjects.bool;
import static dev.warden.localorg.devhub.PlatformObjects.integer;
import static dev.warden.localorg.devhub.PlatformObjects.ref;
import static dev.warden.localorg.devhub.PlatformObjects.str;
import static dev.warden.localorg.devhub.PlatformObjects.text;

import dev.warden.localorg.devhub.PlatformObjects;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType.Capabilities;
import dev.warden.localorg.model.Schema;

/**
 * The Tooling objects of 2GP packaging a Dev Hub holds (devhub-packaging-wire.md 6–12, 19), with the fields sf reads
 * at API 67.0. Every field is read-only to API callers: the packaging routes write them as the platform (so the data
 * API's generic PATCH cannot release a version around the promote checks). Key prefixes 0Ho, 05i, 08c, 04t are
 * Salesforce's (sf checks them); Package2VersionCreateRequestError's and NamespaceRegistry's are UNCONFIRMED (sf never
 * checks them).
 */
public final class PackagingObjects {
    public static final String PACKAGE2 = "Package2";
    public static final String PACKAGE2_VERSION = "Package2Version";
    public static final String CREATE_REQUEST = "Package2VersionCreateRequest";
    public static final String CREATE_REQUEST_ERROR = "Package2VersionCreateRequestError";
    public static final String SUBSCRIBER_PACKAGE_VERSION = "SubscriberPackageVersion";
    public static final String NAMESPACE_REGISTRY = "NamespaceRegistry";

    private PackagingObjects() {}

    /** Defines (or extends, if another unit defined them first) the packaging objects on a Dev Hub's schema. */
    public static void define(Schema schema) {
        Capabilities readOnly = Capabilities.READ_ONLY;
        PlatformObjects.define(
                schema,
                PACKAGE2,
                "0Ho",
                "Package",
                readOnly,
                str("Name", 255),
                text("Description"),
                str("NamespacePrefix", 15),
                str("ContainerOptions", 40),
                bool("IsOrgDependent"),
                str("PackageErrorUsername", 255),
                str("SubscriberPackageId", 18),
                bool("IsDeprecated"),
                str("ConvertedFromPackageId", 18),
                bool("AppAnalyticsEnabled"),
                str("RecommendedVersionId", 18));
        PlatformObjects.define(
                schema,
                SUBSCRIBER_PACKAGE_VERSION,
                "04t",
                "Subscriber Package Version",
                readOnly,
                str("Name", 255),
                text("Description"),
                str("SubscriberPackageId", 18),
                integer("MajorVersion"),
                integer("MinorVersion"),
                integer("PatchVersion"),
                integer("BuildNumber"),
                str("Package2ContainerOptions", 40),
                bool("IsBeta"),
                bool("IsDeprecated"),
                bool("IsManaged"),
                bool("IsOrgDependent"),
                bool("IsPasswordProtected"),
                bool("IsSecurityReviewed"),
                str("ReleaseState", 40),
                str("InstallValidationStatus", 80),
                str("PublisherName", 255),
                text("Dependencies"),
                str("PostInstallUrl", 255),
                str("ReleaseNotesUrl", 255));
        PlatformObjects.define(
                schema,
                PACKAGE2_VERSION,
                "05i",
                "Package Version",
                readOnly,
                ref("Package2Id", "Package2", PACKAGE2),
                ref("SubscriberPackageVersionId", "SubscriberPackageVersion", SUBSCRIBER_PACKAGE_VERSION),
                str("Name", 255),
                text("Description"),
                str("Tag", 255),
                str("Branch", 255),
                str("AncestorId", 18),
                bool("ValidationSkipped"),
                bool("ValidatedAsync"),
                integer("MajorVersion"),
                integer("MinorVersion"),
                integer("PatchVersion"),
                integer("BuildNumber"),
                bool("IsDeprecated"),
                bool("IsPasswordProtected"),
                text("CodeCoverage"),
                text("CodeCoveragePercentages"),
                bool("HasPassedCodeCoverageCheck"),
                str("InstallKey", 255),
                bool("IsReleased"),
                str("ConvertedFromVersionId", 18),
                FieldDef.of("ReleaseVersion", FieldType.DOUBLE).readOnly(),
                integer("BuildDurationInSeconds"),
                bool("HasMetadataRemoved"),
                integer("EndToEndBuildDurationInSeconds"),
                bool("HasVpi"),
                str("Language", 40),
                integer("TotalNumberOfMetadataFiles"),
                FieldDef.of("TotalSizeOfMetadataFiles", FieldType.LONG).readOnly());
        PlatformObjects.define(
                schema,
                CREATE_REQUEST,
                "08c",
                "Package Version Create Request",
                readOnly,
                ref("Package2Id", "Package2", PACKAGE2),
                ref("Package2VersionId", "Package2Version", PACKAGE2_VERSION),
                str("Status", 40),
                str("Tag", 255),
                str("Branch", 255),
                str("InstallKey", 255),
                str("Instance", 40),
                str("SourceOrg", 18),
                bool("CalculateCodeCoverage"),
                bool("SkipValidation"),
                bool("AsyncValidation"),
                bool("IsDevUsePkgZipRequested"),
                str("Language", 40),
                bool("CalcTransitiveDependencies"),
                bool("IsConversionRequest"));
        PlatformObjects.define(
                schema,
                CREATE_REQUEST_ERROR,
                "0Hx",
                "Package Version Create Request Error",
                readOnly,
                ref("ParentRequestId", "ParentRequest", CREATE_REQUEST),
                text("Message"));
        PlatformObjects.define(
                schema,
                NAMESPACE_REGISTRY,
                "0Nr",
                "Namespace Registry",
                readOnly,
                str("NamespacePrefix", 15),
                str("RegisteredOrgId", 18));
    }
}
