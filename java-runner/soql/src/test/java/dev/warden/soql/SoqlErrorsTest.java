package dev.warden.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every refusal in Salesforce's code and words, with the row/column caret layout. */
class SoqlErrorsTest {
    private static final String NO_SUCH_COLUMN_TAIL = "If you are attempting to use a custom field, be sure to append "
            + "the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate "
            + "names.";

    private static SoqlException fails(String soql) {
        return assertThrows(SoqlException.class, () -> Fixtures.query(soql));
    }

    @Test
    void unknownSelectedFieldIsInvalidFieldWithCaretUnderIt() {
        SoqlException e = fails("SELECT Id, Foo FROM User");
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(
                "\nSELECT Id, Foo FROM User\n           ^\nERROR at Row:1:Column:12\n"
                        + "No such column 'Foo' on entity 'User'. " + NO_SUCH_COLUMN_TAIL,
                e.getMessage());
        assertEquals(1, e.row());
        assertEquals(12, e.column());
    }

    @Test
    void toStringPrefixesTheErrorCodeLikeTheSfCli() {
        assertEquals(
                "INVALID_FIELD: \nSELECT Id, Foo FROM User\n           ^\nERROR at Row:1:Column:12\n"
                        + "No such column 'Foo' on entity 'User'. " + NO_SUCH_COLUMN_TAIL,
                fails("SELECT Id, Foo FROM User").toString());
    }

    @Test
    void unknownObjectIsInvalidType() {
        SoqlException e = fails("SELECT Id FROM Foo__c");
        assertEquals("INVALID_TYPE", e.errorCode());
        assertEquals(
                "\nSELECT Id FROM Foo__c\n               ^\nERROR at Row:1:Column:16\n"
                        + "sObject type 'Foo__c' is not supported. If you are attempting to use a custom object, be sure to append "
                        + "the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate "
                        + "names.",
                e.getMessage());
    }

    @Test
    void unknownObjectIsReportedBeforeUnknownFields() {
        assertEquals("INVALID_TYPE", fails("SELECT Nope FROM Foo__c").errorCode());
    }

    @Test
    void unknownRelationshipIsInvalidFieldNamingTheRelationship() {
        SoqlException e = fails("SELECT Id, Foo.Name FROM User");
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(
                "\nSELECT Id, Foo.Name FROM User\n           ^\nERROR at Row:1:Column:12\n"
                        + "Didn't understand relationship 'Foo' in field path. If you are attempting to use a custom relationship, "
                        + "be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the "
                        + "describe call for the appropriate names.",
                e.getMessage());
    }

    @Test
    void aNonReferenceFieldCannotBeFollowed() {
        SoqlException e = fails("SELECT Name.Foo FROM User");
        assertEquals(
                "Didn't understand relationship 'Name' in field path. If you are attempting to use a custom "
                        + "relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL "
                        + "or the describe call for the appropriate names.",
                e.detail());
    }

    @Test
    void unknownFieldAtTheEndOfAPathNamesTheObjectItWasLookedUpOn() {
        SoqlException e = fails("SELECT Profile.UserLicense.Nope FROM User");
        assertEquals("No such column 'Nope' on entity 'UserLicense'. " + NO_SUCH_COLUMN_TAIL, e.detail());
        assertEquals(8, e.column());
    }

    @Test
    void aRelationshipNameAloneIsNotAColumn() {
        assertEquals(
                "No such column 'Profile' on entity 'User'. " + NO_SUCH_COLUMN_TAIL,
                fails("SELECT Profile FROM User").detail());
    }

    @Test
    void unknownFieldInWhereFailsAtItsColumn() {
        SoqlException e = fails("SELECT Id FROM User WHERE Nope = 'x'");
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(27, e.column());
        assertEquals(
                "\nSELECT Id FROM User WHERE Nope = 'x'\n                          ^\nERROR at Row:1:Column:27\n"
                        + "No such column 'Nope' on entity 'User'. " + NO_SUCH_COLUMN_TAIL,
                e.getMessage());
    }

