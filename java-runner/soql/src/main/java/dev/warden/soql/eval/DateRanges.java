package dev.warden.soql.eval;

import dev.warden.soql.ast.DateFormulaKind;
import java.time.LocalDate;

/**
 * The half-open day range [from, to) a SOQL date literal stands for, relative to today (UTC). Weeks start on Sunday;
 * fiscal periods equal calendar periods (Salesforce's defaults). LAST_N_DAYS:n and LAST_90_DAYS include today, as
 * Salesforce documents; NEXT_N_DAYS:n starts tomorrow.
 */
final class DateRanges {
    private DateRanges() {}

    record Range(LocalDate from, LocalDate to) {}

    static Range of(DateFormulaKind kind, int n, LocalDate today) {
        LocalDate week = today.minusDays(today.getDayOfWeek().getValue() % 7);
        LocalDate month = today.withDayOfMonth(1);
        LocalDate quarter = month.withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        LocalDate year = today.withDayOfYear(1);
        return switch (kind) {
            case YESTERDAY -> days(today.minusDays(1), 1);
            case TODAY -> days(today, 1);
            case TOMORROW -> days(today.plusDays(1), 1);
            case LAST_WEEK -> days(week.minusWeeks(1), 7);
            case THIS_WEEK -> days(week, 7);
            case NEXT_WEEK -> days(week.plusWeeks(1), 7);
            case LAST_MONTH -> months(month.minusMonths(1), 1);
            case THIS_MONTH -> months(month, 1);
            case NEXT_MONTH -> months(month.plusMonths(1), 1);
            case LAST_90_DAYS -> new Range(today.minusDays(90), today.plusDays(1));
            case NEXT_90_DAYS -> days(today.plusDays(1), 90);
            case LAST_N_DAYS -> new Range(today.minusDays(n), today.plusDays(1));
            case NEXT_N_DAYS -> days(today.plusDays(1), n);
            case N_DAYS_AGO -> days(today.minusDays(n), 1);
            case NEXT_N_WEEKS -> days(week.plusWeeks(1), 7L * n);
            case LAST_N_WEEKS -> new Range(week.minusWeeks(n), week);
            case N_WEEKS_AGO -> days(week.minusWeeks(n), 7);
            case NEXT_N_MONTHS -> months(month.plusMonths(1), n);
            case LAST_N_MONTHS -> new Range(month.minusMonths(n), month);
            case N_MONTHS_AGO -> months(month.minusMonths(n), 1);
            case THIS_QUARTER, THIS_FISCAL_QUARTER -> months(quarter, 3);
            case LAST_QUARTER, LAST_FISCAL_QUARTER -> months(quarter.minusMonths(3), 3);
            case NEXT_QUARTER, NEXT_FISCAL_QUARTER -> months(quarter.plusMonths(3), 3);
            case NEXT_N_QUARTERS, NEXT_N_FISCAL_QUARTERS -> months(quarter.plusMonths(3), 3 * n);
            case LAST_N_QUARTERS, LAST_N_FISCAL_QUARTERS -> new Range(quarter.minusMonths(3L * n), quarter);
            case N_QUARTERS_AGO, N_FISCAL_QUARTERS_AGO -> months(quarter.minusMonths(3L * n), 3);
            case THIS_YEAR, THIS_FISCAL_YEAR -> months(year, 12);
            case LAST_YEAR, LAST_FISCAL_YEAR -> months(year.minusYears(1), 12);
            case NEXT_YEAR, NEXT_FISCAL_YEAR -> months(year.plusYears(1), 12);
            case NEXT_N_YEARS, NEXT_N_FISCAL_YEARS -> months(year.plusYears(1), 12 * n);
            case LAST_N_YEARS, LAST_N_FISCAL_YEARS -> new Range(year.minusYears(n), year);
            case N_YEARS_AGO, N_FISCAL_YEARS_AGO -> months(year.minusYears(n), 12);
        };
    }

    private static Range days(LocalDate from, long count) {
        return new Range(from, from.plusDays(count));
    }

    private static Range months(LocalDate from, long count) {
        return new Range(from, from.plusMonths(count));
    }
}
