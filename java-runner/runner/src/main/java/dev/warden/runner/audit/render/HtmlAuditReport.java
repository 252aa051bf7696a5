package dev.warden.runner.audit.render;

import dev.warden.runner.audit.AuditResult;
import dev.warden.runner.audit.AuditResult.MatrixRow;
import dev.warden.runner.audit.Baseline;
import dev.warden.runner.audit.Finding;
import dev.warden.runner.audit.Tier;
import dev.warden.runner.verify.Check;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS, no script, no external asset): summary, changed since baseline, findings
 * grouped by severity with their grant paths, and the users × tiers matrix (users holding tiered permissions only).
 */
public final class HtmlAuditReport {
    /** Rows of the matrix shown in the page; the JSON report has them all. */
    public static final int MATRIX_LIMIT = 5000;

    private static final int PATHS_SHOWN = 12;

    private HtmlAuditReport() {}

    public static String render(AuditResult r, Baseline.Diff diff, String org, String generatedAt) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(r, diff, org, generatedAt, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the page to {@code out} a table row at a time, so a 100k-user org's page never sits in memory whole. */
    public static void write(AuditResult r, Baseline.Diff diff, String org, String generatedAt, java.io.Writer out)
            throws java.io.IOException {
        Page h = new Page(out);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Warden audit — ")
                .append(esc(org))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style></head>\n<body>\n");
        h.append("<header><h1>Warden audit</h1><p class=\"meta\">org <b>")
                .append(esc(org))
                .append("</b> · generated ")
                .append(esc(generatedAt))
                .append("</p></header>\n");
        summary(h, r, diff);
        if (diff != null) {
            baseline(h, diff);
        }
        findings(h, r.findings());
        matrix(h, r.matrix());
        if (!r.warnings().isEmpty()) {
            h.append("<section id=\"not-read\"><h2>Not read</h2><ul>");
            r.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>"));
            h.append("</ul></section>\n");
        }
        h.append(
                "<footer>Read-only audit by <code>warden audit</code>. Finding ids are stable: <code>rule:subject</code>.</footer>\n</body></html>\n");
        h.flush();
        if (h.failure != null) {
            throw h.failure;
        }
    }

    /** A buffer that passes its text on to the writer at row boundaries. */
    private static final class Page {
        private final java.io.Writer out;
        private final StringBuilder buf = new StringBuilder(64 * 1024);
        java.io.IOException failure;

        Page(java.io.Writer out) {
            this.out = out;
        }

        Page append(Object text) {
            buf.append(text);
            return this;
        }

        /** Called after each row: hands the buffer on once it is large. */
        void row() {
            if (buf.length() > 32 * 1024) {
                flush();
            }
        }

        void flush() {
            if (failure == null) {
                try {
                    out.write(buf.toString());
                } catch (java.io.IOException e) {
                    failure = e;
                }
            }
            buf.setLength(0);
        }
    }

    private static void summary(Page h, AuditResult r, Baseline.Diff diff) {
        h.append("<section class=\"cards\">");
        for (Check.Severity s : Check.Severity.values()) {
            long n = r.findings().stream().filter(f -> f.severity() == s).count();
            h.append("<div class=\"card sev-")
                    .append(s.name().toLowerCase())
                    .append("\"><div class=\"n\">")
                    .append(n)
                    .append("</div><div>")
                    .append(s.name())
                    .append("</div></div>");
        }
        h.append("<div class=\"card\"><div class=\"n\">")
                .append(r.stats().getOrDefault("activeUsers", 0L))
                .append("</div><div>active users</div></div>");
        h.append("<div class=\"card\"><div class=\"n\">")
                .append(r.matrix().size())
                .append("</div><div>hold tiered permissions</div></div>");
        if (diff != null) {
            h.append("<div class=\"card new\"><div class=\"n\">")
                    .append(diff.added().size())
                    .append("</div><div>new since baseline</div></div>");
        }
        h.append("</section>\n");
    }

    private static void baseline(Page h, Baseline.Diff d) {
        h.append("<section id=\"baseline\"><h2>Changed since baseline</h2><p>")
                .append(d.added().size())
                .append(" new, ")
                .append(d.resolved().size())
                .append(" resolved, ")
                .append(d.unchanged())
                .append(" unchanged.</p>");
        if (!d.added().isEmpty()) {
            h.append("<h3>New</h3><ul>");
            d.added()
                    .forEach(f -> h.append("<li><span class=\"tag sev-")
                            .append(f.severity().name().toLowerCase())
                            .append("\">")
                            .append(f.severity())
                            .append("</span> <code>")
                            .append(esc(f.key()))
                            .append("</code> ")
                            .append(esc(f.evidence()))
                            .append("</li>"));
            h.append("</ul>");
        }
        if (!d.resolved().isEmpty()) {
            h.append("<h3>Resolved</h3><ul>");
            d.resolved()
                    .forEach(e -> h.append("<li><code>")
                            .append(esc(e.key()))
                            .append("</code> ")
                            .append(esc(e.title()))
                            .append("</li>"));
            h.append("</ul>");
        }
        h.append("</section>\n");
    }

    private static void findings(Page h, List<Finding> findings) {
        h.append("<section id=\"findings\"><h2>Findings</h2>");
        if (findings.isEmpty()) {
            h.append("<p class=\"ok\">No findings.</p>");
        }
        for (Check.Severity s : Check.Severity.values()) {
            List<Finding> group =
                    findings.stream().filter(f -> f.severity() == s).toList();
            if (group.isEmpty()) {
                continue;
            }
            h.append("<h3 class=\"sev-")
                    .append(s.name().toLowerCase())
                    .append("\">")
                    .append(s)
                    .append(" (")
                    .append(group.size())
                    .append(")</h3>\n");
            h.append(
                    "<table class=\"findings\"><colgroup><col style=\"width:24%\"><col style=\"width:42%\"><col style=\"width:20%\"><col style=\"width:14%\">"
                            + "</colgroup><thead><tr><th>finding</th><th>evidence and grant path</th><th>fix</th><th>prevents</th></tr></thead><tbody>\n");
            for (Finding f : group) {
                h.append("<tr><td><b>")
                        .append(esc(f.title()))
                        .append("</b><br><code>")
                        .append(esc(f.key()))
                        .append("</code></td><td>")
                        .append(esc(f.evidence()));
                if (!f.paths().isEmpty()) {
                    h.append("<ul class=\"paths\">");
                    f.paths().stream()
                            .limit(PATHS_SHOWN)
                            .forEach(p -> h.append("<li>").append(esc(p)).append("</li>"));
                    if (f.paths().size() > PATHS_SHOWN) {
                        h.append("<li>… ")
                                .append(f.paths().size() - PATHS_SHOWN)
                                .append(" more (JSON report)</li>");
                    }
                    h.append("</ul>");
                }
                h.append("</td><td>")
                        .append(esc(f.remediation()))
                        .append("</td><td>")
                        .append(esc(f.symptom() == null ? "" : f.symptom()))
                        .append("</td></tr>\n");
                h.row();
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    private static void matrix(Page h, List<MatrixRow> rows) {
        h.append(
                "<section id=\"matrix\"><h2>Permission matrix</h2><p>Active users holding a tiered permission (after muting), by tier.</p>");
        h.append("<table class=\"matrix\"><thead><tr><th>user</th><th>profile</th><th>license</th>");
        for (Tier t : Tier.values()) {
            h.append("<th class=\"tier\">").append(esc(t.label())).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        rows.stream().limit(MATRIX_LIMIT).forEach(row -> {
            h.append("<tr><td>")
                    .append(esc(row.username()))
                    .append(row.integration() ? " <span class=\"tag\">integration</span>" : "")
                    .append("</td><td>")
                    .append(esc(row.profile()))
                    .append("</td><td>")
                    .append(esc(row.license()))
                    .append("</td>");
            for (Tier t : Tier.values()) {
                List<String> perms = row.permissions().getOrDefault(t, List.of());
                h.append(
                        perms.isEmpty()
                                ? "<td class=\"empty\"></td>"
                                : "<td class=\"hit " + t.id() + "\" title=\"" + esc(String.join(", ", perms)) + "\">"
                                        + perms.size() + "<small>" + esc(abbreviate(perms)) + "</small></td>");
            }
            h.append("</tr>\n");
            h.row();
        });
        h.append("</tbody></table>");
        if (rows.size() > MATRIX_LIMIT) {
            h.append("<p>… ").append(rows.size() - MATRIX_LIMIT).append(" more users in the JSON report.</p>");
        }
        h.append("</section>\n");
    }

    private static String abbreviate(List<String> perms) {
        String s = String.join(", ", perms);
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static final Map<Check.Severity, String> COLORS = Map.of(
            Check.Severity.HIGH,
            "#b42318",
            Check.Severity.MEDIUM,
            "#b54708",
            Check.Severity.LOW,
            "#175cd3",
            Check.Severity.INFO,
            "#475467");

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1280px;padding:16px 24px;color:#101828}
            header h1{margin:0 0 4px}.meta{color:#475467;margin:0 0 16px}
            h2{border-bottom:1px solid #eaecf0;padding-bottom:4px;margin-top:28px}
            .cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #eaecf0;border-radius:8px;padding:10px 16px;min-width:110px}
            .card .n{font-size:26px;font-weight:700}.card.new{border-color:#b42318}
            .sev-high{color:#b42318}.sev-medium{color:#b54708}.sev-low{color:#175cd3}.sev-info{color:#475467}
            table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #eaecf0;padding:5px 8px;vertical-align:top;text-align:left}
            th{background:#f9fafb}code{font-size:12px;word-break:break-all;color:#475467}table.findings{table-layout:fixed}
            .paths{margin:4px 0 0;padding-left:18px;color:#344054;font-size:13px}td{font-size:13px}.tag{font-size:11px;border:1px solid #d0d5dd;border-radius:10px;padding:0 6px;color:#344054}
            .matrix td.hit{font-weight:700;text-align:center}.matrix td small{display:block;font-weight:400;font-size:11px;color:#344054}
            .hit.full-org-compromise{background:#fee4e2}.hit.identity-takeover{background:#fef0c7}.hit.data-exposure{background:#fff6ed}
            .hit.control-weakening{background:#eff8ff}.ok{color:#067647}footer{margin:32px 0 8px;color:#667085;font-size:12px}
            """;
}