    @Test
    void unknownFieldInOrderByFailsAtItsColumn() {
        SoqlException e = fails("SELECT Id FROM User ORDER BY Profile.Nope DESC");
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(30, e.column());
        assertEquals("No such column 'Nope' on entity 'Profile'. " + NO_SUCH_COLUMN_TAIL, e.detail());
    }

    @Test
    void unknownFieldOnALaterRowReportsThatRowAndShowsOnlyIt() {
        SoqlException e = fails("SELECT Id\nFROM User\nWHERE  Nope = true");
        assertEquals(
                "\nWHERE  Nope = true\n       ^\nERROR at Row:3:Column:8\nNo such column 'Nope' on entity 'User'. "
                        + NO_SUCH_COLUMN_TAIL,
                e.getMessage());
    }

    @Test
    void aLongRowIsShownAsAWindowAroundTheCaret() {
        String soql = "SELECT Id, Username, Name, Email, IsActive, ProfileId, CreatedDate, Nope, ManagerId, "
                + "Profile.Name, Profile.UserLicense.Name FROM User";
        SoqlException e = fails(soql);
        assertEquals(69, e.column());
        assertEquals(
                "\nEmail, IsActive, ProfileId, CreatedDate, Nope, ManagerId, Profile.Name,\n"
                        + " ".repeat(41) + "^\nERROR at Row:1:Column:69\nNo such column 'Nope' on entity "
                        + "'User'. " + NO_SUCH_COLUMN_TAIL,
                e.getMessage());
    }

