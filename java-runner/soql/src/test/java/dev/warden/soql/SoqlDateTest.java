package dev.warden.soql;

import static dev.warden.soql.FieldInfo.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Date and datetime literals and relative date literals, evaluated in UTC with the fixed clock (Mon 2026-11-23). */
class SoqlDateTest {
    private static final String[] DAYS = {
        "2026-11-20",
        "2026-11-21",
        "2026-11-22",
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
        "2026-11-29",
        "2026-11-30",
        "2026-12-01",
        "2026-10-31",
        "2026-08-25",
        "2025-12-31"
    };

    private static InMemorySource org() {
        InMemorySource org = new InMemorySource()
                .object(
                        "Task",
                        of("Id", FieldType.ID),
                        of("Subject", FieldType.STRING),
                        of("ActivityDate", FieldType.DATE),
                        of("CreatedDate", FieldType.DATETIME));
        int n = 0;
        for (String day : DAYS) {
            n++;
            org.add(
                    "Task",
                    String.format("00T%012dAAA", n),
                    "Subject",
                    day,
                    "ActivityDate",
                    LocalDate.parse(day),
                    "CreatedDate",
                    Instant.parse(day + "T23:59:59Z"));
        }
        org.add("Task", "00T000000000099AAA", "Subject", "none");
        return org;
    }

    private static List<String> subjects(String where) {
        return Soql.query("SELECT Subject FROM Task WHERE " + where, org(), Fixtures.OPTIONS).records().stream()
                .map(r -> (String) r.fields().get("Subject"))
                .toList();
    }

    private static void both(String literal, String... expected) {
        assertEquals(List.of(expected), subjects("ActivityDate = " + literal), "Date = " + literal);
        assertEquals(List.of(expected), subjects("CreatedDate = " + literal), "DateTime = " + literal);
    }

    @Test
    void dateAndDatetimeLiterals() {
        assertEquals(List.of("2026-11-23"), subjects("ActivityDate = 2026-11-23"));
        assertEquals(
                List.of("2026-11-25", "2026-11-29", "2026-11-30", "2026-12-01"), subjects("ActivityDate > 2026-11-24"));
        assertEquals(List.of("2026-11-23"), subjects("CreatedDate = 2026-11-23T23:59:59Z"));
        assertEquals(List.of("2026-11-23"), subjects("CreatedDate = 2026-11-24T00:59:59+01:00"));
        assertEquals(List.of("2026-11-23"), subjects("CreatedDate = 2026-11-23T23:59:59+0000"));
        assertEquals(List.of("2026-11-23"), subjects("CreatedDate = 2026-11-23t18:59:59.000-05:00"));
        assertEquals(
                List.of("2026-11-29", "2026-11-30", "2026-12-01"), subjects("CreatedDate >= 2026-11-29T00:00:00.000Z"));
    }

    @Test
    void todayYesterdayTomorrow() {
        both("TODAY", "2026-11-23");
        both("YESTERDAY", "2026-11-22");
        both("TOMORROW", "2026-11-24");
    }

    @Test
    void lastNDaysIncludesToday() {
        both("LAST_N_DAYS:2", "2026-11-21", "2026-11-22", "2026-11-23");
    }

    @Test
    void nextNDaysStartsTomorrow() {
        both("NEXT_N_DAYS:2", "2026-11-24", "2026-11-25");
    }

    @Test
    void nDaysAgoIsOneDay() {
        both("N_DAYS_AGO:3", "2026-11-20");
    }

    @Test
    void weeksStartOnSunday() {
        both("THIS_WEEK", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25");
        both("LAST_WEEK", "2026-11-20", "2026-11-21");
        both("NEXT_WEEK", "2026-11-29", "2026-11-30", "2026-12-01");
    }

    @Test
    void months() {
        both(
                "THIS_MONTH",
                "2026-11-20",
                "2026-11-21",
                "2026-11-22",
                "2026-11-23",
                "2026-11-24",
                "2026-11-25",
                "2026-11-29",
                "2026-11-30");
        both("NEXT_MONTH", "2026-12-01");
        both("LAST_MONTH", "2026-10-31");
        both("LAST_N_MONTHS:3", "2026-10-31", "2026-08-25");
    }

    @Test
    void quartersAndYears() {
        both(
                "THIS_QUARTER",
                "2026-11-20",
                "2026-11-21",
                "2026-11-22",
                "2026-11-23",
                "2026-11-24",
                "2026-11-25",
                "2026-11-29",
                "2026-11-30",
                "2026-12-01",
                "2026-10-31");
        both("LAST_QUARTER", "2026-08-25");
        both("LAST_YEAR", "2025-12-31");
        both(
                "THIS_FISCAL_YEAR",
                "2026-11-20",
                "2026-11-21",
                "2026-11-22",
                "2026-11-23",
                "2026-11-24",
                "2026-11-25",
                "2026-11-29",
                "2026-11-30",
                "2026-12-01",
                "2026-10-31",
                "2026-08-25");
    }

    @Test
    void rangeComparisons() {
        assertEquals(
                List.of("2026-11-24", "2026-11-25", "2026-11-29", "2026-11-30", "2026-12-01"),
                subjects("ActivityDate > TODAY"));
        assertEquals(
                List.of(
                        "2026-11-20",
                        "2026-11-21",
                        "2026-11-22",
                        "2026-11-23",
                        "2026-10-31",
                        "2026-08-25",
                        "2025-12-31"),
                subjects("CreatedDate <= TODAY"));
        assertEquals(
                List.of("2026-11-20", "2026-11-21", "2026-11-22", "2026-10-31", "2026-08-25", "2025-12-31"),
                subjects("ActivityDate < TODAY"));
        assertEquals(
                List.of("2026-12-01", "2026-10-31", "2026-08-25", "2025-12-31", "none"),
                subjects("ActivityDate != THIS_MONTH"));
        assertEquals(
                List.of("2026-11-25", "2026-11-29", "2026-11-30", "2026-12-01"),
                subjects("CreatedDate >= NEXT_N_DAYS:1 AND ActivityDate != TOMORROW"));
    }

    @Test
    void aDateLiteralOnATextFieldIsRefused() {
        SoqlException e =
                org.junit.jupiter.api.Assertions.assertThrows(SoqlException.class, () -> subjects("Subject = TODAY"));
        assertEquals(
                "value of filter criterion for field 'Subject' must be of type string and should be enclosed in "
                        + "quotes",
                e.detail());
    }

    @Test
    void nullDatesMatchOnlyNull() {
        assertEquals(List.of("none"), subjects("ActivityDate = null"));
    }

    @Test
    void orderingByDatesPutsNullsFirstAscending() {
        List<String> ordered = Soql.query(
                        "SELECT Subject FROM Task ORDER BY CreatedDate LIMIT 3", org(), Fixtures.OPTIONS)
                .records()
                .stream()
                .map(r -> (String) r.fields().get("Subject"))
                .toList();
        assertEquals(List.of("none", "2025-12-31", "2026-08-25"), ordered);
    }
}
