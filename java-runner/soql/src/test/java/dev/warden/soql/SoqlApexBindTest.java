package dev.warden.soql;

import static dev.warden.soql.Fixtures.ADMIN;
import static dev.warden.soql.Fixtures.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inline SOQL from Apex: binds and WITH USER_MODE/SYSTEM_MODE; the API form keeps refusing both. */
class SoqlApexBindTest {
    private static QueryResult run(String soql, Object... binds) {
        ApexSoql q = Soql.parseApex(soql);
        return Soql.execute(q.statement(), Fixtures.org(), Fixtures.OPTIONS.withBinds(b -> binds[b.index()]));
    }

    @Test
    void scalarBindsAreComparedLikeLiterals() {
        QueryResult r =
                run("SELECT Id FROM User WHERE Username = :name AND IsActive = :active", "ADMIN@local.test", true);
        assertEquals(1, r.totalSize());
        assertEquals(ADMIN, r.records().get(0).id());
    }

    @Test
    void collectionBindsFeedIn() {
        QueryResult r = run("SELECT Id FROM User WHERE Id IN :ids ORDER BY Username", List.of(ADMIN, INTEGRATION));
        assertEquals(2, r.totalSize());
        assertEquals(0, run("SELECT Id FROM User WHERE Id IN :ids", List.of()).totalSize());
    }

    @Test
    void bindsAreNumberedInSourceOrderWithTheirText() {
        ApexSoql q = Soql.parseApex("SELECT Id FROM User WHERE Name = :a.b AND Email IN :emails WITH USER_MODE");
        assertEquals(2, q.bindCount());
        assertEquals("USER_MODE", q.mode());
        var where = (dev.warden.soql.ast.Condition.And) q.statement().query().where();
        var first = (dev.warden.soql.ast.Condition.Comparison) where.operands().get(0);
        assertEquals(new dev.warden.soql.ast.Value.Bind(0, "a.b", first.value().pos()), first.value());
    }

    @Test
    void bindsInsideChildSubqueriesAreResolvedToo() {
        QueryResult r = run(
                "SELECT Name, (SELECT Name FROM Accounts WHERE NumberOfEmployees > :n ORDER BY Name DESC LIMIT 1)"
                        + " FROM User ORDER BY Name",
                5);
        QueryResult accounts = (QueryResult) r.records().get(1).fields().get("Accounts");
        assertEquals("Acme", accounts.records().get(0).fields().get("Name"));
    }

    @Test
    void systemModeIsRecordedAndNoModeIsNull() {
        assertEquals(
                "SYSTEM_MODE",
                Soql.parseApex("SELECT Id FROM User WITH SYSTEM_MODE").mode());
        assertNull(Soql.parseApex("SELECT Id FROM User").mode());
    }

    @Test
    void theApiFormStillRefusesBindsAndWith() {
        SoqlException bind = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User WHERE Id = :x"));
        assertEquals("MALFORMED_QUERY", bind.errorCode());
        SoqlException with = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User WITH USER_MODE"));
        assertEquals("MALFORMED_QUERY", with.errorCode());
    }

    @Test
    void groupedFieldsMayCarryAnAlias() {
        QueryResult r = Soql.query(
                "SELECT IsActive active, COUNT(Id) n FROM User GROUP BY IsActive ORDER BY IsActive",
                Fixtures.org(),
                Fixtures.OPTIONS);
        assertEquals(
                List.of("active", "n"), List.copyOf(r.records().get(0).fields().keySet()));
    }
}
