package dev.warden.runner.audit;

import dev.warden.runner.org.OrgModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which system permissions (PermissionSet field names without {@code Permissions}) fall in which {@link Tier}, plus
 * the few the integration-user rules look at. Covers every {@link OrgModel#DANGEROUS_PERMISSIONS} verify knows.
 * Object-level View All / Modify All are tiered by {@link #objectKey}: they come from ObjectPermissions rows.
 */
public final class PermissionCatalog {
    public static final String API_ONLY = "ApiUserOnly";
    public static final String PASSWORD_NEVER_EXPIRES = "PasswordNeverExpires";
    /** Permissions that only matter to someone logging in through the browser: an API-only integration needs none. */
    public static final Set<String> INTERACTIVE =
            Set.of("LightningExperienceUser", "ViewSetup", "BypassMFAForUiLogins", "ChatterInternalUser");

    private static final Map<String, Tier> DEFAULTS;

    static {
        Map<String, Tier> m = new LinkedHashMap<>();
        for (String p : new String[] {
            "ModifyAllData",
            "AuthorApex",
            "CustomizeApplication",
            "ModifyMetadata",
            "ManageProfilesPermissionsets",
            "ManageRemoteAccess",
            "ExternalClientAppDeveloper",
            "ManageAuthProviders"
        }) {
            m.put(p, Tier.FULL_ORG_COMPROMISE);
        }
        for (String p : new String[] {
            "ManageUsers",
            "ManageInternalUsers",
            "AssignPermissionSets",
            "ResetPasswords",
            "ManageTwoFactor",
            "DelegatedTwoFactor",
            "ManageLoginAccessPolicies",
            "CanApproveUninstalledApps",
            "ExternalClientAppAdmin",
            "ViewClientSecret",
            "ClientSecretRotation",
            "FreezeUsers"
        }) {
            m.put(p, Tier.IDENTITY_TAKEOVER);
        }
        // Create Public Links and Content Deliveries are on by default for standard users: tiering them would flag
        // everyone; a rules file can add them (extraPermissions).
        for (String p : new String[] {
            "ViewAllData",
            "QueryAllFiles",
            "ExportReport",
            "ViewAllUsers",
            "ContentAdministrator",
            "DownloadMaliciousFiles",
            "ViewEventLogFiles",
            "ViewAllForecasts"
        }) {
            m.put(p, Tier.DATA_EXPOSURE);
        }
        for (String p : new String[] {
            "PasswordNeverExpires",
            "ManageIpAddresses",
            "ManageSessionPermissionSets",
            "ManagePasswordPolicies",
            "BypassMFAForUiLogins",
            "ManageSharing",
            "ManageMaliciousFiles",
            "UseAnyApiClient",
            "ManageCertificates"
        }) {
            m.putIfAbsent(p, Tier.CONTROL_WEAKENING);
        }
        DEFAULTS = Collections.unmodifiableMap(m);
    }

    private final Map<String, Tier> tiers;

    private PermissionCatalog(Map<String, Tier> tiers) {
        this.tiers = Collections.unmodifiableMap(tiers);
    }

    public static PermissionCatalog defaults() {
        return new PermissionCatalog(new LinkedHashMap<>(DEFAULTS));
    }

    /** The defaults plus a rules file's extra dangerous permissions (they may also move a permission to another tier). */
    public PermissionCatalog with(Map<String, Tier> extra) {
        Map<String, Tier> m = new LinkedHashMap<>(tiers);
        m.putAll(extra);
        return new PermissionCatalog(m);
    }

    /** Tier of a system permission or of an {@link #objectKey} (object-level View All / Modify All: data exposure); null if untiered. */
    public Tier tier(String permission) {
        Tier t = tiers.get(permission);
        if (t == null && permission.contains(":")) {
            return Tier.DATA_EXPOSURE;
        }
        return t;
    }

    public Map<String, Tier> tiers() {
        return tiers;
    }

    /** Every system permission the audit reads: the tiered ones and those the integration rules need. */
    public Set<String> tracked() {
        Set<String> s = new LinkedHashSet<>(tiers.keySet());
        s.add(API_ONLY);
        s.add(PASSWORD_NEVER_EXPIRES);
        s.addAll(INTERACTIVE);
        return s;
    }

    /** {@code ModifyAllRecords:Account} / {@code ViewAllRecords:Account}. */
    public static String objectKey(boolean modifyAll, String sobject) {
        return (modifyAll ? "ModifyAllRecords:" : "ViewAllRecords:") + sobject;
    }
}
