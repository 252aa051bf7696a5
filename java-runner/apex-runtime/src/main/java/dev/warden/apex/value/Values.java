package dev.warden.apex.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Apex's equality, ordering and text of values. */
public final class Values {
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Values() {}

    public static boolean isNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof BigDecimal || v instanceof Double;
    }

    public static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            return new BigDecimal(d.toString());
        }
        return BigDecimal.valueOf(((Number) v).longValue());
    }

    /**
     * Apex {@code ==}: Strings ignore case, Ids compare by 15 characters (and with Id-shaped Strings), numbers by
     * value, SObjects and collections by content, class instances by reference unless they define equals (the caller
     * handles that).
     */
    public static boolean apexEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a instanceof ApexId || b instanceof ApexId) {
            ApexId x = a instanceof ApexId i ? i : a instanceof String s ? ApexId.parse(s) : null;
            ApexId y = b instanceof ApexId i ? i : b instanceof String s ? ApexId.parse(s) : null;
            return x != null && x.equals(y);
        }
        if (a instanceof String s && b instanceof String t) {
            return s.equalsIgnoreCase(t);
        }
        if (a instanceof ApexList x && b instanceof ApexList y) {
            if (x.items.size() != y.items.size()) {
                return false;
            }
            for (int i = 0; i < x.items.size(); i++) {
                if (!apexEquals(x.items.get(i), y.items.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ApexSet x && b instanceof ApexSet y) {
            return x.items.keySet().equals(y.items.keySet());
        }
        if (a instanceof ApexMap x && b instanceof ApexMap y) {
            if (!x.entries.keySet().equals(y.entries.keySet())) {
                return false;
            }
            for (Map.Entry<Key, Map.Entry<Object, Object>> e : x.entries.entrySet()) {
                if (!apexEquals(
                        e.getValue().getValue(), y.entries.get(e.getKey()).getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof SObjectValue || b instanceof SObjectValue) {
            return new Key(a).equals(new Key(b));
        }
        return a.equals(b);
    }

    /** {@code <}, {@code >}: numbers, Strings (case-insensitive), dates, datetimes, times, Ids. */
    public static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return decimal(a).compareTo(decimal(b));
        }
        if (a instanceof String s && b instanceof String t) {
            return s.compareToIgnoreCase(t);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalTime x && b instanceof LocalTime y) {
            return x.compareTo(y);
        }
        if (a instanceof ApexId || b instanceof ApexId) {
            return a.toString().compareTo(b.toString());
        }
        throw new IllegalArgumentException(
                "Comparison arguments must be compatible types: " + typeName(a) + ", " + typeName(b));
    }

    /** String.valueOf / concatenation text. */
    public static String text(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return doubleText(d);
        }
        if (v instanceof Instant i) {
            return DATETIME.format(i);
        }
        if (v instanceof LocalTime t) {
            return t.toString() + (t.getSecond() == 0 && t.getNano() == 0 ? ":00" : "") + "Z";
        }
        if (v instanceof ApexList l) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < l.items.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(text(l.items.get(i)));
            }
            return b.append(')').toString();
        }
        if (v instanceof ApexSet s) {
            StringBuilder b = new StringBuilder("{");
            int i = 0;
            for (Object o : s.items.values()) {
                b.append(i++ == 0 ? "" : ", ").append(text(o));
            }
            return b.append('}').toString();
        }
        if (v instanceof ApexMap m) {
            StringBuilder b = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<Object, Object> e : m.entries.values()) {
                b.append(i++ == 0 ? "" : ", ")
                        .append(text(e.getKey()))
                        .append('=')
                        .append(text(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (v instanceof SObjectValue s) {
            StringBuilder b = new StringBuilder(s.typeName()).append(":{");
            int i = 0;
            for (String f : s.fieldNames()) {
                b.append(i++ == 0 ? "" : ", ").append(f).append('=').append(text(s.get(f)));
            }
            return b.append('}').toString();
        }
        if (v instanceof ApexObject o) {
            return objectText(o);
        }
        return v.toString();
    }

    /** "Type:[field=value, ...]" as Apex prints a class instance; "Type: message" for exceptions (UNCONFIRMED). */
    private static String objectText(ApexObject o) {
        if (o.type.isException()) {
            return o.type.name() + ": " + text(o.state.get("message"));
        }
        java.util.List<dev.warden.apex.link.ClassInfo> chain = new java.util.ArrayList<>();
        for (dev.warden.apex.link.ClassInfo c = o.type; c != null && !c.platform; c = c.superclass) {
            chain.add(0, c);
        }
        // inner classes print their simple name (apex-recipes' TriggerHandler relies on it and passes in real orgs)
        StringBuilder b = new StringBuilder(o.type.simpleName()).append(":[");
        int i = 0;
        for (dev.warden.apex.link.ClassInfo c : chain) {
            c.instanceSlotCount();
            for (dev.warden.apex.link.FieldSlot fs : c.instanceFields.values()) {
                b.append(i++ == 0 ? "" : ", ")
                        .append(fs.name)
                        .append('=')
                        .append(o.fields[fs.index] == o ? "(this)" : text(o.fields[fs.index]));
            }
        }
        return b.append(']').toString();
    }

    private static String doubleText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            return String.valueOf((long) d) + ".0";
        }
        String s = Double.toString(d);
        return s;
    }

    /** The Apex type name of a runtime value (for messages such as "Invalid conversion from runtime type X"). */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "String";
        }
        if (v instanceof Integer) {
            return "Integer";
        }
        if (v instanceof Long) {
            return "Long";
        }
        if (v instanceof BigDecimal) {
            return "Decimal";
        }
        if (v instanceof Double) {
            return "Double";
        }
        if (v instanceof Boolean) {
            return "Boolean";
        }
        if (v instanceof ApexId) {
            return "Id";
        }
        if (v instanceof Blob) {
            return "Blob";
        }
        if (v instanceof LocalDate) {
            return "Date";
        }
        if (v instanceof Instant) {
            return "Datetime";
        }
        if (v instanceof LocalTime) {
            return "Time";
        }
        if (v instanceof ApexList l) {
            return "List<" + (l.elementType == null ? "ANY" : l.elementType) + ">";
        }
        if (v instanceof ApexSet s) {
            return "Set<" + (s.elementType == null ? "ANY" : s.elementType) + ">";
        }
        if (v instanceof ApexMap m) {
            return "Map<" + m.keyType + "," + m.valueType + ">";
        }
        if (v instanceof SObjectValue s) {
            return s.typeName();
        }
        if (v instanceof ApexObject o) {
            return o.type.name();
        }
        if (v instanceof EnumValue e) {
            return e.typeName();
        }
        if (v instanceof NativeObject n) {
            return n.apexType();
        }
        return v.getClass().getSimpleName();
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, MathContext.DECIMAL128);
    }
}
