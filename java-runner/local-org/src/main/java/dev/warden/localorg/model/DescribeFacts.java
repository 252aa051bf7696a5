package dev.warden.localorg.model;

import java.util.List;

/**
 * What describe says about a field beyond its {@link FieldDef}: standard picklists list their values here without
 * restricting them (Salesforce accepts any value in an unrestricted picklist), external id and name-field flags.
 *
 * @param picklistValues the values describe lists (for an unrestricted picklist; a restricted one keeps its values in
 *                       {@link FieldDef#picklistValues()}, which the database enforces)
 */
public record DescribeFacts(
        List<String> picklistValues, boolean restrictedPicklist, boolean externalId, boolean nameField) {
    public DescribeFacts {
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
    }
}
