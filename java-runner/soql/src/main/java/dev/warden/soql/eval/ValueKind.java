package dev.warden.soql.eval;

import dev.warden.soql.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How values of one kind of field compare, the way Salesforce compares them: text case-insensitively, ids on their
 * first 15 characters (so 15- and 18-character ids are equal), numbers by value, dates and datetimes in UTC.
 * {@link #normalize} turns a stored value into the form {@link #compare} expects (null for "no value").
 */
enum ValueKind {
    TEXT,
    ID,
    BOOLEAN,
    NUMBER,
    DATE,
    DATETIME,
    BINARY;

    static ValueKind of(FieldType type) {
        if (type.isText()) {
            return TEXT;
        }
        if (type.isId()) {
            return ID;
        }
        if (type.isNumber()) {
            return NUMBER;
        }
        return switch (type) {
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case DATETIME -> DATETIME;
            default -> BINARY;
        };
    }

    Object normalize(Object raw) {
        if (raw == null) {
            return null;
        }
        switch (this) {
            case TEXT, ID:
                String s = raw.toString();
                return s.isEmpty() ? null : s;
            case BOOLEAN:
                return raw instanceof Boolean ? raw : Boolean.valueOf(raw.toString());
            case NUMBER:
                return raw instanceof Number ? raw : new BigDecimal(raw.toString());
            case DATE:
                if (raw instanceof LocalDate) {
                    return raw;
                }
                if (raw instanceof Instant i) {
                    return LocalDate.ofInstant(i, ZoneOffset.UTC);
                }
                return LocalDate.parse(
                        raw.toString().substring(0, Math.min(10, raw.toString().length())));
            case DATETIME:
                if (raw instanceof Instant) {
                    return raw;
                }
                if (raw instanceof LocalDate d) {
                    return d.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return parseInstant(raw.toString());
            default:
                return raw;
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // Salesforce's own wire format: 2026-11-23T10:00:00.000+0000
            String fixed = text.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
            return OffsetDateTime.parse(fixed).toInstant();
        }
    }

    /** Compares two normalized, non-null values of this kind. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    int compare(Object a, Object b) {
        return switch (this) {
            case TEXT -> String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
            case ID -> compareIds((String) a, (String) b);
            case NUMBER -> compareNumbers((Number) a, (Number) b);
            case BINARY -> a.toString().compareTo(b.toString());
            default -> ((Comparable) a).compareTo(b);
        };
    }

    boolean equal(Object a, Object b) {
        return switch (this) {
            case TEXT -> ((String) a).equalsIgnoreCase((String) b);
            case ID -> compareIds((String) a, (String) b) == 0;
            default -> compare(a, b) == 0;
        };
    }

    /** A key that sorts like {@link #compare} but faster: text lower-cased once, so plain String order applies. */
    Object sortKey(Object normalized) {
        return normalized != null && this == TEXT ? ((String) normalized).toLowerCase(Locale.ROOT) : normalized;
    }

    int compareSortKeys(Object a, Object b) {
        return this == TEXT ? ((String) a).compareTo((String) b) : compare(a, b);
    }

    /** A hashable key with the same equality as {@link #equal}: lower-cased text, 15-character ids. */
    Object key(Object normalized) {
        return switch (this) {
            case TEXT -> ((String) normalized).toLowerCase(Locale.ROOT);
            case ID -> id15((String) normalized);
            case NUMBER ->
                normalized instanceof BigDecimal bd
                        ? bd.stripTrailingZeros()
                        : new BigDecimal(normalized.toString()).stripTrailingZeros();
            default -> normalized;
        };
    }

    static String id15(String id) {
        return id.length() > 15 ? id.substring(0, 15) : id;
    }

    static int compareIds(String a, String b) {
        int n = Math.min(Math.min(a.length(), b.length()), 15);
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x - y;
            }
        }
        return Math.min(a.length(), 15) - Math.min(b.length(), 15);
    }

    static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd;
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        return BigDecimal.valueOf(n.doubleValue());
    }
}
