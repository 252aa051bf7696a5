package dev.warden.runner.report;

import dev.warden.runner.salesforce.sfcli.SfDeploy;
import dev.warden.runner.verify.Check;
import java.util.List;

/** The report as people read it: short sections, a table for deploy failures and checks, figures at the end. */
public final class TextReport {
    private TextReport() {}

    public static String render(Report r) {
        StringBuilder out = new StringBuilder();
        if (r.org() != null) {
            out.append("Org: ")
                    .append(r.org().embedded() ? "embedded local org " : r.org().target() + " ")
                    .append(r.org().instanceUrl())
                    .append(" (")
                    .append(r.org().orgId())
                    .append(", as ")
                    .append(r.org().username())
                    .append(")\n");
        }
        if (r.deploy() != null) {
            SfDeploy.Outcome d = r.deploy();
            String result = r.deployResult() == null ? (d.success() ? "Succeeded" : "Failed") : r.deployResult();
            out.append("\nDeploy: ")
                    .append(result.equals("Failed") ? "FAILED" : result.toLowerCase(java.util.Locale.ROOT));
            if (r.deployReason() != null) {
                out.append(" (").append(r.deployReason()).append(')');
            } else if (d.componentsTotal() > 0) {
                out.append(" (")
                        .append(d.componentsDeployed())
                        .append("/")
                        .append(d.componentsTotal())
                        .append(" components)");
            } else if (!d.success() && d.status() != null) {
                out.append(" (").append(d.status()).append(')');
            }
            out.append('\n');
            if (!d.failures().isEmpty()) {
                int w1 = Math.max(
                        4,
                        d.failures().stream()
                                .mapToInt(f -> f.location().length())
                                .max()
                                .orElse(4));
                int w2 = Math.max(
                        9,
                        d.failures().stream()
                                .mapToInt(f -> (f.type() + " " + f.fullName()).length())
                                .max()
                                .orElse(9));
                out.append(String.format("  %-" + w1 + "s  %-" + w2 + "s  %s%n", "FILE", "COMPONENT", "PROBLEM"));
                for (SfDeploy.ComponentFailure f : d.failures()) {
                    out.append(String.format(
                            "  %-" + w1 + "s  %-" + w2 + "s  %s%n",
                            f.location(),
                            f.type() + " " + f.fullName(),
                            f.problem()));
                }
            } else if (d.errorMessage() != null) {
                out.append("  sf ")
                        .append(d.errorName())
                        .append(": ")
                        .append(d.errorMessage())
                        .append('\n');
            }
        }
        if (r.plan() != null) {
            out.append('\n').append(r.plan().render());
            if (r.dryRun()) {
                out.append("(dry run: nothing was changed)\n");
            }
        }
        if (r.stepsDone() != null) {
            out.append("Applied: ")
                    .append(r.stepsDone().isEmpty() ? "nothing (0 writes)" : String.join(", ", r.stepsDone()))
                    .append('\n');
            r.applyNotes().forEach(n -> out.append("note: ").append(n).append('\n'));
        }
        if (r.checks() != null) {
            out.append('\n').append("Checks:\n");
            checks(out, r.checks());
        }
        for (Report.Section s : r.sections()) {
            out.append('\n')
                    .append(s.title())
                    .append(": ")
                    .append(s.ok() ? "ok" : "FAILED")
                    .append('\n');
            s.lines().forEach(l -> out.append("  ").append(l).append('\n'));
            if (!s.checks().isEmpty()) {
                checks(out, s.checks());
            }
        }
        if (!r.extraOrdered().isEmpty()) {
            out.append('\n');
            int w = r.extraOrdered().keySet().stream()
                    .mapToInt(String::length)
                    .max()
                    .orElse(4);
            r.extraOrdered().forEach((k, v) -> out.append(String.format("%-" + w + "s  %s%n", k, v)));
        }
        for (String w : r.warnings()) {
            out.append("warning: ").append(w).append('\n');
        }
        if (r.figures() != null) {
            Report.Figures f = r.figures();
            String flow = f.flowWrites() == 0
                    ? ""
                    : String.format(" (+%d by the quarantine flow's own records)", f.flowWrites());
            String retries = f.retries() == 0 ? "" : String.format(", %d retried", f.retries());
            out.append('\n')
                    .append(String.format(
                            "Figures: %d sf invocation(s), %d API call(s)%s, %d round trip(s) on the critical path,"
                                    + " %d setup write(s)%s, %.1f s%n",
                            f.sfInvocations(),
                            f.apiCalls(),
                            retries,
                            f.roundTrips(),
                            f.writes(),
                            flow,
                            f.wallMillis() / 1000.0));
        }
        if (r.failureMessage() != null) {
            out.append("\nFailed: ").append(r.failureMessage()).append('\n');
        } else {
            int exit = r.exitCode();
            out.append(
                    exit == 0
                            ? "\nResult: OK\n"
                            : exit == 3
                                    ? "\nResult: verification found problems (exit 3)\n"
                                    : "\nResult: FAILED (exit " + exit + ")\n");
        }
        return out.toString();
    }

    private static void checks(StringBuilder out, List<Check> checks) {
        int w = checks.stream().mapToInt(c -> c.id().length()).max().orElse(8);
        for (Check c : checks) {
            out.append(String.format(
                    "  %-4s  %-" + w + "s  %s%n", c.status(), c.id(), c.evidence() == null ? "" : c.evidence()));
            if (c.failed() || c.status() == Check.Status.WARN) {
                if (c.symptom() != null) {
                    out.append(String.format("        %-" + w + "s  explains: %s%n", "", c.symptom()));
                }
                if (c.remediation() != null) {
                    out.append(String.format("        %-" + w + "s  fix: %s%n", "", c.remediation()));
                }
            }
        }
    }
}
