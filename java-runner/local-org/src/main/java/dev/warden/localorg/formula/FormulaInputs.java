package dev.warden.localorg.formula;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The values a formula reads while it is evaluated: field values in formula form (String, BigDecimal, Boolean,
 * LocalDate, Instant or null; a percent field's value as a fraction) and the clock.
 */
public interface FormulaInputs {
    Object value(String path);

    LocalDate today();

    Instant now();
}
