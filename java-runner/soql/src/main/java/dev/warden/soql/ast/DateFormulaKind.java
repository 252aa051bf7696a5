package dev.warden.soql.ast;

/**
 * SOQL date literals. Weeks start on Sunday and the fiscal year is the calendar year (Salesforce's defaults; an org
 * with a custom fiscal year or another locale's week start would differ).
 */
public enum DateFormulaKind {
    YESTERDAY,
    TODAY,
    TOMORROW,
    LAST_WEEK,
    THIS_WEEK,
    NEXT_WEEK,
    LAST_MONTH,
    THIS_MONTH,
    NEXT_MONTH,
    LAST_90_DAYS,
    NEXT_90_DAYS,
    LAST_N_DAYS,
    NEXT_N_DAYS,
    N_DAYS_AGO,
    NEXT_N_WEEKS,
    LAST_N_WEEKS,
    N_WEEKS_AGO,
    NEXT_N_MONTHS,
    LAST_N_MONTHS,
    N_MONTHS_AGO,
    THIS_QUARTER,
    LAST_QUARTER,
    NEXT_QUARTER,
    NEXT_N_QUARTERS,
    LAST_N_QUARTERS,
    N_QUARTERS_AGO,
    THIS_YEAR,
    LAST_YEAR,
    NEXT_YEAR,
    NEXT_N_YEARS,
    LAST_N_YEARS,
    N_YEARS_AGO,
    THIS_FISCAL_QUARTER,
    LAST_FISCAL_QUARTER,
    NEXT_FISCAL_QUARTER,
    NEXT_N_FISCAL_QUARTERS,
    LAST_N_FISCAL_QUARTERS,
    N_FISCAL_QUARTERS_AGO,
    THIS_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    NEXT_FISCAL_YEAR,
    NEXT_N_FISCAL_YEARS,
    LAST_N_FISCAL_YEARS,
    N_FISCAL_YEARS_AGO;

    /** The literal's name as written in SOQL, e.g. LAST_N_DAYS for LAST_N_DAYS:n. */
    public static DateFormulaKind fromToken(String word) {
        return valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean takesN() {
        return name().contains("_N_") || name().endsWith("_AGO");
    }
}
