package dev.warden.apex.value;

import java.math.BigDecimal;

/**
 * A Map key or Set element with Apex's key equality: Strings case-sensitively (unlike {@code ==}), Ids by their
 * 15-character form, numbers by value, SObjects and collections by content, class instances by identity.
 */
public final class Key {
    public final Object value;
    private final Object normal;

    public Key(Object value) {
        this.value = value;
        this.normal = normal(value);
    }

    private static Object normal(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof BigDecimal || v instanceof Double) {
            BigDecimal d = Values.decimal(v);
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof SObjectValue s) {
            return s.contentKey();
        }
        if (v instanceof ApexList l) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            for (Object o : l.items) {
                out.add(normal(o));
            }
            return out;
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        if (normal instanceof ApexObject || k.normal instanceof ApexObject) {
            return normal == k.normal;
        }
        return java.util.Objects.equals(normal, k.normal);
    }

    @Override
    public int hashCode() {
        return normal instanceof ApexObject ? System.identityHashCode(normal) : java.util.Objects.hashCode(normal);
    }
}
