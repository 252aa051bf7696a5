package dev.warden.runner.audit.read;

import dev.warden.runner.audit.AuditEngine;
import dev.warden.runner.audit.AuditRows;
import dev.warden.runner.audit.PermissionCatalog;
import dev.warden.runner.blueprint.IpRange;
import dev.warden.runner.org.AppUsagePort;
import dev.warden.runner.org.MetadataPort;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.RecordStream;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.salesforce.SalesforceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads an org into an {@link AuditEngine} through the ports, read-only: every large object is streamed
 * ({@link RecordStream}), definitions first so assignments can be folded in as they arrive. Sources an org may not
 * offer (connected apps, OAuth tokens, Metadata API) become warnings in the report, never a silent pass; the
 * permission model itself must be readable or the run fails.
 */
public final class AuditReader {
    private final RecordStream stream;
    private final RecordsPort records;
    private final MetadataPort metadata;
    private final AppUsagePort appUsage;
    private final Consumer<String> progress;

    public AuditReader(
            RecordStream stream,
            RecordsPort records,
            MetadataPort metadata,
            AppUsagePort appUsage,
            Consumer<String> progress) {
        this.stream = stream;
        this.records = records;
        this.metadata = metadata;
        this.appUsage = appUsage;
        this.progress = progress;
    }

    public void read(AuditEngine engine, PermissionCatalog catalog, int reservePercent) {
        Set<String> profileNames = new TreeSet<>();
        List<String> psFields = permissionFields(catalog, "PermissionSet");
        progress.accept("reading permission sets");
        stream.each(
                "SELECT Id, Name, IsOwnedByProfile, ProfileId, Profile.Name" + prefixed(psFields)
                        + " FROM PermissionSet WHERE PermissionSetGroupId = null",
                r -> {
                    if (r.is("IsOwnedByProfile") && r.get("Profile.Name") != null) {
                        profileNames.add(r.get("Profile.Name"));
                    }
                    engine.permissionSet(new AuditRows.PermissionSet(
                            r.get("Id"),
                            r.get("Name"),
                            r.is("IsOwnedByProfile"),
                            r.get("ProfileId"),
                            r.get("Profile.Name"),
                            enabled(r, psFields)));
                });
        optional(engine, "muting permission sets", () -> {
            List<String> mFields = permissionFields(catalog, "MutingPermissionSet");
            stream.each(
                    "SELECT Id, DeveloperName" + prefixed(mFields) + " FROM MutingPermissionSet",
                    r -> engine.mutingPermissionSet(new AuditRows.MutingPermissionSet(
                            r.get("Id"), r.get("DeveloperName"), enabled(r, mFields))));
        });
        progress.accept("reading object permissions (View All / Modify All)");
        stream.each(
                "SELECT ParentId, SobjectType, PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions"
                        + " WHERE PermissionsViewAllRecords = true OR PermissionsModifyAllRecords = true",
                r -> engine.objectPermission(new AuditRows.ObjectPermission(
                        r.get("ParentId"),
                        r.get("SobjectType"),
                        r.is("PermissionsViewAllRecords"),
                        r.is("PermissionsModifyAllRecords"))));
        optional(engine, "permission set groups", () -> {
            stream.each(
                    "SELECT Id, DeveloperName FROM PermissionSetGroup",
                    r -> engine.group(new AuditRows.PermissionSetGroup(r.get("Id"), r.get("DeveloperName"))));
            stream.each(
                    "SELECT PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent",
                    r -> engine.groupComponent(
                            new AuditRows.GroupComponent(r.get("PermissionSetGroupId"), r.get("PermissionSetId"))));
        });
        progress.accept("reading active users");
        stream.each(
                "SELECT Id, Username, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name FROM User WHERE IsActive = true",
                r -> engine.user(new AuditRows.User(
                        r.get("Id"),
                        r.get("Username"),
                        r.is("IsActive"),
                        r.get("ProfileId"),
                        r.get("Profile.Name"),
                        r.get("Profile.UserLicense.Name"))));
        progress.accept("streaming permission set assignments");
        long n = stream.each(
                "SELECT AssigneeId, PermissionSetId, PermissionSetGroupId FROM PermissionSetAssignment"
                        + " WHERE Assignee.IsActive = true AND (PermissionSet.IsOwnedByProfile = false OR PermissionSetGroupId != null)",
                r -> engine.assignment(new AuditRows.Assignment(
                        r.get("AssigneeId"), r.get("PermissionSetId"), r.get("PermissionSetGroupId"))));
        progress.accept(n + " assignment(s) read");
        stream.each(
                "SELECT AssigneeId, PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign",
                r -> engine.pslAssignment(
                        new AuditRows.PslAssignment(r.get("AssigneeId"), r.get("PermissionSetLicense.DeveloperName"))));
        readApps(engine);
        optional(
                engine,
                "OAuth tokens (OauthToken)",
                () -> stream.each(
                        "SELECT AppName, UserId, User.Username, UseCount, LastUsedDate FROM OauthToken",
                        r -> engine.token(new AuditRows.OAuthToken(
                                r.get("AppName"),
                                r.get("UserId"),
                                r.get("User.Username"),
                                parseLong(r.get("UseCount")),
                                r.get("LastUsedDate")))));
        readNetwork(engine, profileNames);
        optional(engine, "API usage", () -> {
            OrgModel.ApiUsage u = records.apiUsage();
            engine.apiUsage(new AuditRows.ApiUsage(u.used(), u.max(), reservePercent));
        });
    }

