package dev.warden.localorg.devhub.packaging.install;

import static dev.warden.localorg.devhub.PlatformObjects.bool;
import static dev.warden.localorg.devhub.PlatformObjects.integer;
import static dev.warden.localorg.devhub.PlatformObjects.ref;
import static dev.warden.localorg.devhub.PlatformObjects.str;
import static dev.warden.localorg.devhub.PlatformObjects.text;

import dev.warden.localorg.devhub.PlatformObjects;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.SObjectType.Capabilities;
import dev.warden.localorg.model.Schema;

/**
 * The Tooling objects a subscriber org answers for {@code sf package install / install report / installed list /
 * uninstall} (devhub-packaging-wire.md 13–15): fields are the ones sf reads or writes. Key prefixes 04t, 033, 0Hf and
 * 06y are sf's own (wire reference 0.2); InstalledSubscriberPackage's {@code 0A3} and
 * PackageVersionUninstallRequestError's {@code 0Hy} are UNCONFIRMED (sf never checks them).
 */
final class InstallObjects {
    static final String SPV = "SubscriberPackageVersion";
    static final String SUBSCRIBER_PACKAGE = "SubscriberPackage";
    static final String INSTALLED = "InstalledSubscriberPackage";
    static final String INSTALL_REQUEST = "PackageInstallRequest";
    static final String UNINSTALL_REQUEST = "SubscriberPackageVersionUninstallRequest";
    static final String UNINSTALL_ERROR = "PackageVersionUninstallRequestError";

    private InstallObjects() {}

    static void define(Schema schema) {
        Capabilities readOnly = Capabilities.READ_ONLY;
        Capabilities readCreate = new Capabilities(true, false, false, true, false, false);
        PlatformObjects.define(
                schema,
                SUBSCRIBER_PACKAGE,
                "033",
                "Subscriber Package",
                readOnly,
                str("Name", 255),
                str("NamespacePrefix", 15),
                str("Description", 255));
        FieldDef.Builder[] spvFields = {
            str("Name", 255),
            str("Description", 255),
            ref("SubscriberPackageId", "SubscriberPackage", SUBSCRIBER_PACKAGE),
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
            str("AppExchangeDescription", 255),
            str("AppExchangeLogoUrl", 255),
            str("AppExchangePackageName", 255),
            str("AppExchangePublisherName", 255),
            str("PostInstallUrl", 255),
            str("ReleaseNotesUrl", 255),
            text("Dependencies"),
            text("CspTrustedSites"),
            text("RemoteSiteSettings"),
            text("Profiles")
        };
        if (schema.get(SPV) == null) {
            PlatformObjects.define(schema, SPV, "04t", "Subscriber Package Version", readOnly, spvFields);
        } else {
            // a Dev Hub already defines it (its built versions, devhub.packaging): add only what sf's install reads
            for (FieldDef.Builder f : spvFields) {
                FieldDef def = f.build();
                if (schema.get(SPV).field(def.name()) == null) {
                    schema.putField(SPV, def);
                }
            }
        }
        PlatformObjects.define(
                schema,
                INSTALLED,
                "0A3",
                "Installed Subscriber Package",
                readOnly,
                ref("SubscriberPackageId", "SubscriberPackage", SUBSCRIBER_PACKAGE),
                ref("SubscriberPackageVersionId", "SubscriberPackageVersion", SPV));
        PlatformObjects.define(
                schema,
                INSTALL_REQUEST,
                "0Hf",
                "Package Install Request",
                readCreate,
                str("SubscriberPackageVersionKey", 18),
                str("Status", 40),
                str("SecurityType", 40),
                str("ApexCompileType", 40),
                str("NameConflictResolution", 40),
                str("PackageInstallSource", 40),
                str("UpgradeType", 40),
                bool("EnableRss"),
                str("SkipHandlers", 255),
                text("Errors"));
        PlatformObjects.define(
                schema,
                UNINSTALL_REQUEST,
                "06y",
                "Subscriber Package Version Uninstall Request",
                readCreate,
                str("SubscriberPackageVersionId", 18),
                str("Status", 40));
        PlatformObjects.define(
                schema,
                UNINSTALL_ERROR,
                "0Hy",
                "Package Version Uninstall Request Error",
                readOnly,
                ref("ParentRequestId", "ParentRequest", UNINSTALL_REQUEST),
                text("Message"));
    }
}
