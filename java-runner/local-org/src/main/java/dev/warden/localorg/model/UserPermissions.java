package dev.warden.localorg.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The system (user) permissions the local org models: API name (the PermissionSet field name minus {@code Permissions})
 * and UI label. Source: salesforce-metadata-and-api.md section 3.2 (MutingPermissionSet field list, v67).
 * {@code UseAnyApiClient} is UNCONFIRMED there (only materialises with API Access Control).
 */
public final class UserPermissions {
    private static final Map<String, String> LABELS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ApiEnabled", "API Enabled");
        m.put("ApiUserOnly", "API Only User");
        m.put("ViewSetup", "View Setup and Configuration");
        m.put("ViewAllData", "View All Data");
        m.put("ModifyAllData", "Modify All Data");
        m.put("CustomizeApplication", "Customize Application");
        m.put("QueryAllFiles", "Query All Files");
        m.put("QueryNonVetoedFiles", "Query Non Vetoed Files");
        m.put("ModifyMetadata", "Modify Metadata Through Metadata API Functions");
        m.put("ManageUsers", "Manage Users");
        m.put("ManageInternalUsers", "Manage Internal Users");
        m.put("ContentAdministrator", "Manage Salesforce CRM Content");
        m.put("ManageContentPermissions", "Manage Content Permissions");
        m.put("ManageContentProperties", "Manage Content Properties");
        m.put("DistributeFromPersWksp", "Create Content Deliveries");
        m.put("ChatterFileLink", "Create Public Links");
        m.put("ContentWorkspaces", "Access Libraries");
        m.put("ViewRoles", "View Roles and Role Hierarchy");
        m.put("ViewAllProfiles", "View All Profiles");
        m.put("ViewAllUsers", "View All Users");
        m.put("ManageRemoteAccess", "Manage Connected Apps");
        m.put("CanApproveUninstalledApps", "Approve Uninstalled Connected Apps");
        m.put("ExternalClientAppViewer", "View all External Client Apps");
        m.put("ExternalClientAppAdmin", "View all External Client Apps, view their settings, and edit their policies");
        m.put("ExternalClientAppDeveloper", "Create, edit, and delete External Client Apps");
        m.put("ViewClientSecret", "View External Client App Consumer Secrets in Metadata");
        m.put("ClientSecretRotation", "Allow consumer key and secret rotation");
        m.put("ManageTwoFactor", "Manage MFA in API");
        m.put("DelegatedTwoFactor", "Manage MFA in User Interface");
        m.put("TwoFactorApi", "Multi-Factor Authentication for API Logins");
        m.put("ForceTwoFactor", "Multi-Factor Authentication for User Interface Logins");
        m.put("BypassMFAForUiLogins", "Waive Multi-Factor Authentication for Exempt Users");
        m.put("ManageProfilesPermissionsets", "Manage Profiles and Permission Sets");
        m.put("AssignPermissionSets", "Assign Permission Sets");
        m.put("ManageRoles", "Manage Roles");
        m.put("ManageSharing", "Manage Sharing");
        m.put("ManageIpAddresses", "Manage IP Addresses");
        m.put("ManageLoginAccessPolicies", "Manage Login Access Policies");
        m.put("ManagePasswordPolicies", "Manage Password Policies");
        m.put("MonitorLoginHistory", "Monitor Login History");
        m.put("FreezeUsers", "Freeze Users");
        m.put("ResetPasswords", "Reset User Passwords and Unlock Users");
        m.put("PasswordNeverExpires", "Password Never Expires");
        m.put("ManageAuthProviders", "Manage Auth. Providers");
        m.put("ManageCertificates", "Manage Certificates");
        m.put("ViewEventLogFiles", "View Event Log Files");
        m.put("ViewHealthCheck", "View Health Check");
        m.put("ViewPlatformEvents", "View Login Forensics Events");
        m.put("ViewDataLeakageEvents", "View Real-Time Event Monitoring Data");
        m.put("ViewDeveloperName", "View Developer Name");
        m.put("ViewAllForeignKeyNames", "View All Lookup Record Names");
        m.put("ViewAllForecasts", "View All Forecasts");
        m.put("ManageTranslation", "Manage Translation");
        m.put("AuthorApex", "Author Apex");
        m.put("ApexRestServices", "Apex REST Services");
        m.put("ManageMaliciousFiles", "Manage Malicious Files");
        m.put("DownloadMaliciousFiles", "Download Malicious Files");
        m.put("UseAnyApiClient", "Use Any API Client");
        LABELS = Collections.unmodifiableMap(m);
    }

    private UserPermissions() {}

    /** API names in a stable order. */
    public static java.util.Set<String> names() {
        return LABELS.keySet();
    }

    public static String label(String apiName) {
        return LABELS.getOrDefault(canonical(apiName), apiName);
    }

    /** Canonical API name for a case-insensitive name, with or without the {@code Permissions} prefix; null if unknown. */
    public static String canonical(String name) {
        String n = name.regionMatches(true, 0, "Permissions", 0, 11) ? name.substring(11) : name;
        for (String k : LABELS.keySet()) {
            if (k.equalsIgnoreCase(n)) {
                return k;
            }
        }
        return null;
    }

    public static String fieldName(String apiName) {
        return "Permissions" + apiName;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
