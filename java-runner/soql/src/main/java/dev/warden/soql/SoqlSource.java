package dev.warden.soql;

/** The records a query reads: implemented by the local org over its record store. */
public interface SoqlSource {
  /** Describe of an object, case-insensitive name; null when unknown (-> INVALID_TYPE). */
  SObjectInfo describe(String objectName);

  /** Rows of an object (canonical API name); deleted rows included only when includeDeleted (queryAll). */
  Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted);

  /** Any row by 15- or 18-char id, or null. Used to follow reference fields (Profile.UserLicense.Name). */
  SoqlRow byId(String id);
}
