package dev.warden.localorg.setup;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.model.UserPermissions;
import dev.warden.localorg.rules.Licenses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The default org: a Developer Edition-like org with an admin on the Salesforce license (System Administrator
 * profile), the profiles System Administrator, Standard User and Minimum Access - API Only Integrations, the user
 * licenses Salesforce and Salesforce Integration (5 seats), and the Salesforce API Integration PSL (5 seats)
 * (salesforce-metadata-and-api.md 4.1; seed 002 "5 free on Enterprise+"). Organization carries the fields the
 * sf CLI's login query reads (sf-cli-wire.md).
 */
final class Seed {
    /** Salesforce license seats: more than Developer Edition's 2 so tests can create a few users. */
    static final int SALESFORCE_SEATS = 10;

    static final int INTEGRATION_SEATS = 5;
    static final int API_PSL_SEATS = 5;

    private Seed() {}

    static Org.SeedIds populate(OrgDatabase db, String adminUsername, Org.Identity identity) {
        String orgId = Ids.make("00D", identity.orgNumber());
        String adminId = Ids.make("005", 1);
        db.reserveIds("005", 1);
        db.reserveIds("00D", identity.orgNumber());
        Caller sys = Caller.system(adminId);
        return db.transaction(() -> {
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("Id", orgId);
            org.put("Name", "Warden Local Org");
            org.put("InstanceName", "LOCAL1");
            // A production org: not a sandbox, no trial expiry, a paid edition (how the runner tells, docs/runner.md).
            org.put("IsSandbox", false);
            org.put("OrganizationType", identity.production() ? "Enterprise Edition" : "Developer Edition");
            org.put("Country", "US");
            org.put("LanguageLocaleKey", "en_US");
            org.put("DefaultLocaleSidKey", "en_US");
            org.put("TimeZoneSidKey", "America/Los_Angeles");
            org.put("PrimaryContact", "Local Admin");
            org.put("IsReadOnly", false);
            db.insert(sys, "Organization", org);

            String sfLicense = db.insert(
                    sys,
                    "UserLicense",
                    Map.of(
                            "Name",
                            Licenses.SALESFORCE,
                            "MasterLabel",
                            Licenses.SALESFORCE,
                            "LicenseDefinitionKey",
                            "SFDC",
                            "Status",
                            "Active",
                            "TotalLicenses",
                            SALESFORCE_SEATS,
                            "UsedLicenses",
                            0));
            // LicenseDefinitionKey of the integration license is UNCONFIRMED (metadata-and-api.md 4.2).
            String intLicense = db.insert(
                    sys,
                    "UserLicense",
                    Map.of(
                            "Name",
                            Licenses.INTEGRATION,
                            "MasterLabel",
                            Licenses.INTEGRATION,
                            "LicenseDefinitionKey",
                            "SFDC_INTEGRATION",
                            "Status",
                            "Active",
                            "TotalLicenses",
                            INTEGRATION_SEATS,
                            "UsedLicenses",
                            0));
            String psl = db.insert(
                    sys,
                    "PermissionSetLicense",
                    Map.of(
                            "DeveloperName",
                            Licenses.API_INTEGRATION_PSL,
                            "MasterLabel",
                            Licenses.API_INTEGRATION_PSL_LABEL,
                            "PermissionSetLicenseKey",
                            Licenses.API_INTEGRATION_PSL,
                            "Status",
                            "Active",
                            "TotalLicenses",
                            API_PSL_SEATS,
                            "UsedLicenses",
                            0));

            String sysAdmin = profile(db, sys, "System Administrator", sfLicense, adminPermissions());
            String standard = profile(
                    db, sys, "Standard User", sfLicense, Set.of("ApiEnabled", "ContentWorkspaces", "ChatterFileLink"));
            String integration =
                    profile(db, sys, Licenses.INTEGRATION_PROFILE, intLicense, Set.of("ApiEnabled", "ApiUserOnly"));

            Map<String, Object> admin = new LinkedHashMap<>();
            admin.put("Id", adminId);
            admin.put("Username", adminUsername);
            admin.put("FirstName", "Local");
            admin.put("LastName", "Admin");
            admin.put("Email", adminUsername);
            admin.put("Alias", "ladmin");
            admin.put("TimeZoneSidKey", "America/Los_Angeles");
            admin.put("LocaleSidKey", "en_US");
            admin.put("EmailEncodingKey", "UTF-8");
            admin.put("LanguageLocaleKey", "en_US");
            admin.put("ProfileId", sysAdmin);
            admin.put("UserPermissionsSFContentUser", true);
            db.insert(sys, "User", admin);
            // Every org has its standard price book (Object Reference, Pricebook2.IsStandard).
            db.insert(sys, "Pricebook2", Map.of("Name", "Standard Price Book", "IsActive", true, "IsStandard", true));
            return new Org.SeedIds(
                    orgId, adminId, adminUsername, sysAdmin, standard, integration, sfLicense, intLicense, psl);
        });
    }

    /** System Administrator: every modelled permission except beta file-malware ones and API Access Control's. */
    private static Set<String> adminPermissions() {
        Set<String> perms = new java.util.HashSet<>(UserPermissions.names());
        perms.removeAll(Set.of(
                "ManageMaliciousFiles",
                "DownloadMaliciousFiles",
                "UseAnyApiClient",
                "ApiUserOnly",
                "BypassMFAForUiLogins",
                "ForceTwoFactor",
                "TwoFactorApi"));
        return perms;
    }

    private static String profile(OrgDatabase db, Caller sys, String name, String licenseId, Set<String> perms) {
        String id = db.insert(sys, "Profile", Map.of("Name", name, "UserLicenseId", licenseId));
        Record owned = db.findOne("PermissionSet", "ProfileId", id);
        Map<String, Object> f = new LinkedHashMap<>();
        for (String p : UserPermissions.names()) {
            f.put(UserPermissions.fieldName(p), perms.contains(p));
        }
        db.update(sys, owned.id(), f);
        return id;
    }
}
