package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Describe maps looked up ignoring case, static getSObjectType(), isAutoNumber, and List<SObject> downcasts. */
class DescribeAndCastTest {
    private static String out(String code) {
        Anon.Outcome o = Anon.run(code);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        return o.out();
    }

    @Test
    void theFieldMapFindsMixedCaseNamesAndAnswersIsAutoNumberFromTheOrg() {
        assertEquals("true\nfalse\ntrue\ntrue", out("""
        Map<String, Schema.SObjectField> fields = Account.getSObjectType().getDescribe().fields.getMap();
        System.debug(fields.get('Name') != null);
        System.debug(fields.get('Name').getDescribe().isAutoNumber());
        System.debug(fields.containsKey('NAME'));
        System.debug(Account.getSObjectType() == Account.SObjectType);
        """));
    }

    @Test
    void aListOfSObjectHoldingOnlyAccountsCastsToListOfAccountButNotWhenMixed() {
        assertEquals("2\ncaught", out("""
        List<SObject> rows = new List<SObject>{ new Account(Name = 'a'), new Account(Name = 'b') };
        List<Account> accounts = (List<Account>) rows;
        System.debug(accounts.size());
        rows.add(new Contact(LastName = 'c'));
        try {
            List<Account> again = (List<Account>) rows;
        } catch (TypeException e) {
            System.debug('caught');
        }
        """));
    }
}
