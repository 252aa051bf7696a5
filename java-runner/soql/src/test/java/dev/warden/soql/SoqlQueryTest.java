package dev.warden.soql;

import static dev.warden.soql.Fixtures.ADMIN;
import static dev.warden.soql.Fixtures.INTEGRATION;
import static dev.warden.soql.Fixtures.NO_PROFILE;
import static dev.warden.soql.Fixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Selecting, filtering, ordering and paging over the fixture org. */
class SoqlQueryTest {

    private static List<Object> column(QueryResult r, String field) {
        return r.records().stream().map(rec -> rec.fields().get(field)).toList();
    }

    private static List<String> names(String soql) {
        return query(soql).records().stream()
                .map(rec -> (String) rec.fields().get("Name"))
                .toList();
    }

    @Test
    void selectsFieldsInSelectOrderWithCanonicalNames() {
        QueryResult r = query("select username, ID from user where username = 'ADMIN@local.test'");
        assertEquals(1, r.totalSize());
        ResultRecord rec = r.records().get(0);
        assertEquals(List.of("Username", "Id"), List.copyOf(rec.fields().keySet()));
        assertEquals("User", rec.objectName());
        assertEquals(ADMIN, rec.id());
        assertFalse(r.countQuery());
    }

    @Test
    void objectAndFieldNamesAreCaseInsensitive() {
        assertEquals(3, query("SELECT id FROM USER").totalSize());
    }

    @Test
    void relationshipPathsOfAnyDepthYieldNestedRecords() {
        QueryResult r =
                query("SELECT Id, Profile.Name, Profile.UserLicense.Name FROM User WHERE Id = '" + INTEGRATION + "'");
        ResultRecord profile = (ResultRecord) r.records().get(0).fields().get("Profile");
        assertEquals("Profile", profile.objectName());
        assertEquals(Fixtures.PROFILE_INT, profile.id());
        assertEquals("Minimum Access - API Only Integrations", profile.fields().get("Name"));
        ResultRecord license = (ResultRecord) profile.fields().get("UserLicense");
        assertEquals("Salesforce Integration", license.fields().get("Name"));
        assertEquals(
                List.of("Name", "UserLicense"), List.copyOf(profile.fields().keySet()));
    }

    @Test
    void anEmptyReferenceYieldsANullRelationship() {
        QueryResult r =
                query("SELECT Name, Profile.Name, Profile.UserLicense.Name FROM User WHERE Id = '" + NO_PROFILE + "'");
        ResultRecord rec = r.records().get(0);
        assertTrue(rec.fields().containsKey("Profile"));
        assertNull(rec.fields().get("Profile"));
    }

    @Test
    void aReferenceToAMissingRecordYieldsANullRelationship() {
        InMemorySource org = Fixtures.org();
        org.add("User", "005000000000009AAA", "Name", "Dangling", "ProfileId", "00e0000000000ZZAAA");
        QueryResult r = Soql.query("SELECT Profile.Name FROM User WHERE Name = 'Dangling'", org, Fixtures.OPTIONS);
        assertNull(r.records().get(0).fields().get("Profile"));
    }

    @Test
    void theObjectNameAndItsAliasMayPrefixAPath() {
        assertEquals(List.of("Local Admin"), names("SELECT User.Name FROM User WHERE User.Username LIKE 'admin%'"));
        assertEquals(List.of("Local Admin"), names("SELECT u.Name FROM User u WHERE u.Username LIKE 'admin%'"));
    }

    @Test
    void relationshipPathsFilter() {
        assertEquals(
                List.of("Warden Integration"),
                names("SELECT Name FROM User WHERE Profile.UserLicense.Name = 'salesforce integration'"));
        assertEquals(
                List.of("Warden Integration"),
                names("SELECT Name FROM User WHERE Manager.Username = " + "'admin@local.test'"));
    }

    @Test
    void filtersOnAPathThroughAnEmptyReferenceTreatTheValueAsNull() {
        assertEquals(List.of("Ghost"), names("SELECT Name FROM User WHERE Profile.Name = null"));
        assertEquals(
                List.of("Local Admin", "Warden Integration", "Ghost"),
                names("SELECT Name FROM User WHERE Profile.Name != 'Nobody'"));
    }

