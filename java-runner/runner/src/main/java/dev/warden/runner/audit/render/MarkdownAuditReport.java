package dev.warden.runner.audit.render;

import dev.warden.runner.audit.AuditResult;
import dev.warden.runner.audit.Baseline;
import dev.warden.runner.audit.Finding;
import dev.warden.runner.verify.Check;
import java.util.List;

/** Markdown for a pull-request comment: counts, new/resolved since baseline, then findings by severity (capped). */
public final class MarkdownAuditReport {
    static final int FINDINGS_SHOWN = 50;

    private MarkdownAuditReport() {}

    public static String render(AuditResult r, Baseline.Diff diff, String org) {
        StringBuilder m = new StringBuilder();
        m.append("## Warden audit: ").append(org).append("\n\n");
        m.append("| severity | findings |\n|---|---|\n");
        for (Check.Severity s : Check.Severity.values()) {
            m.append("| ")
                    .append(s)
                    .append(" | ")
                    .append(r.findings().stream().filter(f -> f.severity() == s).count())
                    .append(" |\n");
        }
        m.append("\n")
                .append(r.stats().getOrDefault("activeUsers", 0L))
                .append(" active users, ")
                .append(r.matrix().size())
                .append(" holding tiered permissions.\n");
        if (diff != null) {
            m.append("\n### Changed since baseline\n\n")
                    .append(diff.added().size())
                    .append(" new, ")
                    .append(diff.resolved().size())
                    .append(" resolved, ")
                    .append(diff.unchanged())
                    .append(" unchanged.\n\n");
            diff.added()
                    .forEach(f -> m.append("- **new** ")
                            .append(f.severity())
                            .append(" `")
                            .append(cell(f.key()))
                            .append("` ")
                            .append(cell(f.evidence()))
                            .append("\n"));
            diff.resolved()
                    .forEach(e -> m.append("- **resolved** `")
                            .append(cell(e.key()))
                            .append("` ")
                            .append(cell(e.title()))
                            .append("\n"));
        }
        List<Finding> shown = diff != null ? diff.added() : r.findings();
        if (!shown.isEmpty()) {
            m.append("\n### ")
                    .append(diff != null ? "New findings" : "Findings")
                    .append("\n\n| severity | id | evidence | fix |\n|---|---|---|---|\n");
            shown.stream()
                    .limit(FINDINGS_SHOWN)
                    .forEach(f -> m.append("| ")
                            .append(f.severity())
                            .append(" | `")
                            .append(cell(f.key()))
                            .append("` | ")
                            .append(cell(f.evidence()))
                            .append(
                                    f.paths().isEmpty()
                                            ? ""
                                            : "<br>" + cell(f.paths().get(0))
                                                    + (f.paths().size() > 1
                                                            ? " (+" + (f.paths().size() - 1) + ")"
                                                            : ""))
                            .append(" | ")
                            .append(cell(f.remediation()))
                            .append(" |\n"));
            if (shown.size() > FINDINGS_SHOWN) {
                m.append("\n… and ")
                        .append(shown.size() - FINDINGS_SHOWN)
                        .append(" more (see the HTML or JSON report).\n");
            }
        }
        if (!r.warnings().isEmpty()) {
            m.append("\n**Not read:** ").append(String.join("; ", r.warnings())).append("\n");
        }
        return m.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
