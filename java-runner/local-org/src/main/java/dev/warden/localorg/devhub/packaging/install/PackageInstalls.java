package dev.warden.localorg.devhub.packaging.install;

import static dev.warden.localorg.devhub.packaging.install.InstallObjects.INSTALLED;
import static dev.warden.localorg.devhub.packaging.install.InstallObjects.INSTALL_REQUEST;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.devhub.packaging.PackageVersion;
import dev.warden.localorg.devhub.packaging.PackageVersions;
import dev.warden.localorg.metadata.ComponentResult;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.MdapiPackage;
import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST tooling/sobjects/PackageInstallRequest} (sf package install, wire reference 13): the request is checked
 * (version known, installation key), then the install runs at once — so sf's first poll already reads SUCCESS or
 * ERROR: the version's metadata zip (namespaced for a managed package, {@link Namespacer}) goes through the local
 * deploy engine as one all-or-none deploy into this org, the package's records get their namespace
 * ({@link NamespaceMarks}), the security type's access is granted ({@link InstallAccess}) and the org's
 * InstalledSubscriberPackage row points at the version. Installing the installed version again deploys and writes
 * nothing (the request row only). An upgrade must come from the installed version's line: for a managed package the
 * new version's ancestor chain must reach the installed one; an unlocked package must be a later version number.
 * The installation key is never stored; the request row keeps no Password.
 */
final class PackageInstalls {
    static final String NO_KEY_NEEDED = "Can't install package. This package doesn't require an installation key."
            + " Install the package without specifying an installation key.";

    private PackageInstalls() {}

