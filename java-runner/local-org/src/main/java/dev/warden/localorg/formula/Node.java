package dev.warden.localorg.formula;

/**
 * A compiled (type-checked) expression: its static type and how to compute it.
 *
 * @param picklistField for a picklist field reference, its name (picklists are only allowed in certain functions)
 */
record Node(FormulaType type, Eval eval, String picklistField) {
    @FunctionalInterface
    interface Eval {
        Object apply(FormulaInputs in);
    }

    Node(FormulaType type, Eval eval) {
        this(type, eval, null);
    }

    Object eval(FormulaInputs in) {
        return eval.apply(in);
    }
}
