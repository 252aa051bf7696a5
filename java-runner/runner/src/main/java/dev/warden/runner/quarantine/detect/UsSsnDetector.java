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
    private static final Pattern SSN =
            Pattern.compile("(?<![\\p{Alnum}-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\p{Alnum}]|-\\d)");

    @Override
    public String id() {
        return "dlp.us-ssn";
    }

    @Override
    public Optional<Finding> inspect(Content content) {
        Matcher m = SSN.matcher(content.text());
        return m.find()
                ? Optional.of(new Finding(id(), "US Social Security number at character " + m.start()))
                : Optional.empty();
    }
}
