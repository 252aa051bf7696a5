package dev.warden.localorg.devhub.packaging.install;

import static dev.warden.localorg.devhub.packaging.install.InstallObjects.SPV;
import static dev.warden.localorg.devhub.packaging.install.InstallObjects.SUBSCRIBER_PACKAGE;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.devhub.packaging.PackageVersion;
import dev.warden.localorg.devhub.packaging.PackageVersions;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.rest.ToolingQueries;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SubscriberPackageVersion as every local org sees it: the 04t versions the Dev Hubs of this process built
 * ({@link PackageVersions}), copied into the org's own table when a query or an install asks for one, so the ordinary
 * Tooling query engine answers sf's two SPV queries (wire reference 13.1). The installation key clause
 * {@code AND InstallationKey ='K'} is checked here against the stored SHA-256 and then dropped from the query (the key
 * is never stored nor logged); Salesforce's words for a missing or wrong key (forcedotcom/packaging PR #580; the
 * error code is UNCONFIRMED, {@code INVALID_INSTALLATION_KEY} here).
 */
final class SubscriberVersions {
    static final String KEY_REQUIRED = "Please provide installationkey when querying against SubscriberPackageVersion"
            + " that is protected by installationkey";
    static final String KEY_INVALID = "Invalid InstallationKey for SubscriberPackageVersion";
    static final String KEY_ERROR_CODE = "INVALID_INSTALLATION_KEY";

    private static final Pattern FROM_SPV = Pattern.compile("(?is)\\bFROM\\s+SubscriberPackageVersion\\b.*");
    private static final Pattern ID = Pattern.compile("(?i)\\bId\\s*=\\s*'(04t\\w{12,15})'");
    private static final Pattern KEY =
            Pattern.compile("(?i)\\s+AND\\s+InstallationKey\\s*=\\s*'((?:\\\\.|[^'\\\\])*)'");

    private SubscriberVersions() {}

    /** {@code GET tooling/query}: SubscriberPackageVersion queries are answered here, every other one as before. */
    static Response query(Request req) {
        String soql = req.param("q");
        if (soql == null || !FROM_SPV.matcher(soql).find()) {
            return ToolingQueries.run(req, soql);
        }
        Matcher key = KEY.matcher(soql);
        String givenKey = null;
        if (key.find()) {
            givenKey = unescape(key.group(1));
            soql = soql.substring(0, key.start()) + soql.substring(key.end());
        }
        Matcher id = ID.matcher(soql);
        while (id.find()) {
            Optional<PackageVersion> v = PackageVersions.inThisProcess().find(id.group(1));
            if (v.isPresent()) {
                checkKey(v.get(), givenKey);
                copyInto(req.org(), v.get());
            }
        }
        return ToolingQueries.run(req, soql);
    }

    /** Refuses a protected version without its key, or with a wrong one; an unprotected version takes any query. */
    static void checkKey(PackageVersion v, String givenKey) {
        if (v.installationKeySha256() == null) {
            return;
        }
        if (givenKey == null || givenKey.isEmpty()) {
            throw new OrgException(KEY_ERROR_CODE, KEY_REQUIRED);
        }
        if (!MessageDigest.isEqual(
                sha256(givenKey).getBytes(StandardCharsets.US_ASCII),
                v.installationKeySha256().getBytes(StandardCharsets.US_ASCII))) {
            throw new OrgException(KEY_ERROR_CODE, KEY_INVALID);
        }
    }

    /** The org's SubscriberPackageVersion row for a registry version (inserted or refreshed); returns its id. */
    static String copyInto(Org org, PackageVersion v) {
        Caller system = org.system();
        String packageId = subscriberPackageId(v);
        Map<String, Object> pkg = new LinkedHashMap<>();
        pkg.put("Name", v.packageName());
        pkg.put("NamespacePrefix", v.namespacePrefix());
        upsert(org, system, SUBSCRIBER_PACKAGE, packageId, pkg);
        String[] number = v.versionNumber().split("\\.");
        Map<String, Object> spv = new LinkedHashMap<>();
        // UNCONFIRMED: the registry does not carry the version name; the package name stands in for it.
        spv.put("Name", v.packageName());
        spv.put("SubscriberPackageId", packageId);
        spv.put("MajorVersion", part(number, 0));
        spv.put("MinorVersion", part(number, 1));
        spv.put("PatchVersion", part(number, 2));
        spv.put("BuildNumber", part(number, 3));
        spv.put("Package2ContainerOptions", v.containerType());
        spv.put("IsBeta", !v.released());
        spv.put("IsDeprecated", false);
        spv.put("IsManaged", v.managed());
        spv.put("IsOrgDependent", false);
        spv.put("IsPasswordProtected", v.installationKeySha256() != null);
        spv.put("IsSecurityReviewed", false);
        spv.put("ReleaseState", v.released() ? "Released" : "Beta");
        spv.put("InstallValidationStatus", "NO_ERRORS_DETECTED");
        String id = Ids.to18(v.subscriberPackageVersionId().substring(0, 15));
        upsert(org, system, SPV, id, spv);
        return id;
    }

    /** A deterministic 033 id per package (the registry holds the hub's 0Ho; the real 033 is the hub's, UNCONFIRMED). */
    static String subscriberPackageId(PackageVersion v) {
        String source = v.package2Id() == null ? v.packageName() : v.package2Id();
        String digits = String.format("%012d", Math.floorMod(source.hashCode(), 1_000_000_000_000L));
        return Ids.to18("033" + digits);
    }

    private static void upsert(Org org, Caller system, String type, String id, Map<String, Object> values) {
        Record existing = org.db().live(id);
        if (existing == null) {
            Map<String, Object> withId = new LinkedHashMap<>(values);
            withId.put("Id", id);
            org.db().insert(system, type, withId);
        } else {
            // A row this org already has (a Dev Hub's own built version, or an earlier copy): fill what is missing and
            // follow promotion; never overwrite what the hub recorded (its version name, its 033).
            Map<String, Object> changes = new LinkedHashMap<>();
            values.forEach((field, value) -> {
                boolean promotion = field.equals("IsBeta") || field.equals("ReleaseState");
                if (value != null && (promotion || existing.get(field) == null)) {
                    changes.put(field, value);
                }
            });
            if (!changes.isEmpty()) {
                org.db().update(system, id, changes);
            }
        }
    }

    private static Integer part(String[] number, int i) {
        try {
            return i < number.length ? Integer.valueOf(number[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }

    static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