    @Test
    void syntaxErrorsAreMalformedQueryAtTheUnexpectedToken() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FORM User"));
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals(
                "\nSELECT Id FORM User\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'",
                e.getMessage());
    }

    @Test
    void aQueryEndingEarlyIsUnexpectedEof() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User WHERE"));
        assertEquals("unexpected token: '<EOF>'", e.detail());
        assertEquals(26, e.column());
    }

    @Test
    void trailingTokensAreUnexpected() {
        assertEquals(
                "unexpected token: 'OR'",
                assertThrows(
                                SoqlException.class,
                                () -> Soql.parse(
                                        "SELECT Id FROM User WHERE IsActive = true AND " + "Name = 'a' OR Name = 'b'"))
                        .detail());
        assertEquals(
                "unexpected token: ';'",
                assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User;"))
                        .detail());
    }

    @Test
    void aMissingSelectListIsUnexpectedFrom() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT FROM User"));
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals("unexpected token: 'FROM'", e.detail());
        assertEquals(8, e.column());
        assertEquals(
                "unexpected token: 'FROM'",
                assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id, FROM User"))
                        .detail());
    }

    @Test
    void keywordsThatNameObjectsAndRelationshipsStillParse() {
        Soql.parse("SELECT Id, Group.Name FROM GroupMember");
        Soql.parse("SELECT Id, Type FROM Group WHERE Type = 'Queue' ORDER BY Name");
        Soql.parse("SELECT Id, Order.Name FROM OrderItem");
        Soql.parse("SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType "
                + "FROM Organization");
        Soql.parse("SELECT Id FROM ScratchOrgInfo limit 1");
    }

    @Test
    void aCharacterOutsideTheLanguageIsUnexpected() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User WHERE Name = \"x\""));
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals(34, e.column());
    }

    @Test
    void bindVariablesAreNotSoqlOverTheApi() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User WHERE Id = :uid"));
        assertEquals("unexpected token: ':'", e.detail());
    }

    @Test
    void anIllegalStringEscapeIsMalformed() {
        SoqlException e =
                assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User WHERE Name = 'a\\qb'"));
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals("Invalid string literal 'a\\qb'. Illegal character sequence '\\q' in string literal.", e.detail());
    }

    @Test
    void aQuotedBooleanIsRefusedLikeSalesforce() {
        SoqlException e = fails("SELECT Id FROM User WHERE IsActive = 'true'");
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(
                "value of filter criterion for field 'IsActive' must be of type boolean and should not be enclosed "
                        + "in quotes",
                e.detail());
    }

    @Test
    void aDateOnADatetimeFieldIsRefused() {
        assertEquals(
                "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be "
                        + "enclosed in quotes",
                fails("SELECT Id FROM User WHERE CreatedDate > 2026-01-01").detail());
    }

    @Test
    void anUnquotedNumberOnATextFieldIsRefused() {
        assertEquals(
                "value of filter criterion for field 'Name' must be of type string and should be enclosed in "
                        + "quotes",
                fails("SELECT Id FROM User WHERE Name = 5").detail());
    }

    @Test
    void aMalformedIdLiteralIsAnInvalidFilter() {
        SoqlException e = fails("SELECT Id FROM User WHERE Id = 'abc'");
        assertEquals("INVALID_QUERY_FILTER_OPERATOR", e.errorCode());
        assertEquals("invalid ID field: abc", e.detail());
    }

    @Test
    void binaryFieldsCannotBeFiltered() {
        assertEquals(
                "field 'Logo__c' can not be filtered in query call",
                fails("SELECT Id FROM Account WHERE Logo__c = null").detail());
    }

    @Test
    void binaryAndMultiPicklistFieldsCannotBeSorted() {
        SoqlException e = fails("SELECT Id FROM Account ORDER BY Regions__c");
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals("field 'Regions__c' can not be sorted in a query call", e.detail());
    }

    @Test
    void aFieldSelectedTwiceIsRefused() {
        SoqlException e = fails("SELECT Id, Name, name FROM User");
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals("duplicate field selected: name", e.detail());
    }

    @Test
    void anOffsetOver2000IsOutOfRange() {
        SoqlException e = fails("SELECT Id FROM User LIMIT 10 OFFSET 2001");
        assertEquals("NUMBER_OUTSIDE_VALID_RANGE", e.errorCode());
        assertEquals("Maximum SOQL offset allowed is 2000", e.getMessage());
    }

    @Test
    void mixingAggregatesAndPlainFieldsNeedsGroupBy() {
        SoqlException e = fails("SELECT Name, COUNT(Id) FROM User");
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals("Field must be grouped or aggregated: Name", e.detail());
    }

    @Test
    void sumOfATextFieldIsRefused() {
        assertEquals(
                "field Name does not support aggregate operator SUM",
                fails("SELECT SUM(Name) FROM User").detail());
    }

    @Test
    void likeOnABooleanIsAnInvalidOperator() {
        assertEquals(
                "INVALID_QUERY_FILTER_OPERATOR",
                fails("SELECT Id FROM User WHERE IsActive LIKE 'x'").errorCode());
    }

    @Test
    void unsupportedClausesSaySoInsteadOfBeingIgnored() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User FOR UPDATE"));
        assertEquals("MALFORMED_QUERY", e.errorCode());
        assertEquals("FOR VIEW/UPDATE/REFERENCE is not supported by this SOQL engine", e.detail());
    }

    @Test
    void aSemiJoinNeedsAnIdOnTheLeft() {
        SoqlException e = fails("SELECT Id FROM User WHERE Name IN (SELECT AssigneeId FROM PermissionSetAssignment)");
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(27, e.column());
    }

    @Test
    void aSemiJoinSelectsExactlyOneIdField() {
        assertEquals(
                "MALFORMED_QUERY",
                fails("SELECT Id FROM User WHERE Id IN (SELECT AssigneeId, Id FROM " + "PermissionSetAssignment)")
                        .errorCode());
        assertEquals(
                "INVALID_FIELD",
                fails("SELECT Id FROM User WHERE Id IN (SELECT ExpirationDate FROM " + "PermissionSetAssignment)")
                        .errorCode());
    }

    @Test
    void aSemiJoinOnAnUnknownObjectIsInvalidTypeAtItsName() {
        SoqlException e = fails("SELECT Id FROM User WHERE Id IN (SELECT AssigneeId FROM Nope__c)");
        assertEquals("INVALID_TYPE", e.errorCode());
        assertEquals(57, e.column());
    }
}
