package dev.warden.soql;

import static dev.warden.soql.Fixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Subqueries in SELECT answer each parent's child records as a nested result, null when there are none. */
class SoqlSubqueryTest {

    @Test
    void childRecordsNestUnderTheRelationshipNameInSelectOrder() {
        QueryResult r = query("SELECT Name, (SELECT PermissionSet.Name FROM PermissionSetAssignments ORDER BY "
                + "PermissionSet.Name), Username FROM User WHERE Id = '" + Fixtures.INTEGRATION + "'");
        ResultRecord user = r.records().get(0);
        assertEquals(
                List.of("Name", "PermissionSetAssignments", "Username"),
                List.copyOf(user.fields().keySet()));
        QueryResult assignments = (QueryResult) user.fields().get("PermissionSetAssignments");
        assertEquals(2, assignments.totalSize());
        assertEquals(
                List.of("Warden_Integration", "X00ex00000018ozT_128_09_04_12_1"),
                assignments.records().stream()
                        .map(a -> ((ResultRecord) a.fields().get("PermissionSet"))
                                .fields()
                                .get("Name"))
                        .toList());
        assertEquals("PermissionSetAssignment", assignments.records().get(0).objectName());
    }

    @Test
    void aParentWithoutMatchingChildrenGetsNull() {
        QueryResult r = query("SELECT Name, (SELECT Id FROM PermissionSetAssignments) FROM User WHERE Name = 'Ghost'");
        ResultRecord ghost = r.records().get(0);
        assertEquals(
                List.of("Name", "PermissionSetAssignments"),
                List.copyOf(ghost.fields().keySet()));
        assertNull(ghost.fields().get("PermissionSetAssignments"));
    }

    @Test
    void childWhereAndLimitApplyPerParent() {
        QueryResult r = query("SELECT Name, (SELECT Name FROM Accounts WHERE NumberOfEmployees > 5 ORDER BY Name DESC "
                + "LIMIT 1) FROM User ORDER BY Name");
        assertEquals(
                List.of("Ghost", "Local Admin", "Warden Integration"),
                r.records().stream().map(u -> u.fields().get("Name")).toList());
        assertEquals("under_score", name(r.records().get(0)));
        assertEquals("Acme", name(r.records().get(1)));
        assertEquals("acme labs", name(r.records().get(2)));
    }

    @Test
    void aChildSubqueryMayNameItsRelationshipThroughTheParent() {
        QueryResult r = query("SELECT Name, (SELECT Name FROM User.Accounts WHERE NumberOfEmployees > 5 ORDER BY Name"
                + " DESC LIMIT 1) FROM User ORDER BY Name");
        assertEquals("Acme", name(r.records().get(1)));
        assertThrows(SoqlException.class, () -> query("SELECT Name, (SELECT Name FROM Contact.Accounts) FROM User"));
    }

    private static Object name(ResultRecord user) {
        QueryResult accounts = (QueryResult) user.fields().get("Accounts");
        assertEquals(1, accounts.records().size());
        return accounts.records().get(0).fields().get("Name");
    }

    @Test
    void theSubqueryColumnIsAnAggregateWithItsFieldsAsJoinColumns() {
        QueryResult r = query("SELECT Id, (SELECT Id, PermissionSet.Name FROM PermissionSetAssignments) FROM User");
        assertEquals(
                new ColumnInfo(
                        "PermissionSetAssignments",
                        "PermissionSetAssignments",
                        true,
                        null,
                        List.of(
                                new ColumnInfo("Id", "Id", false, "Id", List.of()),
                                new ColumnInfo(
                                        "PermissionSet",
                                        "PermissionSet",
                                        false,
                                        null,
                                        List.of(new ColumnInfo("Name", "Name", false, "String", List.of()))))),
                r.columns().get(1));
    }

    @Test
    void anUnknownChildRelationshipIsInvalidType() {
        SoqlException e =
                assertThrows(SoqlException.class, () -> query("SELECT Id, (SELECT Id FROM Contacts) FROM User"));
        assertEquals("INVALID_TYPE", e.errorCode());
        assertEquals(
                "\nSELECT Id, (SELECT Id FROM Contacts) FROM User\n                           ^\n"
                        + "ERROR at Row:1:Column:28\nDidn't understand relationship 'Contacts' in FROM part of query call. If you are "
                        + "attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. "
                        + "Please reference your WSDL or the describe call for the appropriate names.",
                e.getMessage());
    }

    @Test
    void unknownFieldsInTheSubqueryNameTheChildObject() {
        SoqlException e = assertThrows(
                SoqlException.class, () -> query("SELECT Id, (SELECT Nope FROM PermissionSetAssignments) FROM User"));
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(20, e.column());
        assertEquals(
                "No such column 'Nope' on entity 'PermissionSetAssignment'. If you are attempting to use a custom "
                        + "field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe "
                        + "call for the appropriate names.",
                e.detail());
    }
}
