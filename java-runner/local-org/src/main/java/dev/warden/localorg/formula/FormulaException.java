package dev.warden.localorg.formula;

/**
 * A formula that does not compile, with the formula editor's message ("Field X does not exist. Check spelling.").
 * Deploys show it as the CustomField's problem.
 */
public final class FormulaException extends IllegalArgumentException {
    public FormulaException(String message) {
        super(message);
    }
}
