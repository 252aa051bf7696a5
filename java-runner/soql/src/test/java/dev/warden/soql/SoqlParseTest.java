package dev.warden.soql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.soql.ast.Condition;
import dev.warden.soql.ast.DateFormulaKind;
import dev.warden.soql.ast.FieldPath;
import dev.warden.soql.ast.Operator;
import dev.warden.soql.ast.OrderItem;
import dev.warden.soql.ast.Pos;
import dev.warden.soql.ast.Query;
import dev.warden.soql.ast.SelectItem;
import dev.warden.soql.ast.Value;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar's parse tree becomes a small typed AST. */
class SoqlParseTest {

    private static Query parse(String soql) {
        return Soql.parse(soql).query();
    }

    @Test
    void selectListFromAliasLimitOffset() {
        Query q = parse("SELECT Id, Profile.UserLicense.Name FROM User u LIMIT 10 OFFSET 5");
        assertEquals(
                List.of(
                        new SelectItem.Field(new FieldPath(List.of("Id"), new Pos(1, 8))),
                        new SelectItem.Field(new FieldPath(List.of("Profile", "UserLicense", "Name"), new Pos(1, 12)))),
                q.select());
        assertEquals("User", q.from());
        assertEquals("u", q.fromAlias());
        assertEquals(new Pos(1, 42), q.fromPos());
        assertEquals(10, q.limit());
        assertEquals(5, q.offset());
        assertNull(q.where());
    }

    @Test
    void keywordsAreCaseInsensitiveAndKeepTheirSpellingInNames() {
        Query q = parse("select name from account where name like 'a%' order by name desc nulls first");
        assertEquals("account", q.from());
        assertEquals(List.of(new OrderItem(new FieldPath(List.of("name"), new Pos(1, 56)), true, true)), q.orderBy());
    }

    @Test
    void andBindsItsOperandsAndParenthesesNest() {
        Condition c = parse("SELECT Id FROM A WHERE x = 1 AND (y = 'b' OR (NOT z = true))")
                .where();
        Condition.And and = (Condition.And) c;
        assertEquals(2, and.operands().size());
        Condition.Or or = (Condition.Or) and.operands().get(1);
        assertTrue(or.operands().get(1) instanceof Condition.Not);
    }

    @Test
    void operatorsAndLiterals() {
        Condition.And and = (Condition.And) parse(
                        "SELECT Id FROM A WHERE a != null AND b <> -2.5 AND c >= 2026-11-23 "
                                + "AND d < 2026-11-23T10:00:00Z AND e NOT IN ('x', 'y') AND f = LAST_N_DAYS:7 AND g <= 3 AND h > FALSE")
                .where();
        List<Condition.Comparison> cs =
                and.operands().stream().map(Condition.Comparison.class::cast).toList();
        assertEquals(Operator.NE, cs.get(0).op());
        assertTrue(cs.get(0).value() instanceof Value.Null);
        assertEquals(Operator.NE, cs.get(1).op());
        assertEquals(new BigDecimal("-2.5"), ((Value.Num) cs.get(1).value()).value());
        assertEquals(Operator.GE, cs.get(2).op());
        assertEquals("2026-11-23", ((Value.Date) cs.get(2).value()).value().toString());
        assertEquals(Operator.LT, cs.get(3).op());
        assertEquals(
                "2026-11-23T10:00:00Z",
                ((Value.DateTime) cs.get(3).value()).value().toString());
        assertEquals(Operator.NOT_IN, cs.get(4).op());
        assertEquals(2, ((Value.ValueList) cs.get(4).value()).values().size());
        Value.DateFormula f = (Value.DateFormula) cs.get(5).value();
        assertEquals(DateFormulaKind.LAST_N_DAYS, f.kind());
        assertEquals(7, f.n());
        assertEquals(Operator.LE, cs.get(6).op());
        assertEquals(Operator.GT, cs.get(7).op());
    }

    @Test
    void stringLiteralsKeepTheirRawTextForLike() {
        Condition.Comparison c = (Condition.Comparison)
                parse("SELECT Id FROM A WHERE n LIKE 'a\\%b\\_c\\'d'").where();
        Value.Str s = (Value.Str) c.value();
        assertEquals("a%b_c'd", s.value());
        assertEquals("a\\%b\\_c\\'d", s.raw());
    }

    @Test
    void semiJoinParsesAsASubQueryValue() {
        Condition.Comparison c = (Condition.Comparison) parse("SELECT Id FROM User WHERE Id IN (SELECT AssigneeId FROM "
                        + "PermissionSetAssignment WHERE PermissionSet.Name = 'X')")
                .where();
        assertEquals(
                "PermissionSetAssignment", ((Value.SubQuery) c.value()).query().from());
    }

    @Test
    void countAndAggregates() {
        assertTrue(parse("SELECT COUNT() FROM A").select().get(0) instanceof SelectItem.CountAll);
        SelectItem.Aggregate a = (SelectItem.Aggregate)
                parse("SELECT COUNT(Id) c FROM A").select().get(0);
        assertEquals("c", a.alias());
        assertEquals("COUNT(Id)", a.text());
    }

    @Test
    void positionsCountRowsAndColumnsFromOne() {
        Query q = parse("SELECT Id\n  FROM User\n WHERE Name = 'x'");
        assertEquals(new Pos(2, 8), q.fromPos());
        assertEquals(new Pos(3, 8), ((Condition.Comparison) q.where()).pos());
    }

    @Test
    void anEmptyQueryIsMalformed() {
        assertEquals(
                "MALFORMED_QUERY",
                assertThrows(SoqlException.class, () -> Soql.parse("  ")).errorCode());
    }

    @Test
    void aReservedWordIsNeverAnAlias() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id FROM User WHERE ORDER BY Id"));
        assertEquals("unexpected token: 'ORDER'", e.detail());
    }

    @Test
    void anAliasOnAPlainFieldIsUnexpected() {
        SoqlException e = assertThrows(SoqlException.class, () -> Soql.parse("SELECT Id x FROM User"));
        assertEquals("unexpected token: 'x'", e.detail());
    }
}