    @Test
    void stringEqualityIgnoresCase() {
        assertEquals(List.of("Acme"), names("SELECT Name FROM Account WHERE Name = 'ACME'"));
    }

    @Test
    void fifteenAndEighteenCharacterIdsAreEqual() {
        assertEquals(List.of("Local Admin"), names("SELECT Name FROM User WHERE Id = '005000000000001'"));
        assertEquals(List.of("Local Admin"), names("SELECT Name FROM User WHERE Id IN ('005000000000001AAA')"));
        assertEquals(List.of("Warden Integration"), names("SELECT Name FROM User WHERE ProfileId = '00e000000000002'"));
    }

    @Test
    void idComparisonIsCaseSensitiveOnTheFirst15Characters() {
        assertEquals(List.of(), names("SELECT Name FROM Profile WHERE Id = '00E000000000001'"));
    }

    @Test
    void andOrNotAndParentheses() {
        assertEquals(
                List.of("Acme", "under_score"),
                names(
                        "SELECT Name FROM Account WHERE Industry = 'Energy' AND (NumberOfEmployees > 100 OR Name LIKE 'u%')"));
        assertEquals(
                List.of("acme labs", "Globex 100%"), names("SELECT Name FROM Account WHERE NOT (Industry = 'Energy')"));
        assertEquals(
                List.of("acme labs", "Globex 100%"), names("SELECT Name FROM Account WHERE NOT Industry = 'Energy'"));
        assertEquals(
                List.of("Acme", "acme labs", "Globex 100%"),
                names("SELECT Name FROM Account WHERE (Name LIKE 'a%') OR (Name LIKE 'g%')"));
    }

    @Test
    void comparisonOperatorsOnNumbers() {
        assertEquals(List.of("Acme"), names("SELECT Name FROM Account WHERE NumberOfEmployees > 8"));
        assertEquals(
                List.of("Acme", "acme labs", "under_score"),
                names("SELECT Name FROM Account WHERE NumberOfEmployees >= 8"));
        assertEquals(List.of(), names("SELECT Name FROM Account WHERE NumberOfEmployees < 8"));
        assertEquals(
                List.of("acme labs", "under_score"), names("SELECT Name FROM Account WHERE NumberOfEmployees <= 8"));
        assertEquals(
                List.of("acme labs", "under_score"), names("SELECT Name FROM Account WHERE NumberOfEmployees = 8.0"));
        assertEquals(List.of("Acme", "Globex 100%"), names("SELECT Name FROM Account WHERE NumberOfEmployees != 8"));
        assertEquals(List.of("Acme", "Globex 100%"), names("SELECT Name FROM Account WHERE NumberOfEmployees <> 8"));
        assertEquals(List.of("Acme"), names("SELECT Name FROM Account WHERE AnnualRevenue > 999999.99"));
        assertEquals(List.of("acme labs"), names("SELECT Name FROM Account WHERE Rating__c < 4"));
        assertEquals(List.of("acme labs"), names("SELECT Name FROM Account WHERE Rating__c > -1 AND Rating__c < 3.5"));
    }

    @Test
    void nullMatchesOnlyEmptyValuesAndNotEqualsIncludesEmptyValues() {
        assertEquals(List.of("Globex 100%"), names("SELECT Name FROM Account WHERE Industry = null"));
        assertEquals(
                List.of("Acme", "acme labs", "under_score"), names("SELECT Name FROM Account WHERE Industry != null"));
        assertEquals(List.of("acme labs", "Globex 100%"), names("SELECT Name FROM Account WHERE Industry != 'Energy'"));
    }

    @Test
    void booleans() {
        assertEquals(List.of("Ghost"), names("SELECT Name FROM User WHERE IsActive = false"));
        assertEquals(
                List.of("Local Admin", "Warden Integration"), names("SELECT Name FROM User WHERE IsActive = TRUE"));
    }

    @Test
    void inAndNotIn() {
        assertEquals(
                List.of("Acme", "acme labs", "under_score"),
                names("SELECT Name FROM Account WHERE Industry IN ('energy', 'TECHNOLOGY')"));
        assertEquals(
                List.of("acme labs", "Globex 100%"),
                names("SELECT Name FROM Account WHERE Industry NOT IN ('Energy')"));
        assertEquals(
                List.of("Acme", "acme labs", "under_score"),
                names("SELECT Name FROM Account WHERE NumberOfEmployees IN (8, 120)"));
        assertEquals(List.of("Globex 100%"), names("SELECT Name FROM Account WHERE Industry IN (null)"));
    }

