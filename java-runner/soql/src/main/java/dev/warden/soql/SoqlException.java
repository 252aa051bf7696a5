package dev.warden.soql;

/**
 * A query Salesforce would refuse, in Salesforce's words. {@link #getMessage()} is the text of the REST error's
 * {@code message} (and of the SOAP fault after "CODE: "): for errors at a position it starts with a newline, then the
 * query row, a caret under the column, {@code ERROR at Row:r:Column:c} and the detail, exactly as Salesforce does.
 */
public class SoqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Characters of the query row shown before and after the caret when a row is long. */
    private static final int SHOWN_BEFORE = 40;

    private static final int SHOWN_AFTER = 30;

    private final String errorCode;
    private final String detail;
    private final int row;
    private final int column;

    public SoqlException(String errorCode, String detail) {
        this(errorCode, detail, detail, 0, 0);
    }

    private SoqlException(String errorCode, String message, String detail, int row, int column) {
        super(message);
        this.errorCode = errorCode;
        this.detail = detail;
        this.row = row;
        this.column = column;
    }

    /** An error at a 1-based row and column of {@code soql}, laid out as Salesforce lays it out. */
    public static SoqlException at(String errorCode, String soql, int row, int column, String detail) {
        return new SoqlException(errorCode, layout(soql, row, column, detail), detail, row, column);
    }

    /** MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, INVALID_QUERY_FILTER_OPERATOR, ... */
    public String errorCode() {
        return errorCode;
    }

    /** The last line of the message, without the position layout. */
    public String detail() {
        return detail;
    }

    /** 1-based row of the error in the query, 0 when the error has no position. */
    public int row() {
        return row;
    }

    /** 1-based column of the error in the query, 0 when the error has no position. */
    public int column() {
        return column;
    }

    @Override
    public String toString() {
        return errorCode + ": " + getMessage();
    }

    /*
     * Salesforce prints the whole row when it is short; for long rows it prints a window around the caret, cut at
     * word boundaries (seen in real messages: ~40 characters before, ~30 after). The exact window rule is UNCONFIRMED.
     */
    static String layout(String soql, int row, int column, String detail) {
        String[] lines = soql.split("\r\n|\r|\n", -1);
        String line = row >= 1 && row <= lines.length ? lines[row - 1] : "";
        int caret = Math.max(0, Math.min(column - 1, line.length()));
        int start = Math.max(0, caret - SHOWN_BEFORE);
        while (start > 0 && isWordChar(line.charAt(start - 1)) && isWordChar(line.charAt(start))) {
            start--;
        }
        int end = Math.min(line.length(), caret + SHOWN_AFTER);
        while (end < line.length() && end > 0 && isWordChar(line.charAt(end - 1)) && isWordChar(line.charAt(end))) {
            end++;
        }
        String shown = line.substring(start, end);
        return "\n" + shown + "\n" + " ".repeat(caret - start) + "^\nERROR at Row:" + row + ":Column:" + column + "\n"
                + detail;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }
}
