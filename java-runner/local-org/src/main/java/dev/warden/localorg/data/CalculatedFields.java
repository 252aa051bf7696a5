package dev.warden.localorg.data;

import dev.warden.localorg.model.FieldDef;

/**
 * Computes a calculated field (formula, roll-up summary) of a record whenever it is read. Installed on the database
 * with {@link OrgDatabase#setCalculatedFields}; every {@link Record} the database hands out reads through it, so
 * REST, SOAP, SOQL, Bulk and the Apex runtime all see the same computed values.
 */
@FunctionalInterface
public interface CalculatedFields {
    Object value(Record record, FieldDef field);
}
