package dev.warden.localorg.server;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Query strings as the request log keeps them: SOQL stays readable for tests, but a package installation key that sf
 * puts into its SubscriberPackageVersion query ({@code AND InstallationKey ='K'}, devhub-packaging-wire.md 13.1) is
 * replaced by {@code '<redacted>'} before anything is stored.
 */
final class LoggedQueries {
    private static final Pattern KEY = Pattern.compile("(?i)(InstallationKey\\s*=\\s*)'(?:\\\\.|[^'\\\\])*'");

    private LoggedQueries() {}

    static String redact(String rawQuery) {
        if (rawQuery == null || !rawQuery.toLowerCase(java.util.Locale.ROOT).contains("installationkey")) {
            return rawQuery;
        }
        StringBuilder out = new StringBuilder();
        for (String pair : rawQuery.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? null : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (value == null || !KEY.matcher(value).find()) {
                out.append(pair);
            } else {
                String redacted = KEY.matcher(value).replaceAll("$1'<redacted>'");
                out.append(name).append('=').append(URLEncoder.encode(redacted, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }
}