    @Test
    void likeWildcardsMatchCaseInsensitively() {
        assertEquals(List.of("Acme", "acme labs"), names("SELECT Name FROM Account WHERE Name LIKE 'ACME%'"));
        assertEquals(List.of("Acme"), names("SELECT Name FROM Account WHERE Name LIKE 'a_m_'"));
        assertEquals(List.of("acme labs"), names("SELECT Name FROM Account WHERE Name LIKE '%LAB%'"));
    }

    @Test
    void likeEscapesMatchWildcardCharactersLiterally() {
        assertEquals(List.of("Globex 100%"), names("SELECT Name FROM Account WHERE Name LIKE '%0\\%'"));
        assertEquals(List.of(), names("SELECT Name FROM Account WHERE Name LIKE 'Globex\\%'"));
        assertEquals(List.of("under_score"), names("SELECT Name FROM Account WHERE Name LIKE '%\\_%'"));
        assertEquals(
                List.of("Acme", "acme labs", "Globex 100%", "under_score"),
                names("SELECT Name FROM Account WHERE Name LIKE '%_%'"));
    }

    @Test
    void stringEscapesDecode() {
        InMemorySource org = Fixtures.org();
        org.add("Account", "001000000000009AAA", "Name", "O'Brien \\ \"Co\"\n");
        QueryResult r = Soql.query(
                "SELECT Name FROM Account WHERE Name = 'O\\'Brien \\\\ \\\"Co\\\"\\n'", org, Fixtures.OPTIONS);
        assertEquals(1, r.totalSize());
        assertEquals(
                1,
                Soql.query(
                                "SELECT Name FROM Account WHERE Name = 'O\\u0027Brien \\\\ \"Co\"\\n'",
                                org,
                                Fixtures.OPTIONS)
                        .totalSize());
    }

