package dev.warden.runner.report;

import dev.warden.runner.verify.Check;
import java.util.List;

/** JUnit XML so CI shows each check as a test: FAIL as a failure, SKIP as skipped, WARN passes with output. */
public final class JUnitReport {
    private JUnitReport() {}

    public static String render(Report r) {
        List<Check> checks = r.allChecks();
        long failures = checks.stream().filter(Check::failed).count();
        long skipped =
                checks.stream().filter(c -> c.status() == Check.Status.SKIP).count();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        boolean runFailed = r.failureName() != null;
        // The run's wall time, when the command measured it (checks are evaluated together, so cases carry none).
        String time = r.figures() == null
                ? ""
                : String.format(
                        java.util.Locale.ROOT, " time=\"%.3f\"", r.figures().wallMillis() / 1000.0);
        x.append(String.format(
                "<testsuite name=\"warden.%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\"%s>%n",
                esc(r.command()),
                checks.size() + (runFailed || checks.isEmpty() ? 1 : 0), // the "run" case counts as a test
                failures,
                runFailed ? 1 : 0,
                skipped,
                time));
        String runTime = r.figures() == null ? "" : time;
        if (runFailed) {
            x.append(String.format(
                    "  <testcase classname=\"warden.%s\" name=\"run\"%s>%n    <error type=\"%s\" message=\"%s\"/>%n  </testcase>%n",
                    esc(r.command()), runTime, esc(r.failureName()), esc(r.failureMessage())));
        } else if (checks.isEmpty()) {
            // Never an empty suite: a run without checks (deploy, plan) is one passing case saying what it did.
            x.append(String.format(
                    "  <testcase classname=\"warden.%s\" name=\"run\"%s>%n    <system-out>%s</system-out>%n  </testcase>%n",
                    esc(r.command()), runTime, esc(summary(r))));
        }
        for (Check c : checks) {
            String group = c.id().contains(".") ? c.id().substring(0, c.id().indexOf('.')) : c.id();
            // A smoke step's own wall time; verify's checks are evaluated in memory after the reads (the suite's time
            // holds the reads), so their cases take no measurable time.
            long millis = r.checkMillis().getOrDefault(c.id(), 0L);
            x.append(String.format(
                    java.util.Locale.ROOT,
                    "  <testcase classname=\"warden.%s\" name=\"%s\" time=\"%.3f\">%n",
                    esc(group),
                    esc(c.id() + ": " + c.title()),
                    millis / 1000.0));
            switch (c.status()) {
                case FAIL ->
                    x.append(String.format(
                            "    <failure type=\"%s\" message=\"%s\">%s</failure>%n",
                            esc(c.severity().name()),
                            esc(c.evidence()),
                            esc("evidence: " + c.evidence() + "\nfix: " + c.remediation()
                                    + (c.symptom() == null ? "" : "\nexplains: " + c.symptom()))));
                case SKIP -> x.append(String.format("    <skipped message=\"%s\"/>%n", esc(c.evidence())));
                default ->
                    x.append(String.format("    <system-out>%s</system-out>%n", esc(c.status() + ": " + c.evidence())));
            }
            x.append("  </testcase>\n");
        }
        x.append("</testsuite>\n");
        return x.toString();
    }

    private static String summary(Report r) {
        if (r.deployResult() != null) {
            return "deploy: " + r.deployResult() + (r.deployReason() == null ? "" : " (" + r.deployReason() + ")");
        }
        if (r.plan() != null) {
            return "plan: " + r.plan().steps().size() + " step(s)" + (r.dryRun() ? " (dry run)" : "");
        }
        return r.command() + ": ok";
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
