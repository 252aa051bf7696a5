package dev.warden.runner.support;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.BlueprintLoader;
import dev.warden.runner.org.OrgModel.Assignment;
import dev.warden.runner.org.OrgModel.EcaState;
import dev.warden.runner.org.OrgModel.NetworkState;
import dev.warden.runner.org.OrgModel.PermissionSetInfo;
import dev.warden.runner.org.OrgModel.UserAccess;
import dev.warden.runner.org.OrgModel.UserState;
import dev.warden.runner.plan.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Observed-org fixtures for the pure planner and verifier tests. */
public final class Fixtures {
    private Fixtures() {}

    public static final String ORG = "00D000000000001AAA";
    public static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

    public static Blueprint warden() {
        return new BlueprintLoader().load("builtin:warden");
    }

    public static Map<String, PermissionSetInfo> packageSets() {
        return Map.of(
                "Warden_Integration",
                        new PermissionSetInfo("0PS000000000001AAA", "Warden_Integration", "Salesforce API Integration"),
                "Warden_Query_All_Files",
                        new PermissionSetInfo(
                                "0PS000000000002AAA", "Warden_Query_All_Files", "Salesforce API Integration"),
                "Warden_Scanner_Access", new PermissionSetInfo("0PS000000000003AAA", "Warden_Scanner_Access", null),
                "Warden_Connect_Approval", new PermissionSetInfo("0PS000000000004AAA", "Warden_Connect_Approval", null),
                "Warden_Admin", new PermissionSetInfo("0PS000000000005AAA", "Warden_Admin", null));
    }

    public static Map<String, String> profiles() {
        return Map.of(
                "Minimum Access - API Only Integrations",
                "00e000000000001AAA",
                "Standard User",
                "00e000000000002AAA",
                "System Administrator",
                "00e000000000003AAA");
    }

    public static UserState admin() {
        return new UserState(
                "005000000000001AAA",
                "admin@local.org",
                true,
                "00e000000000003AAA",
                "System Administrator",
                "Salesforce");
    }

    public static EcaState ecaInstalledNoSettings() {
        return new EcaState(
                true,
                false,
                null,
                null,
                List.of("Api"),
                null,
                List.of(),
                List.of(),
                null,
                null,
                List.of(),
                false,
                false);
    }

    public static EcaState ecaConfigured() {
        return new EcaState(
                true,
                true,
                CERT,
                "KEY",
                List.of("Api"),
                "AdminApprovedPreAuthorized",
                List.of("Warden_Scanner_Access"),
                List.of(),
                "Enforce",
                "SpecificLifetime",
                List.of(),
                false,
                true);
    }

    public static NetworkState emptyNetwork() {
        return new NetworkState(List.of(), List.of(), false);
    }

    public static Observed fresh() {
        return new Observed(
                ORG,
                null,
                null,
                packageSets(),
                profiles(),
                Map.of("SalesforceAPIIntegrationPsl", "0PL000000000001AAA"),
                admin(),
                null,
                ecaInstalledNoSettings(),
                emptyNetwork(),
                null);
    }

    public static UserState integrationUser(String profile, String license) {
        return new UserState(
                "005000000000009AAA",
                "warden.scanner@00d000000000001aaa.warden.invalid",
                true,
                profiles().get(profile),
                profile,
                license);
    }

    public static UserAccess access(List<String> sets, boolean psl) {
        List<Assignment> ps = new ArrayList<>();
        int i = 1;
        for (String s : sets) {
            ps.add(new Assignment(
                    "0Pa00000000000" + i++ + "AAA", packageSets().get(s).id(), s));
        }
        List<Assignment> psls = psl
                ? List.of(new Assignment("2LA000000000001AAA", "0PL000000000001AAA", "SalesforceAPIIntegrationPsl"))
                : List.of();
        return new UserAccess(ps, psls, Map.of("ViewAllData", List.of("Warden_Query_All_Files")));
    }

    public static Observed provisioned() {
        return new Observed(
                ORG,
                integrationUser("Minimum Access - API Only Integrations", "Salesforce Integration"),
                access(List.of("Warden_Integration", "Warden_Query_All_Files", "Warden_Scanner_Access"), true),
                packageSets(),
                profiles(),
                Map.of("SalesforceAPIIntegrationPsl", "0PL000000000001AAA"),
                admin(),
                null,
                ecaConfigured(),
                emptyNetwork(),
                CERT);
    }

    public static Observed with(Observed o, UserState user, UserAccess access) {
        return new Observed(
                o.orgId(),
                user,
                access,
                o.permissionSets(),
                o.profiles(),
                o.permissionSetLicenses(),
                o.admin(),
                o.approvalAssignmentId(),
                o.eca(),
                o.network(),
                o.localCertificate());
    }
}