    @Test
    void multiPicklistIncludesAndExcludes() {
        assertEquals(List.of("Acme"), names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('apac')"));
        assertEquals(
                List.of("Acme", "acme labs"),
                names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('EMEA;APAC', 'AMER')"));
        assertEquals(List.of(), names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('EMEA;AMER')"));
        assertEquals(
                List.of("acme labs", "Globex 100%", "under_score"),
                names("SELECT Name FROM Account WHERE Regions__c EXCLUDES ('EMEA')"));
    }

    @Test
    void orderByAscendingPutsNullsFirstByDefault() {
        assertEquals(
                List.of("Globex 100%", "acme labs", "under_score", "Acme"),
                names("SELECT Name FROM Account ORDER BY NumberOfEmployees"));
    }

    @Test
    void orderByDescendingPutsNullsLastByDefault() {
        assertEquals(
                List.of("Acme", "acme labs", "under_score", "Globex 100%"),
                names("SELECT Name FROM Account ORDER BY NumberOfEmployees DESC"));
    }

    @Test
    void explicitNullsPlacementWins() {
        assertEquals(
                List.of("acme labs", "under_score", "Acme", "Globex 100%"),
                names("SELECT Name FROM Account ORDER BY NumberOfEmployees ASC NULLS LAST"));
        assertEquals(
                List.of("Globex 100%", "Acme", "acme labs", "under_score"),
                names("SELECT Name FROM Account ORDER BY NumberOfEmployees DESC NULLS FIRST"));
    }

    @Test
    void orderByMultipleKeysAndTextIgnoresCase() {
        assertEquals(
                List.of("Acme", "acme labs", "Globex 100%", "under_score"),
                names("SELECT Name FROM Account ORDER BY Name"));
        assertEquals(
                List.of("acme labs", "Acme", "under_score", "Globex 100%"),
                names("SELECT Name FROM Account ORDER BY Industry DESC, Name ASC"));
    }

    @Test
    void orderByARelationshipPath() {
        assertEquals(
                List.of("Ghost", "Local Admin", "Warden Integration"),
                names("SELECT Name FROM User ORDER BY Profile.UserLicense.Name"));
        assertEquals(
                List.of("Globex 100%", "under_score", "acme labs", "Acme"),
                names("SELECT Name FROM Account ORDER BY Owner.Profile.Name NULLS FIRST, Name"));
    }

    @Test
    void limitAndOffsetPage() {
        assertEquals(
                List.of("acme labs", "Globex 100%"), names("SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1"));
        assertEquals(List.of("Acme", "acme labs"), names("SELECT Name FROM Account LIMIT 2"));
        assertEquals(List.of(), names("SELECT Name FROM Account LIMIT 0"));
        assertEquals(List.of(), names("SELECT Name FROM Account OFFSET 10"));
    }

    @Test
    void limitWithoutOrderByStopsReadingRows() {
        int[] read = {0};
        InMemorySource org = Fixtures.org();
        SoqlSource counting = new SoqlSource() {
            @Override
            public SObjectInfo describe(String objectName) {
                return org.describe(objectName);
            }

            @Override
            public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
                Iterable<SoqlRow> rows = org.rows(objectApiName, includeDeleted);
                return () -> {
                    var it = rows.iterator();
                    return new java.util.Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public SoqlRow next() {
                            read[0]++;
                            return it.next();
                        }
                    };
                };
            }

            @Override
            public SoqlRow byId(String id) {
                return org.byId(id);
            }
        };
        Soql.query("SELECT Id FROM Account LIMIT 1", counting, Fixtures.OPTIONS);
        assertEquals(1, read[0]);
    }

    @Test
    void deletedRowsOnlyWithQueryAllOrAllRows() {
        assertEquals(4, query("SELECT Id FROM Account").totalSize());
        assertEquals(
                5,
                Soql.query("SELECT Id FROM Account", Fixtures.org(), Fixtures.OPTIONS.withIncludeDeleted(true))
                        .totalSize());
        assertEquals(5, query("SELECT Id FROM Account ALL ROWS").totalSize());
    }

    @Test
    void countOnlyAnswersTotalSizeWithNoRecords() {
        QueryResult r = query("SELECT COUNT() FROM User WHERE IsActive = true");
        assertTrue(r.countQuery());
        assertEquals(2, r.totalSize());
        assertEquals(List.of(), r.records());
        assertEquals(1, query("SELECT COUNT() FROM User LIMIT 1").totalSize());
    }

    @Test
    void semiJoinFiltersByTheSubquerysIds() {
        assertEquals(
                List.of("Warden Integration"),
                names("SELECT Name FROM User WHERE Id IN (SELECT AssigneeId FROM "
                        + "PermissionSetAssignment WHERE PermissionSet.Name = 'Warden_Integration')"));
        assertEquals(
                List.of("Ghost"),
                names("SELECT Name FROM User WHERE Id NOT IN (SELECT AssigneeId FROM " + "PermissionSetAssignment)"));
    }

    @Test
    void assignmentQueryFromTheProvisioningFlow() {
        QueryResult r =
                query("SELECT Id, PermissionSetId, PermissionSet.Name, ExpirationDate FROM PermissionSetAssignment"
                        + " WHERE AssigneeId = '" + INTEGRATION + "' AND PermissionSet.IsOwnedByProfile = false");
        assertEquals(1, r.totalSize());
        ResultRecord rec = r.records().get(0);
        assertEquals(
                List.of("Id", "PermissionSetId", "PermissionSet", "ExpirationDate"),
                List.copyOf(rec.fields().keySet()));
        assertEquals(
                "Warden_Integration",
                ((ResultRecord) rec.fields().get("PermissionSet")).fields().get("Name"));
        assertNull(rec.fields().get("ExpirationDate"));
    }

    @Test
    void columnsDescribeFieldsAndNestRelationships() {
        QueryResult r = query("SELECT Id, Name, Profile.Name, Profile.UserLicense.Name, IsActive FROM User");
        assertEquals(
                List.of(
                        new ColumnInfo("Id", "Id", false, "Id", List.of()),
                        new ColumnInfo("Name", "Name", false, "String", List.of()),
                        new ColumnInfo(
                                "Profile",
                                "Profile",
                                false,
                                null,
                                List.of(
                                        new ColumnInfo("Name", "Name", false, "String", List.of()),
                                        new ColumnInfo(
                                                "UserLicense",
                                                "UserLicense",
                                                false,
                                                null,
                                                List.of(new ColumnInfo("Name", "Name", false, "String", List.of()))))),
                        new ColumnInfo("IsActive", "IsActive", false, "Boolean", List.of())),
                r.columns());
    }

    @Test
    void valuesComeBackAsStored() {
        ResultRecord acme = query("SELECT Name, AnnualRevenue, NumberOfEmployees, Rating__c FROM Account LIMIT 1")
                .records()
                .get(0);
        assertEquals(new java.math.BigDecimal("1000000.50"), acme.fields().get("AnnualRevenue"));
        assertEquals(120, acme.fields().get("NumberOfEmployees"));
        assertEquals(4.5, acme.fields().get("Rating__c"));
    }

    @Test
    void parseOnceExecuteManyTimes() {
        SoqlStatement s = Soql.parse("SELECT Id FROM User WHERE IsActive = true");
        assertEquals(2, Soql.execute(s, Fixtures.org(), Fixtures.OPTIONS).totalSize());
        assertEquals(2, Soql.execute(s, Fixtures.org(), QueryOptions.defaults()).totalSize());
    }

    @Test
    void aPolymorphicReferenceFollowsWhicheverObjectTheIdPointsAt() {
        InMemorySource org = new InMemorySource()
                .object("Contact", FieldInfo.of("Id", FieldType.ID), FieldInfo.of("Name", FieldType.STRING))
                .object(
                        "Lead",
                        FieldInfo.of("Id", FieldType.ID),
                        FieldInfo.of("Name", FieldType.STRING),
                        FieldInfo.of("Company", FieldType.STRING))
                .object(
                        "Task",
                        FieldInfo.of("Id", FieldType.ID),
                        FieldInfo.of("Subject", FieldType.STRING),
                        FieldInfo.reference("WhoId", "Who", "Contact", "Lead"));
        org.add("Contact", "003000000000001AAA", "Name", "Carla");
        org.add("Lead", "00Q000000000001AAA", "Name", "Leo", "Company", "Initech");
        org.add("Task", "00T000000000001AAA", "Subject", "call", "WhoId", "003000000000001AAA");
        org.add("Task", "00T000000000002AAA", "Subject", "mail", "WhoId", "00Q000000000001AAA");
        QueryResult r = Soql.query("SELECT Subject, Who.Name FROM Task ORDER BY Who.Name DESC", org, Fixtures.OPTIONS);
        ResultRecord leo = (ResultRecord) r.records().get(0).fields().get("Who");
        assertEquals("Lead", leo.objectName());
        assertEquals("Leo", leo.fields().get("Name"));
        assertEquals("Contact", ((ResultRecord) r.records().get(1).fields().get("Who")).objectName());
        assertEquals(
                List.of("mail"),
                Soql.query("SELECT Subject FROM Task WHERE Who.Company = 'initech'", org, Fixtures.OPTIONS)
                        .records()
                        .stream()
                        .map(x -> x.fields().get("Subject"))
                        .toList());
    }

    @Test
    void fieldsFunctionExpandsToTheDescribedFields() {
        ResultRecord admin = query("SELECT FIELDS(STANDARD) FROM User WHERE Id = '" + ADMIN + "'")
                .records()
                .get(0);
        assertEquals(
                List.of("Id", "Username", "Name", "Email", "IsActive", "ProfileId", "ManagerId", "CreatedDate"),
                List.copyOf(admin.fields().keySet()));
        ResultRecord custom =
                query("SELECT Id, FIELDS(CUSTOM) FROM User LIMIT 1").records().get(0);
        assertEquals(List.of("Id", "Birthdate__c"), List.copyOf(custom.fields().keySet()));
        assertEquals(
                9,
                query("SELECT FIELDS(ALL) FROM User LIMIT 200")
                        .records()
                        .get(0)
                        .fields()
                        .size());
    }

    @Test
    void fieldsAllNeedsALimitOfAtMost200() {
        SoqlException e = org.junit.jupiter.api.Assertions.assertThrows(
                SoqlException.class, () -> query("SELECT FIELDS(ALL) FROM User"));
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals("The SOQL FIELDS function must have a LIMIT of at most 200", e.detail());
    }
}
