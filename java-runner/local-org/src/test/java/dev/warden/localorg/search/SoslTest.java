package dev.warden.localorg.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.data.OrgException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SOSL subset the local org reads, and the searches it refuses instead of half-running. */
class SoslTest {
    @Test
    void readsTermsScopeReturningClausesAndLimit() {
        SearchRequest s = Sosl.parse("FIND {Acme \"Big Deal\" OR Glob*} IN NAME FIELDS RETURNING Account(Id, Name"
                + " WHERE Industry = 'Banking' ORDER BY Name LIMIT 5), Contact LIMIT 20");
        assertEquals("NAME", s.scope());
        assertEquals(2, s.terms().size());
        assertEquals(List.of("acme"), s.terms().get(0).get(0).words());
        assertEquals(List.of("big", "deal"), s.terms().get(0).get(1).words());
        assertTrue(s.terms().get(0).get(1).phrase());
        assertEquals(List.of("glob*"), s.terms().get(1).get(0).words());
        SearchRequest.Returning account = s.returning().get(0);
        assertEquals(List.of("Id", "Name"), account.fields());
        assertEquals("Industry = 'Banking'", account.where());
        assertEquals("Name", account.orderBy());
        assertEquals(5, account.limit());
        assertEquals("Contact", s.returning().get(1).object());
        assertNull(s.returning().get(1).fields());
        assertEquals(20, s.limit());
    }

    @Test
    void refusesWhatItDoesNotSupportOrMalformedSearches() {
        for (String bad : List.of(
                "",
                "SELECT Id FROM Account",
                "FIND {a}",
                "FIND {acme AND NOT corp}",
                "FIND {(acme OR corp)}",
                "FIND {acme} RETURNING Account(Id",
                "FIND {acme} WITH SNIPPET",
                "FIND {OR acme}",
                "FIND {\"acme}")) {
            OrgException e = assertThrows(OrgException.class, () -> Sosl.parse(bad), bad);
            assertEquals("MALFORMED_SEARCH", e.errorCode(), bad);
        }
    }
}
