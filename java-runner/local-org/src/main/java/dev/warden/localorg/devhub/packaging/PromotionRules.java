package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.setup.Org;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What Salesforce requires before a version is released (devhub-packaging-wire.md 10 and 18, DOC "Code Coverage for
 * Unlocked Packages", "Skip Validation"). sf checks none of it; the platform's refusal is shown as returned. Only the
 * "previously released" refusal's wording is confirmed (sf matches on it, forcedotcom/cli discussion #2383); the other
 * texts and the error code are UNCONFIRMED.
 */
final class PromotionRules {
    static final String REFUSED = "INVALID_OPERATION"; // error code UNCONFIRMED

    private PromotionRules() {}

    static void check(Org hub, Record v) {
        if (v.is("IsDeprecated")) {
            throw refuse("Can't promote the package version. The package version is deprecated.");
        }
        if (v.is("ValidationSkipped")) {
            throw refuse("Can't promote the package version. You can promote only validated package versions to the"
                    + " released state, and this version was created with --skip-validation. Create the version again"
                    + " without --skip-validation (and with --code-coverage), then promote it.");
        }
        Record pkg = hub.db().live(v.getString("Package2Id"));
        boolean coverageExempt = pkg != null && pkg.is("IsOrgDependent"); // DOC: not calculated for org-dependent
        if (!coverageExempt) {
            Double percent = percent(v.getString("CodeCoverage"));
            if (percent == null) {
                throw refuse("Code coverage has not been run for this version. Code coverage must be run during"
                        + " version creation and meet the minimum coverage requirement to promote the version. Create"
                        + " the version again with --code-coverage.");
            }
            if (percent < BuildOrg.REQUIRED_PERCENT) {
                throw refuse("The package version's code coverage is " + format(percent) + "%. Package versions"
                        + " must have at least 75% code coverage to be promoted. Add Apex tests and create a new"
                        + " version with --code-coverage.");
            }
            if (!v.is("HasPassedCodeCoverageCheck")) {
                throw refuse("The package version hasn't passed the code coverage check: every Apex trigger in the"
                        + " package needs some test coverage. Add tests that fire the triggers and create a new version"
                        + " with --code-coverage.");
            }
        }
        for (Record other :
                hub.db().findBy(PackagingObjects.PACKAGE2_VERSION, "Package2Id", v.getString("Package2Id"))) {
            if (!other.id().equals(v.id())
                    && other.is("IsReleased")
                    && other.get("MajorVersion").equals(v.get("MajorVersion"))
                    && other.get("MinorVersion").equals(v.get("MinorVersion"))
                    && other.get("PatchVersion").equals(v.get("PatchVersion"))) {
                // sf rewrites a DUPLICATE_VALUE containing "previously released" into its own message.
                throw new OrgException(
                        "DUPLICATE_VALUE",
                        "Version " + v.get("MajorVersion") + "." + v.get("MinorVersion") + "." + v.get("PatchVersion")
                                + " was previously released.",
                        List.of("IsReleased"));
            }
        }
    }

    private static OrgException refuse(String message) {
        return new OrgException(REFUSED, message, List.of("IsReleased"));
    }

    static Double percent(String codeCoverageJson) {
        if (codeCoverageJson == null) {
            return null;
        }
        try {
            var node = Json.MAPPER.readTree(codeCoverageJson).path("apexCodeCoveragePercentage");
            return node.isNumber() ? node.asDouble() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String format(double percent) {
        return percent == Math.floor(percent)
                ? String.valueOf((long) percent)
                : String.format(Locale.ROOT, "%.2f", percent);
    }
}
