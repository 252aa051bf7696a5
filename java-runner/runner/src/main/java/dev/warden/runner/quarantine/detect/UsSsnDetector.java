package dev.warden.runner.quarantine.detect;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers written AAA-GG-SSSS. Bare nine-digit runs are not flagged (too many false positives:
 * phone numbers, order ids). Numbers the SSA never issues are excluded: area 000, 666 or 900-999, group 00,
 * serial 0000.
 */
public final class UsSsnDetector implements Detector {
    private static final Pattern SSN = Pattern.compile(
            "(?=\\d)(?<![\\p{Alnum}-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\p{Alnum}]|-\\d)");

    @Override
    public String id() {
        return "dlp.us-ssn";
    }

    @Override
    public Optional<Finding> inspect(Content content) {
        String text = content.text();
        // Only where "ddd-dd-dddd" can start (found through the dashes with String.indexOf) does the full pattern run:
        // many times faster than trying it at every character of a long text. Same matches, same first match.
        Matcher m = SSN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int dash = text.indexOf('-', 3);
                dash >= 0 && dash + 7 < text.length() + 1;
                dash = text.indexOf('-', dash + 1)) {
            int start = dash - 3;
            if (dash + 3 < text.length()
                    && text.charAt(dash + 3) == '-'
                    && digits(text, start, 3)
                    && digits(text, dash + 1, 2)) {
                m.region(start, Math.min(text.length(), dash + 8));
                if (m.lookingAt()) {
                    return Optional.of(new Finding(id(), "US Social Security number at character " + m.start()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean digits(String s, int from, int n) {
        if (from < 0 || from + n > s.length()) {
            return false;
        }
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
