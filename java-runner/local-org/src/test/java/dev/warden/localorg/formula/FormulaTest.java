package dev.warden.localorg.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The formula language as the local org computes it: one record's fields in, the field's value out. */
class FormulaTest {
    private static final Map<String, FormulaType> FIELDS = Map.of(
            "Amount__c",
            FormulaType.NUMBER,
            "Rate__c",
            FormulaType.NUMBER,
            "Name",
            FormulaType.TEXT,
            "Active__c",
            FormulaType.CHECKBOX,
            "Due__c",
            FormulaType.DATE,
            "Stamp__c",
            FormulaType.DATETIME,
            "Stage__c",
            FormulaType.PICKLIST,
            "Parent__r.Name",
            FormulaType.TEXT,
            "Parent__r.Owner.Alias",
            FormulaType.TEXT);
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 31);

    private final Map<String, Object> record = new HashMap<>();

    private Object eval(String source, FormulaType result) {
        return eval(source, result, false);
    }

    private Object eval(String source, FormulaType result, boolean blankAsZero) {
        Formula f = Formula.compile(source, result, blankAsZero, path -> {
            for (Map.Entry<String, FormulaType> e : FIELDS.entrySet()) {
                if (e.getKey().equalsIgnoreCase(path)) {
                    return e.getValue();
                }
            }
            return null;
        });
        return f.evaluate(new FormulaInputs() {
            @Override
            public Object value(String path) {
                return record.get(path);
            }

            @Override
            public LocalDate today() {
                return TODAY;
            }

            @Override
            public Instant now() {
                return Instant.parse("2026-01-31T10:00:00Z");
            }
        });
    }

    private static String error(String source, FormulaType result) {
        return assertThrows(
                        FormulaException.class, () -> Formula.compile(source, result, false, path -> FIELDS.get(path)))
                .getMessage();
    }

    private static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    @Test
    void arithmeticFollowsOperatorPrecedence() {
        assertEquals(n("14"), eval("2 + 3 * 4", FormulaType.NUMBER));
        assertEquals(n("20"), eval("(2 + 3) * 4", FormulaType.NUMBER));
        assertEquals(n("-4"), eval("-2 ^ 2", FormulaType.NUMBER));
        assertEquals(n("0.5"), eval("1 / 2", FormulaType.NUMBER));
        assertEquals(n("1"), eval("MOD(10, 3)", FormulaType.NUMBER));
    }

    @Test
    void fieldsAreReadFromTheRecordIncludingParentPaths() {
        record.put("Amount__c", n("100"));
        record.put("Rate__c", n("0.15"));
        record.put("Parent__r.Name", "Acme");
        assertEquals(n("15"), eval("Amount__c * Rate__c", FormulaType.NUMBER));
        assertEquals("Acme: 100", eval("Parent__r.Name & \": \" & TEXT(Amount__c)", FormulaType.TEXT));
    }

    @Test
    void blankNumbersPropagateUnlessTreatedAsZero() {
        record.put("Amount__c", n("5"));
        assertNull(eval("Amount__c + Rate__c", FormulaType.NUMBER, false));
        assertEquals(n("5"), eval("Amount__c + Rate__c", FormulaType.NUMBER, true));
        assertEquals(Boolean.TRUE, eval("ISBLANK(Rate__c)", FormulaType.CHECKBOX, false));
        assertEquals(n("7"), eval("BLANKVALUE(Rate__c, 7)", FormulaType.NUMBER));
    }

    @Test
    void logicalFunctionsAndOperators() {
        record.put("Amount__c", n("50"));
        record.put("Active__c", true);
        assertEquals("big", eval("IF(Amount__c >= 50 && Active__c, 'big', 'small')", FormulaType.TEXT));
        assertEquals(
                Boolean.TRUE,
                eval("AND(Active__c, OR(Amount__c = 1, Amount__c <> 1), NOT(FALSE))", FormulaType.CHECKBOX));
        assertEquals(Boolean.FALSE, eval("!Active__c || Amount__c == 0", FormulaType.CHECKBOX));
        assertEquals("fifty", eval("CASE(Amount__c, 10, 'ten', 50, 'fifty', 'other')", FormulaType.TEXT));
    }

    @Test
    void aCheckboxFormulaIsNeverNullAndATextFormulaIsNeverEmpty() {
        assertEquals(Boolean.FALSE, eval("Rate__c > 1", FormulaType.CHECKBOX));
        assertNull(eval("TRIM('  ')", FormulaType.TEXT));
    }

    @Test
    void textFunctions() {
        record.put("Name", "  Grand Hotels  ");
        assertEquals("GRAND HOTELS", eval("UPPER(TRIM(Name))", FormulaType.TEXT));
        assertEquals("Gra", eval("LEFT(TRIM(Name), 3)", FormulaType.TEXT));
        assertEquals("els", eval("RIGHT(TRIM(Name), 3)", FormulaType.TEXT));
        assertEquals("and", eval("MID(TRIM(Name), 3, 3)", FormulaType.TEXT));
        assertEquals(n("12"), eval("LEN(TRIM(Name))", FormulaType.NUMBER));
        assertEquals(Boolean.TRUE, eval("CONTAINS(Name, 'Hotel') && BEGINS(TRIM(Name), 'Gr')", FormulaType.CHECKBOX));
        assertEquals("Grand Inns", eval("SUBSTITUTE(TRIM(Name), 'Hotels', 'Inns')", FormulaType.TEXT));
        assertEquals("007", eval("LPAD('7', 3, '0')", FormulaType.TEXT));
        assertEquals(n("42.5"), eval("VALUE('42.50')", FormulaType.NUMBER));
        assertEquals(
                "<a href=\"https://x.test\" target=\"_blank\">X</a>",
                eval("HYPERLINK('https://x.test', 'X')", FormulaType.TEXT));
        assertEquals("a<br>b", eval("'a' & BR() & 'b'", FormulaType.TEXT));
    }

    @Test
    void numberFunctions() {
        assertEquals(n("3.14"), eval("ROUND(3.14159, 2)", FormulaType.NUMBER));
        assertEquals(n("3"), eval("ROUND(2.5, 0)", FormulaType.NUMBER));
        assertEquals(n("-3"), eval("FLOOR(-2.5)", FormulaType.NUMBER));
        assertEquals(n("3"), eval("CEILING(2.1)", FormulaType.NUMBER));
        assertEquals(n("9"), eval("MAX(1, 9, ABS(-4))", FormulaType.NUMBER));
        assertEquals(n("1"), eval("MIN(1, 9, 4)", FormulaType.NUMBER));
    }

    @Test
    void dateFunctionsAndDateArithmetic() {
        record.put("Due__c", LocalDate.of(2026, 3, 1));
        assertEquals(TODAY, eval("TODAY()", FormulaType.DATE));
        assertEquals(LocalDate.of(2026, 2, 28), eval("ADDMONTHS(TODAY(), 1)", FormulaType.DATE));
        assertEquals(LocalDate.of(2026, 3, 31), eval("ADDMONTHS(DATE(2026, 2, 28), 1)", FormulaType.DATE));
        assertEquals(n("29"), eval("Due__c - TODAY()", FormulaType.NUMBER));
        assertEquals(LocalDate.of(2026, 3, 8), eval("Due__c + 7", FormulaType.DATE));
        assertEquals(n("2026"), eval("YEAR(Due__c)", FormulaType.NUMBER));
        assertEquals(n("3"), eval("MONTH(Due__c)", FormulaType.NUMBER));
        assertEquals(n("1"), eval("DAY(Due__c)", FormulaType.NUMBER));
        assertEquals(Instant.parse("2026-01-31T22:00:00Z"), eval("NOW() + 0.5", FormulaType.DATETIME));
        assertEquals("2026-03-01", eval("TEXT(Due__c)", FormulaType.TEXT));
    }

    @Test
    void picklistsOnlyInTheirFunctions() {
        record.put("Stage__c", "Won");
        assertEquals(Boolean.TRUE, eval("ISPICKVAL(Stage__c, 'Won')", FormulaType.CHECKBOX));
        assertEquals("Won!", eval("TEXT(Stage__c) & '!'", FormulaType.TEXT));
        assertEquals(n("1"), eval("CASE(Stage__c, 'Won', 1, 0)", FormulaType.NUMBER));
        assertEquals(
                "Field Stage__c is a picklist field. Picklist fields are only supported in certain functions.",
                error("Stage__c = 'Won'", FormulaType.CHECKBOX));
    }

    @Test
    void errorsWhileComputingGiveABlankValue() {
        assertNull(eval("1 / 0", FormulaType.NUMBER));
        assertNull(eval("VALUE('abc')", FormulaType.NUMBER));
        assertNull(eval("DATE(2026, 13, 1)", FormulaType.DATE));
    }

    @Test
    void compileErrorsUseTheFormulaEditorsWords() {
        assertEquals("Field Nope__c does not exist. Check spelling.", error("Nope__c + 1", FormulaType.NUMBER));
        assertEquals("Unknown function FOO. Check spelling.", error("FOO(1)", FormulaType.NUMBER));
        assertEquals(
                "Incorrect number of parameters for function 'IF()'. Expected 3, received 2",
                error("IF(TRUE, 1)", FormulaType.NUMBER));
        assertEquals(
                "Incorrect parameter type for function 'LEN()'. Expected Text, received Number",
                error("LEN(Amount__c)", FormulaType.NUMBER));
        assertEquals(
                "Formula result is data type (Text), incompatible with expected data type (Number).",
                error("Name", FormulaType.NUMBER));
        assertEquals("Syntax error. Missing ')'", error("ROUND(1, 2", FormulaType.NUMBER));
        assertEquals(
                "Function ISCHANGED may not be used in this type of formula",
                error("ISCHANGED(Name)", FormulaType.CHECKBOX));
        assertEquals(
                "not supported by the local org's formula engine: the function REGEX()",
                error("REGEX(Name, 'a.*')", FormulaType.CHECKBOX));
    }

    @Test
    void commentsAndBothQuoteStylesAreAccepted() {
        assertEquals("it's", eval("/* a comment */ \"it's\"", FormulaType.TEXT));
        assertEquals("a\"b", eval("'a\\\"b'", FormulaType.TEXT));
    }
}
