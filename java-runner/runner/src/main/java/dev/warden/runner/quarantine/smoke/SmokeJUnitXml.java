package dev.warden.runner.quarantine.smoke;

import java.util.Locale;

/** The smoke report as a JUnit XML test suite, one test case per step, so CI shows each step by name. */
public final class SmokeJUnitXml {
    private SmokeJUnitXml() {}

    public static String render(SmokeReport report) {
        long failures = report.steps().stream().filter(SmokeStep::failed).count();
        long skipped = report.steps().stream().filter(s -> "SKIPPED".equals(s.status())).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"warden smoke\" tests=\"").append(report.steps().size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"")
                .append(seconds(report.wallMillis())).append("\">\n");
        for (SmokeStep s : report.steps()) {
            sb.append("  <testcase classname=\"warden.smoke\" name=\"").append(esc(s.name())).append("\" time=\"")
                    .append(seconds(s.millis())).append("\">\n");
            if (s.failed()) {
                sb.append("    <failure message=\"").append(esc(s.detail())).append("\"/>\n");
            } else if ("SKIPPED".equals(s.status())) {
                sb.append("    <skipped message=\"").append(esc(s.detail())).append("\"/>\n");
            }
            sb.append("    <system-out>").append(esc(s.detail())).append(" [").append(s.apiCalls()).append(" API calls: ")
                    .append(esc(String.join(", ", s.apis()))).append("]</system-out>\n");
            sb.append("  </testcase>\n");
        }
        return sb.append("</testsuite>\n").toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
