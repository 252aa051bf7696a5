package dev.warden.localorg.formula;

import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldCalculation;
import dev.warden.localorg.model.FieldCalculation.SummaryFilter;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Roll-up summary fields (COUNT, SUM, MIN, MAX over a master-detail child, with filter items), computed when the
 * master is read from its live children (the child's master-detail field is indexed). Computing on read instead of
 * recalculating after child writes gives the same values the platform shows after each save, including inside a
 * transaction and after a rollback; what it does not model is that a roll-up change fires the master's triggers.
 */
public final class RollupSummaries {
    /** Filter operations computed here ({@code FilterOperation} in the Metadata API). */
    public static final Set<String> OPERATIONS = Set.of(
            "equals",
            "notEqual",
            "lessThan",
            "greaterThan",
            "lessOrEqual",
            "greaterOrEqual",
            "contains",
            "notContain",
            "startsWith");

    private RollupSummaries() {}

    static Object value(OrgDatabase db, Record master, FieldDef field, FieldCalculation c) {
        String[] fk = c.summaryForeignKey().split("\\.");
        SObjectType child = db.schema().get(fk[0]);
        if (child == null || child.field(fk[1]) == null) {
            return null;
        }
        List<Record> rows = db.findBy(child.name(), fk[1], master.id());
        String summarized = c.summarizedField() == null
                ? null
                : c.summarizedField().substring(c.summarizedField().indexOf('.') + 1);
        String op = c.summaryOperation().toLowerCase(Locale.ROOT);
        long count = 0;
        BigDecimal sum = BigDecimal.ZERO;
        Object best = null;
        for (Record r : rows) {
            if (!matches(child, r, c.summaryFilters())) {
                continue;
            }
            count++;
            if (summarized == null) {
                continue;
            }
            Object v = OrgCalculatedFields.formulaValue(noPercent(child.field(summarized)), r.get(summarized));
            if (v == null) {
                continue;
            }
            if (op.equals("sum")) {
                sum = sum.add((BigDecimal) v);
            } else if (best == null || (op.equals("max") ? compare(v, best) > 0 : compare(v, best) < 0)) {
                best = v;
            }
        }
        return switch (op) {
            case "count" -> BigDecimal.valueOf(count);
            case "sum" -> sum;
            default -> best;
        };
    }

    /** A percent is summed as stored (10 + 20 = 30 %), not as the fraction formulas read. */
    private static FieldDef noPercent(FieldDef f) {
        return f != null && f.type() == FieldType.PERCENT
                ? FieldDef.of(f.name(), FieldType.DOUBLE).build()
                : f;
    }

    private static boolean matches(SObjectType child, Record r, List<SummaryFilter> filters) {
        for (SummaryFilter f : filters) {
            String name = f.field().substring(f.field().indexOf('.') + 1);
            FieldDef def = child.field(name);
            if (def == null || !matches(def, r.get(name), f.operation(), f.value() == null ? "" : f.value())) {
                return false;
            }
        }
        return true;
    }

    /** Equals/notEqual take a comma-separated list of values (any of them), as the filter editor does. */
    private static boolean matches(FieldDef def, Object actual, String op, String value) {
        if (def.type() == FieldType.BOOLEAN) {
            boolean eq = Boolean.parseBoolean(value.trim()) == Boolean.TRUE.equals(actual);
            return op.equals("notEqual") ? !eq : eq;
        }
        String text = actual == null
                ? ""
                : actual instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                        ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                        : actual.toString();
        switch (op) {
            case "equals", "notEqual": {
                boolean any = Arrays.stream(value.split(","))
                        .map(String::trim)
                        .anyMatch(v -> v.equalsIgnoreCase(text) || numericEqual(actual, v));
                return op.equals("equals") == any;
            }
            case "contains":
                return text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
            case "notContain":
                return !text.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
            case "startsWith":
                return text.toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT));
            default: {
                if (actual == null) {
                    return false;
                }
                int c = actual instanceof Number n
                        ? BigDecimal.valueOf(n.doubleValue()).compareTo(new BigDecimal(value.trim()))
                        : text.compareTo(value.trim());
                return switch (op) {
                    case "lessThan" -> c < 0;
                    case "greaterThan" -> c > 0;
                    case "lessOrEqual" -> c <= 0;
                    default -> c >= 0;
                };
            }
        }
    }

    private static boolean numericEqual(Object actual, String v) {
        if (!(actual instanceof Number n)) {
            return false;
        }
        try {
            return BigDecimal.valueOf(n.doubleValue()).compareTo(new BigDecimal(v)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
