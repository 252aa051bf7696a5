package dev.warden.runner.quarantine.detect;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, optionally grouped by single spaces or dashes, starting with a major-network
 * prefix (2-6), passing the Luhn check, and not one digit repeated. Digits glued to other digits or letters are not a
 * card number (an id, a hash).
 */
public final class CardNumberDetector implements Detector {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\p{Alnum}-])[2-6](?:[ -]?\\d){12,18}(?![\\p{Alnum}])");

    @Override
    public String id() {
        return "dlp.card";
    }

    @Override
    public Optional<Finding> inspect(Content content) {
        Matcher m = CANDIDATE.matcher(content.text());
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (consistentSeparators(m.group()) && !oneDigitRepeated(digits) && Luhn.isValid(digits)) {
                return Optional.of(new Finding(id(),
                        "Luhn-valid payment card number (" + digits.length() + " digits) at character " + m.start()));
            }
        }
        return Optional.empty();
    }

    /** "4111 1111-1111 1111" is not how anyone writes a card number; one separator kind or none. */
    private static boolean consistentSeparators(String s) {
        return !(s.indexOf(' ') >= 0 && s.indexOf('-') >= 0);
    }

    private static boolean oneDigitRepeated(String digits) {
        return digits.chars().distinct().count() == 1;
    }
}