    static Response create(Request req) {
        JsonNode body = req.json();
        String versionId = text(body, "SubscriberPackageVersionKey");
        if (versionId == null) {
            throw new OrgException(
                    "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [SubscriberPackageVersionKey]",
                    List.of("SubscriberPackageVersionKey"));
        }
        // UNCONFIRMED: the platform's code and words for an unknown 04t on this insert (sf queries the version
        // first and stops there when it has no row).
        PackageVersion version = PackageVersions.inThisProcess()
                .find(versionId)
                .orElseThrow(() -> new OrgException(
                        "INVALID_CROSS_REFERENCE_KEY",
                        "invalid cross reference id",
                        List.of("SubscriberPackageVersionKey")));
        // sf escapes quotes and backslashes in the key as for its SOQL (wire reference 13.1), in the body too; the
        // platform matching the unescaped key is INFERRED (a key with a quote could not work otherwise).
        String password = text(body, "Password") == null ? null : SubscriberVersions.unescape(text(body, "Password"));
        if (version.installationKeySha256() == null && password != null && !password.isEmpty()) {
            // forcedotcom/cli #1167 (the error code is UNCONFIRMED)
            throw new OrgException("FIELD_INTEGRITY_EXCEPTION", NO_KEY_NEEDED, List.of("Password"));
        }
        SubscriberVersions.checkKey(version, password);
        Org org = req.org();
        String securityType = orDefault(text(body, "SecurityType"), "None");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(
                "SubscriberPackageVersionKey",
                Ids.to18(version.subscriberPackageVersionId().substring(0, 15)));
        row.put("Status", "IN_PROGRESS");
        row.put("SecurityType", securityType);
        row.put("ApexCompileType", orDefault(text(body, "ApexCompileType"), "all"));
        row.put("NameConflictResolution", orDefault(text(body, "NameConflictResolution"), "Block"));
        row.put("PackageInstallSource", orDefault(text(body, "PackageInstallSource"), "U"));
        row.put("UpgradeType", orDefault(text(body, "UpgradeType"), "mixed-mode"));
        row.put("EnableRss", body.path("EnableRss").asBoolean(false));
        row.put("SkipHandlers", text(body, "SkipHandlers"));
        String requestId = org.db().insert(org.system(), INSTALL_REQUEST, row);
        List<String> errors = install(org, version, securityType);
        org.db()
                .update(
                        org.system(),
                        requestId,
                        errors.isEmpty()
                                ? Map.of("Status", "SUCCESS")
                                : Map.of("Status", "ERROR", "Errors", InstallRecords.errors(errors)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", requestId);
        answer.put("success", true);
        answer.put("errors", List.of());
        return Response.json(201, answer);
    }

    /** Installs or upgrades; returns the problems (empty: installed). */
    static List<String> install(Org org, PackageVersion version, String securityType) {
        String spvId = SubscriberVersions.copyInto(org, version);
        String packageId = SubscriberVersions.subscriberPackageId(version);
        Record installed = installedRow(org, packageId);
        if (installed != null) {
            String current = installed.getString("SubscriberPackageVersionId");
            if (current != null
                    && current.startsWith(version.subscriberPackageVersionId().substring(0, 15))) {
                return List.of(); // the same version again: nothing to do
            }
            String refusal = upgradeRefusal(version, current);
            if (refusal != null) {
                return List.of(refusal);
            }
        }
        byte[] zip = version.metadataZip();
        if (zip.length == 0) {
            return List.of("not supported by the local org: package version " + version.subscriberPackageVersionId()
                    + " holds no metadata to install");
        }
        Map<String, List<String>> members;
        try {
            MdapiPackage pkg = MdapiPackage.read(zip);
            members = pkg.members();
            if (version.managed() && version.namespacePrefix() != null) {
                Namespacer.Rewritten rewritten = Namespacer.rewrite(pkg, version.namespacePrefix());
                zip = rewritten.zip();
                members = rewritten.members();
            }
        } catch (MdapiPackage.BadPackage | MetadataXml.MalformedXml | Namespacer.NotSupported e) {
            return List.of(e.getMessage());
        }
        DeployOutcome outcome = DeployEngine.deploy(org, org.adminUserId(), zip, new DeployEngine.Options(false, true));
        if (!outcome.success()) {
            return problems(outcome);
        }
        if (version.managed() && version.namespacePrefix() != null) {
            NamespaceMarks.apply(org, version.namespacePrefix(), members);
        }
        InstallAccess.grant(org, securityType, members.getOrDefault("CustomObject", List.of()));
        if (installed == null) {
            org.db()
                    .insert(
                            org.system(),
                            INSTALLED,
                            Map.of("SubscriberPackageId", packageId, "SubscriberPackageVersionId", spvId));
        } else {
            org.db().update(org.system(), installed.id(), Map.of("SubscriberPackageVersionId", spvId));
        }
        return List.of();
    }

    static Record installedRow(Org org, String subscriberPackageId) {
        List<Record> rows = org.db().findBy(INSTALLED, "SubscriberPackageId", subscriberPackageId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Null when {@code version} may replace the installed {@code currentId}. Words UNCONFIRMED: Salesforce reports
     * these as InstallValidationStatus values (wire reference 18), quoted in the message.
     */
    private static String upgradeRefusal(PackageVersion version, String currentId) {
        Optional<PackageVersion> current = PackageVersions.inThisProcess().find(currentId);
        if (current.isEmpty()) {
            return null; // installed from a version this process no longer knows: replace it
        }
        if (version.managed()) {
            if (reaches(version, current.get())) {
                return null;
            }
            if (reaches(current.get(), version)) {
                return "CANNOT_INSTALL_EARLIER_VERSION: version " + version.versionNumber()
                        + " is earlier than the installed version "
                        + current.get().versionNumber()
                        + " of this package";
            }
            return "CANNOT_UPGRADE: the installed version " + current.get().versionNumber()
                    + " is not an ancestor of version " + version.versionNumber();
        }
        return compare(version.versionNumber(), current.get().versionNumber()) > 0
                ? null
                : "CANNOT_INSTALL_EARLIER_VERSION: version " + version.versionNumber()
                        + " is not later than the installed version "
                        + current.get().versionNumber();
    }

    /** Whether {@code from}'s ancestor chain reaches {@code target}. */
    private static boolean reaches(PackageVersion from, PackageVersion target) {
        String id15 = target.subscriberPackageVersionId().substring(0, 15);
        PackageVersion at = from;
        for (int hops = 0; at != null && at.ancestorId() != null && hops < 1000; hops++) {
            if (at.ancestorId().startsWith(id15)) {
                return true;
            }
            at = PackageVersions.inThisProcess().find(at.ancestorId()).orElse(null);
        }
        return false;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<String> problems(DeployOutcome outcome) {
        List<String> out = new ArrayList<>();
        if (outcome.errorMessage() != null) {
            out.add(outcome.errorMessage());
        }
        for (ComponentResult f : outcome.failures()) {
            String at = f.lineNumber() == null ? "" : " (line " + f.lineNumber() + ", column " + f.columnNumber() + ")";
            out.add(f.componentType() + " " + f.fullName() + ": " + f.problem() + at);
        }
        if (out.isEmpty()) {
            out.add("the package's metadata could not be deployed into this org");
        }
        return out;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isEmpty() ? dflt : v;
    }
}
