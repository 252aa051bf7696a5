package dev.warden.runner.quarantine.detect;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers, as people write them: the digits on their own (not part of a longer number, an id, a hash or
 * a decimal fraction such as {@code 0.4221165755827173}), either ungrouped or in the groups cards are printed with
 * (4-4-4-4, 4-4-4-4-3, Amex 4-6-5, Diners 4-6-4) separated by one kind of single space or dash; then an issuer
 * prefix with a length that issuer uses (Visa, Mastercard, Amex, Discover, Diners Club, JCB, UnionPay, Maestro), the
 * Luhn check, and not one digit repeated. Prefix and length table: the networks' published IIN ranges
 * (UNCONFIRMED in detail for Maestro and UnionPay, whose ranges the networks publish only in part).
 */
public final class CardNumberDetector implements Detector {
    /** (?=\d) first: the lookbehinds then run only at digits (a large speed-up over long text). A digit run with no digit, letter, dash or decimal point glued on either side. */
    private static final String BEFORE = "(?<![\\p{Alnum}\\-.])(?<!\\d[.,])";

    private static final String AFTER = "(?![\\p{Alnum}])(?![.,]\\d)(?!-\\d)";
    private static final Pattern CANDIDATE = Pattern.compile("(?=\\d)" + BEFORE + "(?:"
            + "\\d{13,19}"
            + "|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{3})?"
            + "|\\d{4}([ -])\\d{6}\\2\\d{4,5}"
            + ")" + AFTER);

    /** An issuer: prefixes as digit ranges over a fixed number of leading digits, and the lengths it issues. */
    record Issuer(String name, int prefixDigits, long from, long to, int minLength, int maxLength) {
        boolean matches(String digits) {
            if (digits.length() < minLength || digits.length() > maxLength || digits.length() < prefixDigits) {
                return false;
            }
            long p = Long.parseLong(digits.substring(0, prefixDigits));
            return p >= from && p <= to;
        }
    }

    static final List<Issuer> ISSUERS = List.of(
            new Issuer("Visa", 1, 4, 4, 13, 19),
            new Issuer("Mastercard", 2, 51, 55, 16, 16),
            new Issuer("Mastercard", 4, 2221, 2720, 16, 16),
            new Issuer("American Express", 2, 34, 34, 15, 15),
            new Issuer("American Express", 2, 37, 37, 15, 15),
            new Issuer("Discover", 4, 6011, 6011, 16, 19),
            new Issuer("Discover", 3, 644, 649, 16, 19),
            new Issuer("Discover", 2, 65, 65, 16, 19),
            new Issuer("Diners Club", 3, 300, 305, 14, 19),
            new Issuer("Diners Club", 2, 36, 36, 14, 19),
            new Issuer("Diners Club", 2, 38, 39, 16, 19),
            new Issuer("JCB", 4, 3528, 3589, 16, 19),
            new Issuer("UnionPay", 2, 62, 62, 16, 19),
            new Issuer("Maestro", 4, 5018, 5018, 12, 19),
            new Issuer("Maestro", 4, 5020, 5020, 12, 19),
            new Issuer("Maestro", 4, 5038, 5038, 12, 19),
            new Issuer("Maestro", 4, 5893, 5893, 12, 19),
            new Issuer("Maestro", 4, 6304, 6304, 12, 19),
            new Issuer("Maestro", 4, 6759, 6759, 12, 19),
            new Issuer("Maestro", 4, 6761, 6763, 12, 19));

    @Override
    public String id() {
        return "dlp.card";
    }

    @Override
    public Optional<Finding> inspect(Content content) {
        Matcher m = CANDIDATE.matcher(content.text());
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            Optional<Issuer> issuer = issuer(digits);
            if (issuer.isPresent() && !oneDigitRepeated(digits) && Luhn.isValid(digits)) {
                return Optional.of(new Finding(
                        id(),
                        "Luhn-valid " + issuer.get().name() + " card number (" + digits.length()
                                + " digits) at character " + m.start()));
            }
        }
        return Optional.empty();
    }

    static Optional<Issuer> issuer(String digits) {
        return ISSUERS.stream().filter(i -> i.matches(digits)).findFirst();
    }

    private static boolean oneDigitRepeated(String digits) {
        return digits.chars().distinct().count() == 1;
    }
}
