package dev.warden.runner.quarantine.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Daily API requests used and allowed, as the {@code Sforce-Limit-Info} header reports them. */
public record ApiUsage(long used, long max) {
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    /** Parses {@code api-usage=18/5000} wherever it sits in the header (other entries such as api-bursts are ignored). */
    public static Optional<ApiUsage> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = API_USAGE.matcher(header);
        return m.find()
                ? Optional.of(new ApiUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    /** True when making {@code more} further calls would take usage above {@code fraction} of the daily limit. */
    public boolean wouldExceed(double fraction, long more) {
        return max > 0 && used + more > (long) Math.floor(max * fraction);
    }
}
