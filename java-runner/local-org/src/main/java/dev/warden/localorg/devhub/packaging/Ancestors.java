package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;

/**
 * The ancestor a managed version names (the descriptor's {@code ancestorId}, a 05i): it must be a released version of
 * the same package with a lower number. sf checks "the highest released version" itself before it uploads (unless
 * {@code --skip-ancestor-check}); the hub checks what sf cannot skip. Unlocked packages have no ancestors (DOC).
 * Wordings UNCONFIRMED except the unlocked one, which is sf's own (errorAncestorNotApplicableToUnlockedPackage).
 */
final class Ancestors {
    private Ancestors() {}

    /** The ancestor's Package2Version, or null for none. */
    static Record resolve(Org hub, Record pkg, String ancestorId, VersionNumber number) {
        if (ancestorId == null || ancestorId.isBlank()) {
            return null;
        }
        if (!"Managed".equals(pkg.getString("ContainerOptions"))) {
            throw new VersionCreate.Failed("Can’t create package version. Specifying an ancestor is available only for"
                    + " second-generation managed packages. Remove the ancestorId or ancestorVersion from your"
                    + " sfdx-project.json file, and then create the package version again.");
        }
        Record a = hub.db().live(ancestorId);
        if (a == null && ancestorId.startsWith("04t")) {
            a = hub.db().findOne(PackagingObjects.PACKAGE2_VERSION, "SubscriberPackageVersionId", ancestorId);
        }
        if (a == null
                || !a.objectName().equals(PackagingObjects.PACKAGE2_VERSION)
                || !pkg.id().equals(a.getString("Package2Id"))) {
            throw new VersionCreate.Failed(
                    "The ancestor " + ancestorId + " is not a version of package " + pkg.getString("Name") + ".");
        }
        String version = a.get("MajorVersion") + "." + a.get("MinorVersion") + "." + a.get("PatchVersion");
        if (!a.is("IsReleased")) {
            throw new VersionCreate.Failed("The ancestor version (" + version + ") has not been released.");
        }
        int[] anc = {
            ((Number) a.get("MajorVersion")).intValue(),
            ((Number) a.get("MinorVersion")).intValue(),
            ((Number) a.get("PatchVersion")).intValue()
        };
        int[] now = {number.major(), number.minor(), number.patch()};
        if (java.util.Arrays.compare(anc, now) >= 0) {
            throw new VersionCreate.Failed("The ancestor version (" + version + ") must be lower than the new version ("
                    + number.majorMinorPatch() + ").");
        }
        return a;
    }
}
