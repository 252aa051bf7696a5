package dev.warden.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A source may hand out per-field accessors; the engine resolves them once per query and reads rows with them. */
class SoqlSourceAccessorTest {

    /** Wraps the fixture org, recording which accessors were asked for and answering through them. */
    private static final class AccessorSource implements SoqlSource {
        final InMemorySource org = Fixtures.org();
        final Set<String> asked = new HashSet<>();

        @Override
        public SObjectInfo describe(String objectName) {
            return org.describe(objectName);
        }

        @Override
        public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
            return org.rows(objectApiName, includeDeleted);
        }

        @Override
        public SoqlRow byId(String id) {
            return org.byId(id);
        }

        @Override
        public Function<SoqlRow, Object> accessor(String objectApiName, String canonicalFieldName) {
            asked.add(objectApiName + "." + canonicalFieldName);
            return row -> ((InMemorySource.Row) row).values().get(canonicalFieldName);
        }
    }

    @Test
    void filtersSortsAndAggregatesReadThroughTheSourcesAccessors() {
        AccessorSource source = new AccessorSource();
        QueryResult r = Soql.query(
                "SELECT Name FROM User WHERE IsActive = true AND Profile.Name LIKE '%a%' " + "ORDER BY Username DESC",
                source, Fixtures.OPTIONS);
        assertEquals(
                List.of("Warden Integration", "Local Admin"),
                r.records().stream().map(rec -> rec.fields().get("Name")).toList());
        assertTrue(
                source.asked.containsAll(Set.of("User.IsActive", "User.ProfileId", "User.Username")),
                source.asked.toString());
        Soql.query("SELECT COUNT(Id) FROM Account GROUP BY Industry", source, Fixtures.OPTIONS);
        assertTrue(source.asked.containsAll(Set.of("Account.Id", "Account.Industry")));
    }
}
