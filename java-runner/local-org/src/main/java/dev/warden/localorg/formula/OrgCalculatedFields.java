package dev.warden.localorg.formula;

import dev.warden.localorg.data.CalculatedFields;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldCalculation;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's calculated fields, computed whenever a record is read (installed on {@link OrgDatabase} by the org):
 * formula fields through {@link Formula}, roll-up summaries through {@link RollupSummaries}. Nothing is stored, so a
 * value is always current: a parent's change shows in its children's cross-object formulas, a child's write in its
 * master's roll-ups, and a rolled-back write in neither.
 */
public final class OrgCalculatedFields implements CalculatedFields {
    /** Formula fields reading formula fields: deeper chains (or a cycle) give null instead of a stack overflow. */
    private static final int MAX_DEPTH = 10;

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final OrgDatabase db;
    private final Map<String, Compiled> formulas = new ConcurrentHashMap<>();

    /** A compiled formula for one field's source text; {@code formula} null when it no longer compiles. */
    private record Compiled(String source, Formula formula) {}

    public OrgCalculatedFields(OrgDatabase db) {
        this.db = db;
    }

    /** Installs calculated fields on the org's database. */
    public static void install(OrgDatabase db) {
        db.setCalculatedFields(new OrgCalculatedFields(db));
    }

    @Override
    public Object value(Record record, FieldDef field) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            return null;
        }
        depth[0]++;
        try {
            FieldCalculation c = field.calculation();
            Object v = c.isFormula() ? formula(record, field, c) : RollupSummaries.value(db, record, field, c);
            return stored(field, c, v);
        } finally {
            depth[0]--;
        }
    }

    private Object formula(Record record, FieldDef field, FieldCalculation c) {
        String key = record.objectName() + "." + field.name();
        Compiled compiled = formulas.get(key);
        if (compiled == null || !compiled.source().equals(c.formula())) {
            Formula f;
            try {
                f = compile(fieldsOf(db.schema(), record.objectName()), field.type(), c);
            } catch (FormulaException e) {
                f = null; // the schema changed under it since the deploy checked it
            }
            compiled = new Compiled(c.formula(), f);
            formulas.put(key, compiled);
        }
        if (compiled.formula() == null) {
            return null;
        }
        return compiled.formula().evaluate(new FormulaInputs() {
            @Override
            public Object value(String path) {
                return read(record, path);
            }

            @Override
            public LocalDate today() {
                return LocalDate.ofInstant(db.clock().instant(), ZoneOffset.UTC);
            }

            @Override
            public Instant now() {
                return db.clock().instant();
            }
        });
    }

    /** Compiles a formula field's formula for its field type (the deploy's check and the reader's). */
    public static Formula compile(FormulaFields fields, FieldType returnType, FieldCalculation c) {
        FormulaType result = formulaType(returnType);
        if (result == null || result == FormulaType.PICKLIST || result == FormulaType.MULTIPICKLIST) {
            throw FormulaException.unsupported("a formula of type " + returnType.describeName());
        }
        return Formula.compile(c.formula(), result, c.blankAsZero(), fields);
    }

    /** The fields of an object in the org's schema, with parent paths through relationship names. */
    public static FormulaFields fieldsOf(Schema schema, String objectName) {
        return path -> {
            SObjectType type = schema.get(objectName);
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1 && type != null; i++) {
                FieldDef ref = type.relationship(parts[i]);
                type = ref == null || ref.referenceTo().isEmpty()
                        ? null
                        : schema.get(ref.referenceTo().get(0));
            }
            FieldDef f = type == null ? null : type.field(parts[parts.length - 1]);
            return f == null ? null : formulaType(f.type());
        };
    }

    /** A stored field's formula type; null for types a formula cannot read (base64). */
    public static FormulaType formulaType(FieldType t) {
        return switch (t) {
            case ID, REFERENCE, STRING, TEXTAREA, EMAIL, PHONE, URL -> FormulaType.TEXT;
            case PICKLIST -> FormulaType.PICKLIST;
            case MULTIPICKLIST -> FormulaType.MULTIPICKLIST;
            case INT, LONG, DOUBLE, CURRENCY, PERCENT -> FormulaType.NUMBER;
            case BOOLEAN -> FormulaType.CHECKBOX;
            case DATE -> FormulaType.DATE;
            case DATETIME -> FormulaType.DATETIME;
            case BASE64 -> null;
        };
    }

    /** A field's value in formula form, following parent relationships; null when a parent is not set. */
    private Object read(Record record, String path) {
        String[] parts = path.split("\\.");
        Record current = record;
        for (int i = 0; i < parts.length - 1; i++) {
            FieldDef ref = current.type().relationship(parts[i]);
            Object id = ref == null ? null : current.get(ref.name());
            current = id == null ? null : db.live(id.toString());
            if (current == null) {
                return null;
            }
        }
        FieldDef f = current.type().field(parts[parts.length - 1]);
        return f == null ? null : formulaValue(f, current.get(f.name()));
    }

    /** Stored value to formula value: numbers as BigDecimal, a percent as a fraction (10 % reads as 0.1). */
    static Object formulaValue(FieldDef f, Object v) {
        if (v instanceof Number n) {
            BigDecimal d = n instanceof Double || n instanceof Float
                    ? BigDecimal.valueOf(n.doubleValue())
                    : BigDecimal.valueOf(n.longValue());
            return f.type() == FieldType.PERCENT ? d.movePointLeft(2) : d;
        }
        return v;
    }

    /** Formula value to the field's stored form: Double for numbers (a percent back to 0-100), rounded to scale. */
    static Object stored(FieldDef f, FieldCalculation c, Object v) {
        if (v instanceof BigDecimal d) {
            if (f.type() == FieldType.PERCENT && c.isFormula()) {
                d = d.movePointRight(2);
            }
            if (c.scale() != null) {
                d = d.setScale(c.scale(), RoundingMode.HALF_UP);
            }
            return d.doubleValue();
        }
        if (f.type() == FieldType.BOOLEAN && v == null) {
            return Boolean.FALSE;
        }
        return v;
    }
}
