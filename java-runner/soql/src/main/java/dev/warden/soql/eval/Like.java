package dev.warden.soql.eval;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * SOQL LIKE: {@code %} any run of characters, {@code _} one character, {@code \%} and {@code \_} themselves; matching
 * is case-insensitive. Built from the literal's raw text so escaped wildcards stay literal.
 */
final class Like {
    private Like() {}

    /** A matcher for the pattern; plain prefix, suffix, infix and exact patterns avoid regular expressions. */
    static Predicate<String> matcher(String raw) {
        String body = raw;
        boolean leading = body.startsWith("%");
        boolean trailing = body.endsWith("%") && !body.endsWith("\\%") && body.length() > (leading ? 1 : 0);
        String middle = body.substring(leading ? 1 : 0, body.length() - (trailing ? 1 : 0));
        if (middle.chars().noneMatch(c -> c == '%' || c == '_' || c == '\\')) {
            int n = middle.length();
            if (!leading && !trailing) {
                return s -> s.equalsIgnoreCase(middle);
            }
            if (!leading) {
                return s -> s.regionMatches(true, 0, middle, 0, n);
            }
            if (!trailing) {
                return s -> s.length() >= n && s.regionMatches(true, s.length() - n, middle, 0, n);
            }
            return s -> containsIgnoreCase(s, middle);
        }
        Pattern pattern = compile(raw);
        return s -> pattern.matcher(s).matches();
    }

    private static boolean containsIgnoreCase(String s, String part) {
        int n = part.length();
        for (int i = 0; i + n <= s.length(); i++) {
            if (s.regionMatches(true, i, part, 0, n)) {
                return true;
            }
        }
        return false;
    }

    static Pattern compile(String raw) {
        StringBuilder regex = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                String literal = switch (next) {
                    case 'n', 'N' -> "\n";
                    case 'r', 'R' -> "\r";
                    case 't', 'T' -> "\t";
                    case 'b', 'B' -> "\b";
                    case 'f', 'F' -> "\f";
                    case 'u', 'U' -> {
                        String hex = raw.substring(i + 1, Math.min(raw.length(), i + 5));
                        i += hex.length();
                        yield String.valueOf((char) Integer.parseInt(hex, 16));
                    }
                    default -> String.valueOf(next);
                };
                regex.append(Pattern.quote(literal));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
