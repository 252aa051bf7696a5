package dev.warden.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text: private key blocks, consumer secret values (XML element or key/value), and Salesforce
 * access tokens / session ids ({@code 00D<org id>!<token>}). Reports what and on which line, never the secret itself.
 */
final class SecretScanner {
    record Finding(int line, String kind) {}

    private record Rule(String kind, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            new Rule("private key block", Pattern.compile("-{5}BEGIN ([A-Z0-9]+ )*PRIVATE KEY-{5}")),
            new Rule(
                    "consumerSecret value",
                    Pattern.compile("<consumerSecret>\\s*[A-Za-z0-9+/=]{8,}\\s*</consumerSecret>")),
            new Rule(
                    "consumerSecret value",
                    Pattern.compile("(?i)consumer_?secret[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9+/=]{16,}")),
            new Rule(
                    "Salesforce access token (00D...!...)",
                    Pattern.compile("\\b00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9._]{20,}")));

    private SecretScanner() {}

    static List<Finding> scan(String text) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(text);
            while (matcher.find()) {
                findings.add(new Finding(lineOf(text, matcher.start()), rule.kind()));
            }
        }
        return findings;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
