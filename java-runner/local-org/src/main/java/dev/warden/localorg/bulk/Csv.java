package dev.warden.localorg.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV of Bulk API jobs (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) with Bulk API 2.0's
 * {@code columnDelimiter} and {@code lineEnding} options.
 */
public final class Csv {
    private static final Map<String, Character> DELIMITERS =
            Map.of("COMMA", ',', "TAB", '\t', "PIPE", '|', "SEMICOLON", ';', "CARET", '^', "BACKQUOTE", '`');

    private Csv() {}

    /** The delimiter character for a Bulk API 2.0 {@code columnDelimiter} name; null when the name is unknown. */
    public static Character delimiter(String name) {
        return name == null ? Character.valueOf(',') : DELIMITERS.get(name.toUpperCase(Locale.ROOT));
    }

    /** Rows of {@code text}, the header included; a trailing line break ends the last row. */
    public static List<List<String>> parse(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
                cellStarted = true;
            } else if (ch == delimiter) {
                row.add(cell.toString());
                cell.setLength(0);
                cellStarted = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (cellStarted || cell.length() > 0 || !row.isEmpty()) {
                    row.add(cell.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                cell.setLength(0);
                cellStarted = false;
            } else {
                cell.append(ch);
                cellStarted = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field at the end of the data");
        }
        if (cellStarted || cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Appends one row, quoting every cell (what Salesforce's result CSVs do). */
    public static void appendRow(StringBuilder out, List<String> cells, char delimiter, String lineEnding) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String c = cells.get(i);
            out.append('"').append(c == null ? "" : c.replace("\"", "\"\"")).append('"');
        }
        out.append(lineEnding);
    }

    public static String lineEnding(String name) {
        return "CRLF".equalsIgnoreCase(name) ? "\r\n" : "\n";
    }
}