    private void readApps(AuditEngine engine) {
        progress.accept("reading External Client Apps and connected apps");
        List<String> ecas = new ArrayList<>();
        optional(
                engine,
                "External Client Apps",
                () -> stream.each(
                        "SELECT DeveloperName FROM ExternalClientApplication", r -> ecas.add(r.get("DeveloperName"))));
        for (String name : ecas) {
            if (metadata == null) {
                engine.warn("External Client App " + name + ": policies not read (no Metadata API)");
                continue;
            }
            optional(engine, "External Client App " + name, () -> {
                OrgModel.EcaState s = metadata.eca(name);
                Boolean installed = appUsage.installed(name);
                engine.app(new AuditRows.App(
                        name,
                        "External Client App",
                        installed,
                        s.permittedUsers(),
                        s.preAuthorizingPermissionSets(),
                        s.ipRelaxation(),
                        s.refreshTokenPolicy(),
                        s.scopes(),
                        s.enabledExtraFlows()));
            });
        }
        // Field names of ConnectedApplication are UNCONFIRMED against a real org (object reference, not checked here).
        optional(
                engine,
                "connected apps (ConnectedApplication)",
                () -> stream.each(
                        "SELECT Name, OptionsAllowAdminApprovedUsersOnly, OptionsRefreshTokenValidityMetric FROM ConnectedApplication",
                        r -> engine.app(new AuditRows.App(
                                r.get("Name"),
                                "Connected App",
                                true,
                                r.is("OptionsAllowAdminApprovedUsersOnly")
                                        ? AuditEngine.ADMIN_APPROVED
                                        : "AllSelfAuthorized",
                                List.of(),
                                null,
                                r.is("OptionsRefreshTokenValidityMetric") ? "SpecificLifetime" : null,
                                List.of(),
                                List.of()))));
    }

    private void readNetwork(AuditEngine engine, Set<String> profileNames) {
        if (metadata == null) {
            engine.warn("trusted IP ranges, profile login ranges, session settings: not read (no Metadata API)");
            return;
        }
        progress.accept(
                "reading trusted ranges, session settings and " + profileNames.size() + " profile(s)' login ranges");
        optional(engine, "trusted IP ranges and session settings", () -> {
            OrgModel.NetworkState net = metadata.network(null);
            java.util.Map<String, List<IpRange>> login = new java.util.TreeMap<>();
            optional(
                    engine,
                    "profile login IP ranges",
                    () -> metadata.profileLoginRanges(profileNames)
                            .forEach((profile, ranges) -> login.put(profile, List.copyOf(ranges))));
            List<IpRange> trusted = List.copyOf(net.trustedRanges());
            engine.network(new AuditRows.Network(trusted, login, net.lockSessionsToIp()));
        });
    }

    /** Reads a source the org may lack; its absence is reported, other failures (budget, connection) still stop the run. */
    private static void optional(AuditEngine engine, String what, Runnable read) {
        try {
            read.run();
        } catch (SalesforceException e) {
            if ("CONNECTION_FAILED".equals(e.errorCode()) || "INTERRUPTED".equals(e.errorCode())) {
                throw e;
            }
            engine.warn(what + ": not read (" + e.errorCode() + ": " + sentence(e.getMessage()) + ")");
        } catch (IllegalStateException e) {
            engine.warn(what + ": not read (" + e.getMessage() + ")");
        }
    }

    /** Salesforce's SOQL errors quote the query over several lines; their last line is the sentence that explains. */
    static String sentence(String message) {
        String last = message == null
                ? ""
                : message.lines()
                        .filter(l -> !l.isBlank())
                        .reduce((a, b) -> b)
                        .orElse("")
                        .strip();
        int end = last.indexOf(". ");
        String s = end > 0 ? last.substring(0, end + 1) : last;
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    /** The tracked permissions this org's object has as fields ({@code PermissionsX}). */
    private List<String> permissionFields(PermissionCatalog catalog, String sobject) {
        Set<String> fields = new HashSet<>(stream.fields(sobject));
        List<String> out = new ArrayList<>();
        for (String p : new LinkedHashSet<>(catalog.tracked())) {
            if (fields.contains("Permissions" + p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String prefixed(List<String> permissions) {
        StringBuilder s = new StringBuilder();
        permissions.forEach(p -> s.append(", Permissions").append(p));
        return s.toString();
    }

    private static Set<String> enabled(RecordStream.Row r, List<String> permissions) {
        Set<String> out = new HashSet<>();
        for (String p : permissions) {
            if (r.is("Permissions" + p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : (long) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
