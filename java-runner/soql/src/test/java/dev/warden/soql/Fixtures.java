package dev.warden.soql;

import static dev.warden.soql.FieldInfo.of;
import static dev.warden.soql.FieldInfo.reference;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The org the tests query: users, profiles, licenses, permission sets and their assignments, accounts. */
final class Fixtures {
    /** Monday 2026-11-23 12:00 UTC. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    static final QueryOptions OPTIONS = new QueryOptions(CLOCK, false);

    static final String LICENSE_SF = "100000000000001AAA";
    static final String LICENSE_INT = "100000000000002AAA";
    static final String PROFILE_ADMIN = "00e000000000001AAA";
    static final String PROFILE_INT = "00e000000000002AAA";
    static final String ADMIN = "005000000000001AAA";
    static final String INTEGRATION = "005000000000002AAA";
    static final String NO_PROFILE = "005000000000003AAA";
    static final String PS_WARDEN = "0PS000000000001AAA";
    static final String PS_OWNED = "0PS000000000002AAA";

    private Fixtures() {}

    static InMemorySource org() {
        InMemorySource org = new InMemorySource()
                .object(
                        "UserLicense",
                        of("Id", FieldType.ID),
                        of("Name", FieldType.STRING),
                        of("LicenseDefinitionKey", FieldType.STRING),
                        of("TotalLicenses", FieldType.INT))
                .object(
                        "Profile",
                        of("Id", FieldType.ID),
                        of("Name", FieldType.STRING),
                        reference("UserLicenseId", "UserLicense", "UserLicense"))
                .object(
                        "User",
                        of("Id", FieldType.ID),
                        of("Username", FieldType.STRING),
                        of("Name", FieldType.STRING),
                        of("Email", FieldType.EMAIL),
                        of("IsActive", FieldType.BOOLEAN),
                        reference("ProfileId", "Profile", "Profile"),
                        reference("ManagerId", "Manager", "User"),
                        of("CreatedDate", FieldType.DATETIME),
                        of("Birthdate__c", FieldType.DATE))
                .object(
                        "PermissionSet",
                        of("Id", FieldType.ID),
                        of("Name", FieldType.STRING),
                        of("IsOwnedByProfile", FieldType.BOOLEAN))
                .object(
                        "PermissionSetAssignment",
                        of("Id", FieldType.ID),
                        reference("AssigneeId", "Assignee", "User"),
                        reference("PermissionSetId", "PermissionSet", "PermissionSet"),
                        of("ExpirationDate", FieldType.DATETIME))
                .object(
                        "Account",
                        of("Id", FieldType.ID),
                        of("Name", FieldType.STRING),
                        of("AnnualRevenue", FieldType.CURRENCY),
                        of("NumberOfEmployees", FieldType.INT),
                        of("Rating__c", FieldType.DOUBLE),
                        of("Industry", FieldType.PICKLIST),
                        of("Regions__c", FieldType.MULTIPICKLIST),
                        of("Logo__c", FieldType.BASE64),
                        reference("OwnerId", "Owner", "User"))
                .child("User", "PermissionSetAssignments", "PermissionSetAssignment", "AssigneeId")
                .child("User", "Accounts", "Account", "OwnerId");
        org.add("UserLicense", LICENSE_SF, "Name", "Salesforce", "LicenseDefinitionKey", "SFDC", "TotalLicenses", 10);
        org.add(
                "UserLicense",
                LICENSE_INT,
                "Name",
                "Salesforce Integration",
                "LicenseDefinitionKey",
                null,
                "TotalLicenses",
                5);
        org.add("Profile", PROFILE_ADMIN, "Name", "System Administrator", "UserLicenseId", LICENSE_SF);
        org.add("Profile", PROFILE_INT, "Name", "Minimum Access - API Only Integrations", "UserLicenseId", LICENSE_INT);
        org.add(
                "User",
                ADMIN,
                "Username",
                "admin@local.test",
                "Name",
                "Local Admin",
                "Email",
                "admin@local.test",
                "IsActive",
                true,
                "ProfileId",
                PROFILE_ADMIN,
                "CreatedDate",
                Instant.parse("2026-11-01T09:00:00Z"),
                "Birthdate__c",
                LocalDate.parse("1980-05-17"));
        org.add(
                "User",
                INTEGRATION,
                "Username",
                "warden.integration@local.test",
                "Name",
                "Warden Integration",
                "Email",
                "warden@local.test",
                "IsActive",
                true,
                "ProfileId",
                PROFILE_INT,
                "ManagerId",
                ADMIN,
                "CreatedDate",
                Instant.parse("2026-11-22T23:30:00Z"));
        org.add(
                "User",
                NO_PROFILE,
                "Username",
                "ghost@local.test",
                "Name",
                "Ghost",
                "IsActive",
                false,
                "CreatedDate",
                Instant.parse("2025-01-10T00:00:00Z"));
        org.add("PermissionSet", PS_WARDEN, "Name", "Warden_Integration", "IsOwnedByProfile", false);
        org.add("PermissionSet", PS_OWNED, "Name", "X00ex00000018ozT_128_09_04_12_1", "IsOwnedByProfile", true);
        org.add(
                "PermissionSetAssignment",
                "0Pa000000000001AAA",
                "AssigneeId",
                INTEGRATION,
                "PermissionSetId",
                PS_WARDEN);
        org.add(
                "PermissionSetAssignment",
                "0Pa000000000002AAA",
                "AssigneeId",
                INTEGRATION,
                "PermissionSetId",
                PS_OWNED);
        org.add("PermissionSetAssignment", "0Pa000000000003AAA", "AssigneeId", ADMIN, "PermissionSetId", PS_OWNED);
        org.add(
                "Account",
                "001000000000001AAA",
                "Name",
                "Acme",
                "AnnualRevenue",
                new BigDecimal("1000000.50"),
                "NumberOfEmployees",
                120,
                "Rating__c",
                4.5,
                "Industry",
                "Energy",
                "Regions__c",
                "EMEA;APAC",
                "OwnerId",
                ADMIN);
        org.add(
                "Account",
                "001000000000002AAA",
                "Name",
                "acme labs",
                "AnnualRevenue",
                null,
                "NumberOfEmployees",
                8,
                "Rating__c",
                3.0,
                "Industry",
                "Technology",
                "Regions__c",
                "AMER",
                "OwnerId",
                INTEGRATION);
        org.add(
                "Account",
                "001000000000003AAA",
                "Name",
                "Globex 100%",
                "AnnualRevenue",
                new BigDecimal("250000"),
                "NumberOfEmployees",
                null,
                "Industry",
                null,
                "Regions__c",
                null,
                "OwnerId",
                null);
        org.add(
                "Account",
                "001000000000004AAA",
                "Name",
                "under_score",
                "NumberOfEmployees",
                8L,
                "Industry",
                "Energy",
                "OwnerId",
                NO_PROFILE);
        org.addDeleted("Account", "001000000000005AAA", "Name", "Deleted Co", "NumberOfEmployees", 1);
        return org;
    }

    static QueryResult query(String soql) {
        return Soql.query(soql, org(), OPTIONS);
    }
}
