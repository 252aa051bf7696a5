package dev.warden.soql;

import static dev.warden.soql.Fixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COUNT(field) and friends answer AggregateResult rows named expr0, expr1, ... unless aliased. */
class SoqlAggregateTest {

    @Test
    void countOfAFieldIsOneAggregateRowNamedExpr0() {
        QueryResult r = query("SELECT COUNT(Id) FROM User WHERE IsActive = true");
        assertFalse(r.countQuery());
        assertEquals(1, r.totalSize());
        ResultRecord row = r.records().get(0);
        assertEquals("AggregateResult", row.objectName());
        assertNull(row.id());
        assertEquals(Map.of("expr0", 2), row.fields());
        assertEquals(List.of(new ColumnInfo("expr0", "COUNT(Id)", true, "Integer", List.of())), r.columns());
    }

    @Test
    void countOfAFieldSkipsNulls() {
        assertEquals(
                3,
                query("SELECT COUNT(Industry) FROM Account")
                        .records()
                        .get(0)
                        .fields()
                        .get("expr0"));
    }

    @Test
    void aggregatesOverNoRowsStillAnswerOneRow() {
        QueryResult r = query("SELECT COUNT(Id), MAX(Name) FROM Account WHERE Name = 'nobody'");
        assertEquals(1, r.totalSize());
        assertEquals(0, r.records().get(0).fields().get("expr0"));
        assertNull(r.records().get(0).fields().get("expr1"));
    }

    @Test
    void aliasesNameTheColumnAndUnaliasedOnesKeepCounting() {
        QueryResult r = query("SELECT COUNT(Id) total, MIN(NumberOfEmployees), MAX(NumberOfEmployees) biggest, "
                + "SUM(NumberOfEmployees), AVG(Rating__c), COUNT_DISTINCT(Industry) FROM Account");
        Map<String, Object> f = r.records().get(0).fields();
        assertEquals(List.of("total", "expr0", "biggest", "expr1", "expr2", "expr3"), List.copyOf(f.keySet()));
        assertEquals(4, f.get("total"));
        assertEquals(8, f.get("expr0"));
        assertEquals(120, f.get("biggest"));
        assertEquals(136L, f.get("expr1"));
        assertEquals(3.75, f.get("expr2"));
        assertEquals(2, f.get("expr3"));
        assertEquals(
                new ColumnInfo("total", "total", true, "Integer", List.of()),
                r.columns().get(0));
        assertEquals(
                new ColumnInfo("expr0", "MIN(NumberOfEmployees)", true, "Integer", List.of()),
                r.columns().get(1));
    }

    @Test
    void groupByAnswersOneRowPerGroupIgnoringCase() {
        QueryResult r = query("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Industry NULLS LAST");
        assertEquals(3, r.totalSize());
        assertEquals(
                Map.of("Industry", "Energy", "expr0", 2), r.records().get(0).fields());
        assertEquals(
                Map.of("Industry", "Technology", "expr0", 1), r.records().get(1).fields());
        assertNull(r.records().get(2).fields().get("Industry"));
    }

    @Test
    void groupByARelationshipPathKeysByTheFieldName() {
        QueryResult r = query("SELECT Profile.Name, COUNT(Id) n FROM User GROUP BY Profile.Name ORDER BY Profile.Name");
        assertEquals(
                List.of("Name", "n"), List.copyOf(r.records().get(0).fields().keySet()));
        assertNull(r.records().get(0).fields().get("Name"));
        assertEquals(
                "Minimum Access - API Only Integrations",
                r.records().get(1).fields().get("Name"));
    }

    @Test
    void orderingByAFieldThatIsNotGroupedIsRefused() {
        SoqlException e = org.junit.jupiter.api.Assertions.assertThrows(
                SoqlException.class,
                () -> query("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Name"));
        assertEquals("Ordered field must be grouped or aggregated: Name", e.detail());
    }

    @Test
    void countAllCannotBeMixedWithFields() {
        SoqlException e = org.junit.jupiter.api.Assertions.assertThrows(
                SoqlException.class, () -> query("SELECT COUNT(), Name FROM Account"));
        assertEquals("MALFORMED_QUERY", e.errorCode());
    }

    @Test
    void havingFiltersGroupsByAnAggregateEvenOneNotSelected() {
        QueryResult r = query("SELECT Industry FROM Account GROUP BY Industry HAVING COUNT(Id) > 1");
        assertEquals(
                List.of(Map.of("Industry", "Energy")),
                r.records().stream().map(ResultRecord::fields).toList());
        assertEquals(
                List.of("Industry"),
                r.columns().stream().map(ColumnInfo::columnName).toList());
    }

    @Test
    void havingCombinesGroupedFieldsAndAggregates() {
        QueryResult r = query("SELECT Industry, MAX(NumberOfEmployees) FROM Account GROUP BY Industry "
                + "HAVING (MAX(NumberOfEmployees) < 100 OR Industry = null) AND Industry != 'Energy'");
        assertEquals(2, r.totalSize());
        assertEquals("Technology", r.records().get(0).fields().get("Industry"));
        assertEquals(8, r.records().get(0).fields().get("expr0"));
        assertNull(r.records().get(1).fields().get("Industry"));
    }

    @Test
    void havingLiteralsAreTypedLikeTheAggregate() {
        SoqlException e = org.junit.jupiter.api.Assertions.assertThrows(
                SoqlException.class,
                () -> query("SELECT Industry FROM Account GROUP BY Industry HAVING COUNT(Id) > '1'"));
        assertEquals("INVALID_FIELD", e.errorCode());
        assertEquals(
                "value of filter criterion for field 'COUNT(Id)' must be of type int and should not be enclosed in "
                        + "quotes",
                e.detail());
    }

    @Test
    void havingOnAFieldThatIsNotGroupedIsRefused() {
        SoqlException e = org.junit.jupiter.api.Assertions.assertThrows(
                SoqlException.class, () -> query("SELECT Industry FROM Account GROUP BY Industry HAVING Name = 'x'"));
        assertEquals("Field must be grouped or aggregated: Name", e.detail());
    }

    @Test
    void orderByAnAggregateSortsTheGroups() {
        QueryResult r = query("SELECT Industry, COUNT(Id) c FROM Account GROUP BY Industry "
                + "ORDER BY COUNT(Id) DESC, Industry NULLS LAST");
        assertEquals(
                List.of("Energy", "Technology"),
                r.records().stream()
                        .limit(2)
                        .map(x -> x.fields().get("Industry"))
                        .toList());
        assertEquals(2, r.records().get(0).fields().get("c"));
        QueryResult bySum = query("SELECT Industry FROM Account GROUP BY Industry ORDER BY SUM(NumberOfEmployees) "
                + "NULLS FIRST LIMIT 1");
        assertNull(bySum.records().get(0).fields().get("Industry"));
    }

    @Test
    void orderingAPlainQueryByAnAggregateMakesItAnAggregateQuery() {
        SoqlException e = org.junit.jupiter.api.Assertions.assertThrows(
                SoqlException.class, () -> query("SELECT Name FROM Account ORDER BY COUNT(Id)"));
        assertEquals("Field must be grouped or aggregated: Name", e.detail());
    }
}
