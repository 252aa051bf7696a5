package dev.warden.localorg.data;

import dev.warden.localorg.model.FieldDef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Converts API input to stored values (String, Boolean, Integer, Long, Double, LocalDate, Instant, byte[]) the way
 * the REST API is lenient: {@code sf data create record} sends every value as a string, so "3" fills a number field.
 */
public final class Values {
    /** Salesforce's datetime wire format, e.g. {@code 2026-11-23T00:27:45.000+0000}. */
    public static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter PARSE_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();

    private Values() {}

    public static Object coerce(FieldDef field, Object raw) {
        if (raw == null) {
            return null;
        }
        try {
            return switch (field.type()) {
                case ID, REFERENCE -> {
                    String s = raw.toString();
                    yield s.isEmpty() ? null : s;
                }
                case STRING, TEXTAREA, PICKLIST, MULTIPICKLIST, EMAIL, PHONE, URL -> {
                    if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
                        throw parseError(field, raw);
                    }
                    String s = raw.toString();
                    if (field.length() > 0 && s.length() > field.length()) {
                        throw new OrgException(
                                "STRING_TOO_LONG",
                                field.label() + ": data value too large: " + abbreviate(s) + " (max length="
                                        + field.length() + ")",
                                List.of(field.name()));
                    }
                    yield s.isEmpty() ? null : s;
                }
                case BOOLEAN -> {
                    if (raw instanceof Boolean b) {
                        yield b;
                    }
                    String s = raw.toString().trim();
                    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                        yield Boolean.valueOf(s.toLowerCase(java.util.Locale.ROOT));
                    }
                    throw parseError(field, raw);
                }
                case INT ->
                    raw instanceof Number n
                            ? Integer.valueOf(n.intValue())
                            : Integer.valueOf(
                                    new java.math.BigDecimal(raw.toString().trim()).intValueExact());
                case LONG ->
                    raw instanceof Number n
                            ? Long.valueOf(n.longValue())
                            : Long.valueOf(
                                    new java.math.BigDecimal(raw.toString().trim()).longValueExact());
                case DOUBLE, CURRENCY, PERCENT ->
                    raw instanceof Number n
                            ? Double.valueOf(n.doubleValue())
                            : Double.valueOf(Double.parseDouble(raw.toString().trim()));
                case DATE -> raw instanceof LocalDate d ? d : parseDate(raw.toString());
                case DATETIME -> raw instanceof Instant i ? i : parseDateTime(raw.toString());
                case BASE64 ->
                    raw instanceof byte[] b ? b : Base64.getMimeDecoder().decode(raw.toString());
            };
        } catch (ArithmeticException | DateTimeParseException | IllegalArgumentException e) {
            throw parseError(field, raw);
        }
    }

    private static LocalDate parseDate(String s) {
        String t = s.trim();
        return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
    }

    public static Instant parseDateTime(String s) {
        String t = s.trim();
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        var parsed = PARSE_DATETIME.parseBest(t, OffsetDateTime::from, java.time.LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    private static OrgException parseError(FieldDef field, Object raw) {
        String token = raw instanceof String
                ? "VALUE_STRING"
                : raw instanceof Number
                        ? "VALUE_NUMBER"
                        : raw instanceof Boolean
                                ? "VALUE_" + raw.toString().toUpperCase(java.util.Locale.ROOT)
                                : "START_OBJECT";
        return new OrgException(
                "JSON_PARSER_ERROR",
                "Cannot deserialize instance of "
                        + field.type().apexType().toLowerCase(java.util.Locale.ROOT) + " from " + token + " value "
                        + abbreviate(String.valueOf(raw)) + " or request may be missing a required field",
                List.of(field.name()));
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** JSON representation of a stored value (dates in Salesforce's formats); byte[] is left to the caller. */
    public static Object toJson(Object v) {
        if (v instanceof Instant i) {
            return DATETIME.format(i);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        return v;
    }
}
