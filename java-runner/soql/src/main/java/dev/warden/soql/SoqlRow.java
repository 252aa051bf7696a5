package dev.warden.soql;

/**
 * One stored record. Values: String, Boolean, Long/Integer/Double/java.math.BigDecimal (Number),
 * java.time.LocalDate, java.time.Instant, byte[] (BASE64), or null.
 */
public interface SoqlRow {
    String objectName();

    String id();

    Object get(String canonicalFieldName);

    boolean isDeleted();
}
