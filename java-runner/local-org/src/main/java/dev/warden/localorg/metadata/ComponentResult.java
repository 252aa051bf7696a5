package dev.warden.localorg.metadata;

/**
 * One line of a deploy result (a DeployMessage): what sf needs to map it back to a source file. Failures carry the
 * problem text, problemType {@code Error} and, for syntax errors, the 1-based line and column.
 */
public record ComponentResult(
        String componentType,
        String fullName,
        String fileName,
        boolean success,
        boolean created,
        boolean changed,
        boolean deleted,
        String id,
        String problem,
        String problemType,
        Integer lineNumber,
        Integer columnNumber) {

    public static ComponentResult success(String type, String fullName, String fileName, boolean created, String id) {
        return new ComponentResult(type, fullName, fileName, true, created, true, false, id, null, null, null, null);
    }

    public static ComponentResult failure(
            String type, String fullName, String fileName, String problem, Integer line, Integer column) {
        return new ComponentResult(
                type, fullName, fileName, false, false, false, false, null, problem, "Error", line, column);
    }

    /** A component a destructive change deleted. */
    public static ComponentResult deleted(String type, String fullName, String fileName) {
        return new ComponentResult(type, fullName, fileName, true, false, false, true, null, null, null, null, null);
    }

    /** A success carrying a warning (e.g. a destructive change naming a component the org does not have). */
    public static ComponentResult warning(String type, String fullName, String fileName, String problem) {
        return new ComponentResult(
                type, fullName, fileName, true, false, false, false, null, problem, "Warning", null, null);
    }
}
