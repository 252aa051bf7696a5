package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import java.util.Objects;

/**
 * Build numbers of a package's versions: {@code NEXT} is one more than the highest build of the same
 * major.minor.patch on the same branch (INFERRED from sf's own {@code MAX(BuildNumber)} lookups); an explicit build
 * number that exists already is refused (wording UNCONFIRMED).
 */
final class BuildNumbers {
    private BuildNumbers() {}

    static VersionNumber assign(Org hub, Record pkg, VersionNumber requested, String branch) {
        int highest = 0;
        for (Record v : hub.db().findBy(PackagingObjects.PACKAGE2_VERSION, "Package2Id", pkg.id())) {
            if (same(v, requested) && Objects.equals(branch, v.getString("Branch"))) {
                int build = ((Number) v.get("BuildNumber")).intValue();
                if (requested.build() != null && build == requested.build()) {
                    throw new VersionCreate.Failed("The version number " + requested + " already exists for package "
                            + pkg.getString("Name") + ". Use NEXT or a higher build number.");
                }
                highest = Math.max(highest, build);
            }
        }
        return requested.build() != null ? requested : requested.withBuild(highest + 1);
    }

    static boolean same(Record v, VersionNumber n) {
        return ((Number) v.get("MajorVersion")).intValue() == n.major()
                && ((Number) v.get("MinorVersion")).intValue() == n.minor()
                && ((Number) v.get("PatchVersion")).intValue() == n.patch();
    }
}
