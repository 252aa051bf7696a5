package dev.warden.localorg.search;

import dev.warden.localorg.data.OrgException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the SOSL the local org supports: {@code FIND {terms} [IN ALL|NAME|EMAIL|PHONE|SIDEBAR FIELDS]
 * [RETURNING Object[(fields [WHERE ...] [ORDER BY ...] [LIMIT n] [OFFSET n])], ...] [LIMIT n]}. Terms: words with
 * {@code *}/{@code ?} wildcards, "quoted phrases", implicit AND, OR. Anything else (AND NOT, parentheses in the
 * terms, WITH clauses, UPDATE TRACKING...) is refused with MALFORMED_SEARCH naming it: never a silent partial search.
 * Error wording is the local org's own (UNCONFIRMED against Salesforce's).
 */
final class Sosl {
    private static final Pattern HEAD = Pattern.compile("(?is)^\\s*FIND\\s*\\{(.*?)}\\s*(.*)$");
    private static final Pattern HEAD_QUOTED = Pattern.compile("(?is)^\\s*FIND\\s*'(.*?)'\\s*(.*)$");
    private static final Pattern IN = Pattern.compile("(?is)^IN\\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\\s+FIELDS\\s*(.*)$");
    private static final Pattern RETURNING = Pattern.compile("(?is)^RETURNING\\s+(.*)$");
    private static final Pattern LIMIT = Pattern.compile("(?is)^LIMIT\\s+(\\d+)\\s*$");

    private Sosl() {}

    static SearchRequest parse(String sosl) {
        if (sosl == null || sosl.isBlank()) {
            throw malformed("A search string has to be specified");
        }
        Matcher m = HEAD.matcher(sosl);
        if (!m.matches()) {
            m = HEAD_QUOTED.matcher(sosl);
            if (!m.matches()) {
                throw malformed("expected FIND {search terms} at the start of the search: " + abbreviate(sosl));
            }
        }
        List<List<SearchRequest.Term>> terms = terms(m.group(1));
        String rest = m.group(2).trim();
        String scope = "ALL";
        Matcher in = IN.matcher(rest);
        if (in.matches()) {
            scope = in.group(1).toUpperCase(Locale.ROOT);
            scope = scope.equals("SIDEBAR") ? "ALL" : scope;
            rest = in.group(2).trim();
        }
        List<SearchRequest.Returning> returning = List.of();
        Integer limit = null;
        Matcher r = RETURNING.matcher(rest);
        if (r.matches()) {
            String body = r.group(1);
            int end = returningEnd(body);
            returning = returning(body.substring(0, end));
            rest = body.substring(end).trim();
        }
        if (!rest.isEmpty()) {
            Matcher l = LIMIT.matcher(rest);
            if (!l.matches()) {
                throw malformed("unexpected or unsupported clause: " + abbreviate(rest));
            }
            limit = Integer.parseInt(l.group(1));
        }
        return new SearchRequest(terms, scope, returning, limit);
    }

    /** Terms of a search: OR-separated groups of AND-ed words and phrases. */
    static List<List<SearchRequest.Term>> terms(String text) {
        List<List<SearchRequest.Term>> alternatives = new ArrayList<>();
        List<SearchRequest.Term> current = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '(' || c == ')') {
                throw malformed("parentheses in search terms are not supported by the local org: " + text);
            }
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw malformed("unterminated quoted phrase in search terms: " + text);
                }
                List<String> words = words(text.substring(i + 1, close));
                if (!words.isEmpty()) {
                    current.add(new SearchRequest.Term(words, true));
                }
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
                if (text.charAt(i) == '\\' && i + 1 < n) {
                    i++;
                }
                i++;
            }
            String word = text.substring(start, i).replace("\\", "");
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("OR")) {
                if (current.isEmpty()) {
                    throw malformed("OR needs a term on each side: " + text);
                }
                alternatives.add(current);
                current = new ArrayList<>();
            } else if (upper.equals("AND")) {
                continue;
            } else if (upper.equals("NOT")) {
                throw malformed("AND NOT is not supported by the local org's search: " + text);
            } else {
                String w = word.toLowerCase(Locale.ROOT);
                if (w.replace("*", "").replace("?", "").length() < 2) {
                    throw malformed("search term must be longer than one character: " + word);
                }
                for (String part : w.split("[^\\p{L}\\p{N}*?]+")) {
                    if (!part.isEmpty()) {
                        current.add(new SearchRequest.Term(List.of(part), false));
                    }
                }
            }
        }
        if (current.isEmpty()) {
            if (!alternatives.isEmpty()) {
                throw malformed("OR needs a term on each side: " + text);
            }
            throw malformed("search term must be longer than one character: {" + text + "}");
        }
        alternatives.add(current);
        return alternatives;
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Where the RETURNING list ends: at a top-level LIMIT (outside parentheses and quotes) or at the end. */
    private static int returningEnd(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted
                    && depth == 0
                    && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))
                    && s.regionMatches(true, i, "LIMIT", 0, 5)) {
                return i;
            }
        }
        if (depth != 0 || quoted) {
            throw malformed("unbalanced parentheses or quotes in RETURNING: " + abbreviate(s));
        }
        return s.length();
    }

    private static List<SearchRequest.Returning> returning(String s) {
        List<SearchRequest.Returning> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String object = s.substring(start, i);
            if (object.isEmpty()) {
                throw malformed("expected an object name in RETURNING at: " + abbreviate(s.substring(start)));
            }
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String inner = null;
            if (i < s.length() && s.charAt(i) == '(') {
                int depth = 0;
                boolean quoted = false;
                int open = i;
                for (; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '\'' && s.charAt(i - 1) != '\\') {
                        quoted = !quoted;
                    } else if (!quoted && c == '(') {
                        depth++;
                    } else if (!quoted && c == ')' && --depth == 0) {
                        break;
                    }
                }
                inner = s.substring(open + 1, i);
                i++;
            }
            out.add(clause(object, inner));
        }
        return out;
    }

    private static final Pattern CLAUSE = Pattern.compile(
            "(?is)^(.*?)(?:\\s+WHERE\\s+(.*?))?(?:\\s+ORDER\\s+BY\\s+(.*?))?(?:\\s+LIMIT\\s+(\\d+))?(?:\\s+OFFSET\\s+(\\d+))?\\s*$");

    private static SearchRequest.Returning clause(String object, String inner) {
        if (inner == null || inner.isBlank()) {
            return new SearchRequest.Returning(object, null, null, null, null, null);
        }
        Matcher m = CLAUSE.matcher(" " + inner.trim());
        if (!m.matches()) {
            throw malformed("cannot read RETURNING " + object + "(" + inner + ")");
        }
        List<String> fields = new ArrayList<>();
        for (String f : m.group(1).split(",")) {
            if (!f.isBlank()) {
                fields.add(f.trim());
            }
        }
        if (fields.isEmpty()) {
            throw malformed("RETURNING " + object + "(...) needs a field list before WHERE/ORDER BY/LIMIT");
        }
        return new SearchRequest.Returning(
                object,
                fields,
                m.group(2),
                m.group(3),
                m.group(4) == null ? null : Integer.valueOf(m.group(4)),
                m.group(5) == null ? null : Integer.valueOf(m.group(5)));
    }

    static OrgException malformed(String message) {
        return new OrgException("MALFORMED_SEARCH", message);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
