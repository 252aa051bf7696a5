package dev.warden.localorg.model;

import java.util.List;

/**
 * How a calculated field gets its value on every read: a formula, or a roll-up summary over a master-detail child.
 * Exactly one of {@code formula} and {@code summaryOperation} is set.
 *
 * @param formula the formula's source text (a formula field)
 * @param blankAsZero {@code formulaTreatBlanksAs} BlankAsZero: blank number fields read as 0 in the formula
 * @param scale decimal places a number result is rounded to (null = not rounded)
 * @param summaryOperation {@code count}, {@code sum}, {@code min} or {@code max} (a roll-up summary field)
 * @param summarizedField the child field summed/compared, {@code Child__c.Amount__c} (null for count)
 * @param summaryForeignKey the child's master-detail field, {@code Child__c.Parent__c}
 * @param summaryFilters only child rows matching every filter are summarized
 */
public record FieldCalculation(
        String formula,
        boolean blankAsZero,
        Integer scale,
        String summaryOperation,
        String summarizedField,
        String summaryForeignKey,
        List<SummaryFilter> summaryFilters) {

    /** One {@code summaryFilterItems} element: {@code field} (Child__c.Field__c), operation, value. */
    public record SummaryFilter(String field, String operation, String value) {}

    public FieldCalculation {
        summaryFilters = summaryFilters == null ? List.of() : List.copyOf(summaryFilters);
    }

    public static FieldCalculation formula(String source, boolean blankAsZero, Integer scale) {
        return new FieldCalculation(source, blankAsZero, scale, null, null, null, List.of());
    }

    public static FieldCalculation rollup(
            String operation, String summarizedField, String foreignKey, List<SummaryFilter> filters, Integer scale) {
        return new FieldCalculation(null, false, scale, operation, summarizedField, foreignKey, filters);
    }

    public boolean isFormula() {
        return formula != null;
    }
}
