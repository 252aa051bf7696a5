package dev.warden.localorg.formula;

/**
 * A formula that does not compile, with the formula editor's message ("Field X does not exist. Check spelling.").
 * Deploys show it as the CustomField's problem.
 */
public final class FormulaException extends IllegalArgumentException {
    private static final String UNSUPPORTED = "not supported by the local org's formula engine: ";

    public FormulaException(String message) {
        super(message);
    }

    /** Valid on Salesforce, but the local org cannot compute it ($User, REGEX(), a Time result, ...). */
    static FormulaException unsupported(String what) {
        return new FormulaException(UNSUPPORTED + what);
    }

    /** The formula is valid on Salesforce and only the local org cannot compute it. */
    public boolean unsupported() {
        return getMessage().startsWith(UNSUPPORTED);
    }
}
