package dev.warden.runner.audit;

import dev.warden.runner.blueprint.IpRange;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small org fed to the engine in streaming order: three profiles, a group granting Modify All Data, a group whose
 * muting set takes it away again, an object-level View All, an integration user left on a full license, an open app
 * with tokens, an app used but not installed, over-broad and overlapping ranges, usage near the reserve.
 */
final class AuditFixture {
    static final String BLUEPRINT_USER = "svc.full@acme.test";

    private AuditFixture() {}

    static AuditEngine engine(AuditRules rules) {
        AuditEngine e = new AuditEngine(
                PermissionCatalog.defaults().with(rules.extraPermissions()), rules, Set.of(BLUEPRINT_USER));
        feed(e);
        return e;
    }

    static AuditResult result(AuditRules rules) {
        return engine(rules).result();
    }

    static void feed(AuditEngine e) {
        e.permissionSet(new AuditRows.PermissionSet(
                "0PS1",
                "X00_SysAdmin",
                true,
                "00e1",
                "System Administrator",
                Set.of("ModifyAllData", "AuthorApex", "ManageUsers", "ViewAllData", "ViewSetup")));
        e.permissionSet(new AuditRows.PermissionSet("0PS2", "X00_Standard", true, "00e2", "Standard User", Set.of()));
        e.permissionSet(new AuditRows.PermissionSet(
                "0PS3", "X00_ApiOnly", true, "00e3", "Minimum Access - API Only Integrations", Set.of("ApiUserOnly")));
        e.permissionSet(new AuditRows.PermissionSet("0PS4", "Modify_All", false, null, null, Set.of("ModifyAllData")));
        e.permissionSet(
                new AuditRows.PermissionSet("0PS5", "Report_Export", false, null, null, Set.of("ExportReport")));
        e.permissionSet(
                new AuditRows.PermissionSet("0PS6", "Never_Expire", false, null, null, Set.of("PasswordNeverExpires")));
        e.permissionSet(new AuditRows.PermissionSet("0PS7", "Sales_Ops", false, null, null, Set.of()));
        e.permissionSet(new AuditRows.PermissionSet("0PS8", "Harmless", false, null, null, Set.of()));
        e.mutingPermissionSet(new AuditRows.MutingPermissionSet("0QM1", "Mute_Modify_All", Set.of("ModifyAllData")));
        e.objectPermission(new AuditRows.ObjectPermission("0PS7", "Account", true, false));
        e.group(new AuditRows.PermissionSetGroup("0PG1", "Admins_PSG"));
        e.group(new AuditRows.PermissionSetGroup("0PG2", "Analysts_PSG"));
        e.groupComponent(new AuditRows.GroupComponent("0PG1", "0PS4"));
        e.groupComponent(new AuditRows.GroupComponent("0PG2", "0PS4"));
        e.groupComponent(new AuditRows.GroupComponent("0PG2", "0PS5"));
        e.groupComponent(new AuditRows.GroupComponent("0PG2", "0QM1"));
        e.user(new AuditRows.User("0051", "admin@acme.test", true, "00e1", "System Administrator", "Salesforce"));
        e.user(new AuditRows.User("0052", "alice@acme.test", true, "00e2", "Standard User", "Salesforce"));
        e.user(new AuditRows.User("0053", "bob@acme.test", true, "00e2", "Standard User", "Salesforce"));
        e.user(new AuditRows.User("0054", "carol@acme.test", true, "00e2", "Standard User", "Salesforce"));
        e.user(new AuditRows.User("0055", BLUEPRINT_USER, true, "00e2", "Standard User", "Salesforce"));
        e.user(new AuditRows.User(
                "0056",
                "svc.api@acme.test",
                true,
                "00e3",
                "Minimum Access - API Only Integrations",
                "Salesforce Integration"));
        e.user(new AuditRows.User("0057", "dave@acme.test", false, "00e1", "System Administrator", "Salesforce"));
        e.assignment(new AuditRows.Assignment("0051", "0PS1", null));
        e.assignment(new AuditRows.Assignment("0052", null, "0PG1"));
        e.assignment(new AuditRows.Assignment("0053", null, "0PG2"));
        e.assignment(new AuditRows.Assignment("0054", "0PS7", null));
        e.assignment(new AuditRows.Assignment("0054", "0PS8", null));
        e.assignment(new AuditRows.Assignment("0056", "0PS6", null));
        e.assignment(new AuditRows.Assignment("0057", "0PS4", null));
        e.pslAssignment(new AuditRows.PslAssignment("0056", "SalesforceAPIIntegrationPsl"));
        e.app(new AuditRows.App(
                "Open_App",
                "External Client App",
                false,
                "AllSelfAuthorized",
                List.of(),
                "BypassUsingIpRestrictions",
                "Infinite",
                List.of("Api", "Full"),
                List.of("client credentials")));
        e.app(new AuditRows.App(
                "Good_App",
                "External Client App",
                true,
                "AdminApprovedPreAuthorized",
                List.of("Good_Access"),
                "Enforce",
                "SpecificLifetime",
                List.of("Api"),
                List.of()));
        e.app(new AuditRows.App(
                "Chatter_Connect",
                "Connected App",
                true,
                "AllSelfAuthorized",
                List.of(),
                null,
                null,
                List.of(),
                List.of()));
        e.token(new AuditRows.OAuthToken("Chatter_Connect", "0052", "alice@acme.test", 12, "2026-11-30T10:00:00Z"));
        e.token(new AuditRows.OAuthToken("Ghost_App", "0053", "bob@acme.test", 3, "2026-11-29T10:00:00Z"));
        e.token(new AuditRows.OAuthToken("Good_App", "0056", "svc.api@acme.test", 400, "2026-12-01T10:00:00Z"));
        e.network(new AuditRows.Network(
                List.of(
                        IpRange.parse("10.0.0.0/8", "office VPN"),
                        IpRange.parse("10.1.0.0/16", "vendor"),
                        IpRange.parse("203.0.113.10", "scanner")),
                Map.of("Standard User", List.of(IpRange.parse("0.0.0.0-255.255.255.255", "anywhere"))),
                false));
        e.apiUsage(new AuditRows.ApiUsage(8200, 10000, 10));
    }
}
