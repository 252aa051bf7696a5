package dev.warden.localorg.formula;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A compiled formula field: parsed, every field and function checked, the result type matched. {@link #evaluate}
 * computes it for one record; an error while computing (division by zero, a bad VALUE() text) gives null, as the
 * API shows a formula that evaluates to #Error!.
 */
public final class Formula {
    private final String source;
    private final FormulaType resultType;
    private final Node root;
    private final Set<String> fields;

    private Formula(String source, FormulaType resultType, Node root, Set<String> fields) {
        this.source = source;
        this.resultType = resultType;
        this.root = root;
        this.fields = fields;
    }

    /**
     * @param resultType the field's return type (TEXT, NUMBER, CHECKBOX, DATE, DATETIME)
     * @param blankAsZero {@code BlankAsZero}: blank number fields read as 0; otherwise blanks propagate
     * @throws FormulaException with the formula editor's message when the formula does not compile
     */
    public static Formula compile(String source, FormulaType resultType, boolean blankAsZero, FormulaFields known) {
        Set<String> referenced = new LinkedHashSet<>();
        FormulaCompiler compiler = new FormulaCompiler(
                path -> {
                    FormulaType t = known.typeOf(path);
                    if (t != null) {
                        referenced.add(path);
                    }
                    return t;
                },
                blankAsZero);
        Node root = compiler.compile(FormulaParser.parse(source));
        if (root.picklistField() != null) {
            throw FormulaCompiler.picklistMisuse(root.picklistField());
        }
        if (!resultType.accepts(root.type())) {
            throw new FormulaException("Formula result is data type ("
                    + root.type().label() + "), incompatible with expected data type (" + resultType.label() + ").");
        }
        return new Formula(source, resultType, root, Set.copyOf(referenced));
    }

    public String source() {
        return source;
    }

    public FormulaType resultType() {
        return resultType;
    }

    /** The field paths the formula reads, as written. */
    public Set<String> fields() {
        return fields;
    }

    /** The value: String, BigDecimal, Boolean (never null for CHECKBOX), LocalDate, Instant, or null. */
    public Object evaluate(FormulaInputs in) {
        Object v;
        try {
            v = root.eval(in);
        } catch (ArithmeticException | FormulaRuntimeException e) {
            v = null;
        }
        if (resultType == FormulaType.CHECKBOX) {
            return Boolean.TRUE.equals(v);
        }
        if (resultType == FormulaType.TEXT && "".equals(v)) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            BigDecimal plain = d.stripTrailingZeros();
            return plain.scale() < 0 ? plain.setScale(0) : plain;
        }
        return v;
    }

    /** A value a function cannot compute (VALUE("abc"), DATE(2026, 13, 1)): the formula evaluates to an error. */
    static final class FormulaRuntimeException extends RuntimeException {
        FormulaRuntimeException(String message) {
            super(message, null, false, false);
        }
    }
}
