package dev.warden.apex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Binds inside a semi-join subquery are resolved like the outer query's, inline and dynamic. */
class SemiJoinBindTest {
    @Test
    void aBindInsideASemiJoinFiltersTheSubquery() {
        Anon.Outcome o = Anon.run("""
        Account a = new Account(Name = 'A');
        Account b = new Account(Name = 'B');
        insert new List<Account>{ a, b };
        insert new Contact(LastName = 'Lovelace', AccountId = a.Id);
        insert new Contact(LastName = 'Hopper', AccountId = b.Id);
        String who = 'Hopper';
        System.debug([SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = :who)][0].Name);
        System.debug(Database.queryWithBinds('SELECT Name FROM Account WHERE Id NOT IN '
            + '(SELECT AccountId FROM Contact WHERE LastName = :who)', new Map<String, Object>{ 'who' => who },
            AccessLevel.SYSTEM_MODE)[0].get('Name'));
        """);
        assertEquals(java.util.Map.of(), o.problems());
        assertNull(o.error(), () -> o.error() + "\n" + o.stack());
        assertEquals("B\nA", o.out());
    }
}
