package dev.warden.runner.flow;

import dev.warden.runner.connect.OrgConnection;
import dev.warden.runner.org.InstalledPackage;
import dev.warden.runner.salesforce.sfcli.SfCliException;
import dev.warden.runner.salesforce.sfcli.SfPackages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code up --package}: the package version installed for admins only, unless the org already has exactly that version
 * (read first from {@code InstalledSubscriberPackage}: a second run installs nothing and writes nothing).
 */
public final class PackageInstall {
    /** The installed version, and whether this run installed it. */
    public record Installed(InstalledPackage pkg, boolean installedNow, String requestId) {}

    private PackageInstall() {}

    public static Installed ensure(
            OrgConnection org, String versionId, String installationKey, boolean dryRun, Consumer<String> progress) {
        Optional<InstalledPackage> there = find(org, versionId);
        if (there.isPresent()) {
            progress.accept("package version " + versionId + " is already installed: nothing to install");
            return new Installed(there.get(), false, null);
        }
        if (dryRun) {
            progress.accept("dry run: would install " + versionId + " for admins only");
            return new Installed(null, false, null);
        }
        progress.accept("installing package version " + versionId + " for admins only (sf package install)");
        SfPackages.InstallRequest r =
                new SfPackages(org.sf()).install(org.sfTarget(), versionId, installationKey, Duration.ofMinutes(20));
        if (!r.success()) {
            throw new SfCliException(
                    "install package " + versionId,
                    "PackageInstallError",
                    "install request " + r.requestId() + " ended " + r.status()
                            + (r.errors().isEmpty() ? "" : ": " + String.join("; ", r.errors())),
                    1);
        }
        InstalledPackage now = find(org, versionId)
                .orElseThrow(() -> new SfCliException(
                        "install package " + versionId,
                        "PackageNotListed",
                        "sf reported SUCCESS for " + r.requestId() + " but InstalledSubscriberPackage does not list "
                                + versionId,
                        1));
        return new Installed(now, true, r.requestId());
    }

    static Optional<InstalledPackage> find(OrgConnection org, String versionId) {
        return installed(org).stream().filter(p -> p.isVersion(versionId)).findFirst();
    }

    /** The org's installed packages: one Tooling query of {@code InstalledSubscriberPackage}. */
    public static List<InstalledPackage> installed(OrgConnection org) {
        return InstalledPackage.fromRows(org.rest().toolingQuery(InstalledPackage.SOQL));
    }
}
