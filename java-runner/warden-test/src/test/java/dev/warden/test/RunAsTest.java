package dev.warden.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.salesforce.auth.JwtBearer;
import org.junit.jupiter.api.Test;

/**
 * Run-as by JWT, on an org with Warden's force-app deployed (the real sf CLI) and the warden blueprint provisioned
 * (Warden's own provision, in process): the integration user, a user the test creates, and one who may not.
 */
@WardenTest(project = WardenTest.WARDEN_PACKAGE, blueprint = "builtin:warden")
class RunAsTest {

    @Test
    void theIntegrationUserLogsInByJwtAndWardenVerifyPasses(TestOrg org) {
        TestOrg integration = org.runAsIntegrationUser();
        assertTrue(integration.whoAmI().startsWith("warden.scanner@"), integration.whoAmI());
        assertEquals(integration.username(), integration.whoAmI());
        org.assertVerified();
    }

    @Test
    void aUserTheTestCreatesCanBeRunAsOnceThePackagePreAuthorizesIt(TestOrg org) {
        String profileId = org.records()
                .query("SELECT Id FROM Profile WHERE Name = 'Standard User'")
                .get(0)
                .path("Id")
                .asText();
        String username = "runas." + System.nanoTime() + "@warden.invalid";
        String userId = org.records()
                .insert(
                        "User",
                        Records.fields(
                                "Username",
                                username,
                                "LastName",
                                "Runas",
                                "Email",
                                "runas@warden.invalid",
                                "Alias",
                                "runas",
                                "TimeZoneSidKey",
                                "Europe/Paris",
                                "LocaleSidKey",
                                "en_US",
                                "EmailEncodingKey",
                                "UTF-8",
                                "LanguageLocaleKey",
                                "en_US",
                                "ProfileId",
                                profileId));

        JwtBearer.JwtLoginException refused =
                assertThrows(JwtBearer.JwtLoginException.class, () -> org.runAs(username));
        assertTrue(
                refused.getMessage().toLowerCase().contains("approve")
                        || refused.error().equals("invalid_grant"),
                refused.getMessage());

        String scannerAccess = org.records()
                .query("SELECT Id FROM PermissionSet WHERE Name = 'Warden_Scanner_Access'")
                .get(0)
                .path("Id")
                .asText();
        org.records().insert("PermissionSetAssignment", "AssigneeId", userId, "PermissionSetId", scannerAccess);
        TestOrg asUser = org.runAs(username);
        assertEquals(username, asUser.whoAmI());
        String accountId = asUser.records().insert("Account", "Name", "Made by " + username);
        assertEquals(
                userId,
                org.records().get("Account", accountId).path("CreatedById").asText());
    }
}
