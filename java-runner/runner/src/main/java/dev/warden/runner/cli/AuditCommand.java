package dev.warden.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.runner.audit.AuditEngine;
import dev.warden.runner.audit.AuditResult;
import dev.warden.runner.audit.AuditRule;
import dev.warden.runner.audit.AuditRules;
import dev.warden.runner.audit.Baseline;
import dev.warden.runner.audit.Finding;
import dev.warden.runner.audit.PermissionCatalog;
import dev.warden.runner.audit.RulesFile;
import dev.warden.runner.audit.read.AuditReader;
import dev.warden.runner.audit.render.HtmlAuditReport;
import dev.warden.runner.audit.render.MarkdownAuditReport;
import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.org.RecordStream;
import dev.warden.runner.salesforce.rest.RestRecordStream;
import dev.warden.runner.salesforce.soap.PartnerRecords;
import dev.warden.runner.verify.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden audit}: the whole org's security posture, read-only, as text, JSON, JUnit, HTML and Markdown. */
@Command(
        name = "audit",
        header = "Audit the whole org's security posture (read-only).",
        description =
                "Streams users, profiles, permission sets, permission set groups (muting applied), assignments, apps and their"
                        + " OAuth policies, OAuth tokens, trusted and login IP ranges, session settings and API usage, then reports who holds"
                        + " dangerous permissions in four tiers (full org compromise, identity takeover, data exposure, control weakening) and"
                        + " through which path, integration users that are not locked down, open apps, over-broad networks. Every finding has a"
                        + " stable id (rule:subject), severity, evidence, fix and the vendor-guide symptom it prevents. Changes nothing.",
        footer = {
            "%nENVIRONMENT",
            "  WARDEN_SF                sf executable (the launcher sets the pinned one)",
            "  WARDEN_LOCAL_ORG_STATE   state file of the embedded org (empty: a fresh org every run)",
            "  WARDEN_DEBUG=1           stack traces for internal errors",
            "%nEXIT CODES",
            "  0 no findings (with --baseline: no new findings), 1 failure, 2 bad input (one line, file:line for --rules),",
            "  3 findings (with --baseline: new findings)",
            "%nEXAMPLES",
            "  warden audit --html audit.html",
            "  warden audit --target-org prod --json > week1.json",
            "  warden audit --target-org prod --baseline week1.json --markdown pr-comment.md --junit audit.xml",
            "  warden audit --rules audit-rules.yaml"
        })
public final class AuditCommand extends Commands.WithBlueprint {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--html",
            paramLabel = "FILE",
            order = 5,
            description = "Also write a self-contained HTML report (no external assets).")
    Path html;

    @Option(
            names = "--markdown",
            paramLabel = "FILE",
            order = 6,
            description = "Also write Markdown for a pull-request comment.")
    Path markdown;

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            order = 7,
            description =
                    "An earlier `warden audit --json` report: list new and resolved findings; exit 3 only for new ones.")
    Path baseline;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            order = 8,
            description =
                    "YAML rules: allow.users, allow.permissionSets, extraPermissions (name: tier), severities (rule id: HIGH|MEDIUM|LOW|INFO),"
                            + " integrationUsers. Validated against the runner's audit/rules.schema.json.")
    Path rulesFile;

    @Override
    protected void run(Context ctx) throws Exception {
        AuditRules rules = rulesFile == null ? AuditRules.none() : loadRules(rulesFile);
        Map<String, Baseline.Entry> before = baseline == null ? null : loadBaseline(baseline);
        Blueprint b = loadBlueprint(ctx);
        var org = ctx.org();
        AuditResult result = audit(ctx, rules, b.usernameFor(org.orgId()));
        Baseline.Diff diff = before == null ? null : Baseline.diff(before, result.findings());

        String orgName = org.target() + " (" + org.orgId() + ")";
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (html != null) {
            createParent(html);
            try (var out = Files.newBufferedWriter(html)) {
                HtmlAuditReport.write(result, diff, orgName, at, out);
            }
        }
        if (markdown != null) {
            write(markdown, MarkdownAuditReport.render(result, diff, orgName));
        }
        ctx.report().checks(checks(result, diff));
        result.warnings().forEach(w -> ctx.report().warn(w));
        ctx.report().put("summary", summary(result, diff));
        if (json) {
            ctx.report().put("audit", jsonResult(result, diff));
        }
    }

    /** Reads the org into the engine; the engine (all the aggregated rows) is garbage once the result exists. */
    private AuditResult audit(Context ctx, AuditRules rules, String blueprintUser) {
        var org = ctx.org();
        PermissionCatalog catalog = PermissionCatalog.defaults().with(rules.extraPermissions());
        AuditEngine engine = new AuditEngine(catalog, rules, Set.of(blueprintUser));
        RecordStream stream =
                "soap".equals(recordsApi) ? partnerRecords(org.records()).stream() : new RestRecordStream(org.rest());
        new AuditReader(stream, org.records(), org.metadata(), org.appUsage(), ctx.progress())
                .read(engine, catalog, apiReserve);
        return engine.result();
    }

    /** One check per finding (new ones fail; with a baseline, known ones pass with a note) and a passing one per quiet rule. */
    static List<Check> checks(AuditResult r, Baseline.Diff diff) {
        List<Check> out = new ArrayList<>();
        Set<String> added =
                diff == null ? null : diff.added().stream().map(Finding::key).collect(Collectors.toSet());
        for (Finding f : r.findings()) {
            if (added == null || added.contains(f.key())) {
                out.add(f.toCheck());
            } else {
                out.add(Check.warn(f.key(), f.title(), "known since the baseline: " + f.evidence(), f.remediation()));
            }
        }
        Set<String> fired = r.findings().stream().map(Finding::rule).collect(Collectors.toSet());
        for (AuditRule rule : r.rulesRun()) {
            if (!fired.contains(rule.id())) {
                out.add(Check.pass(rule.id(), rule.title(), "no finding"));
            }
        }
        return out;
    }

    private static String summary(AuditResult r, Baseline.Diff diff) {
        Map<Check.Severity, Long> bySeverity = new LinkedHashMap<>();
        r.findings().forEach(f -> bySeverity.merge(f.severity(), 1L, Long::sum));
        String s = r.findings().size() + " finding(s) " + bySeverity + "; "
                + r.stats().getOrDefault("activeUsers", 0L) + " active users, "
                + r.matrix().size() + " holding tiered permissions";
        return diff == null
                ? s
                : s + "; since baseline: " + diff.added().size() + " new, "
                        + diff.resolved().size() + " resolved";
    }

    static Map<String, Object> jsonResult(AuditResult r, Baseline.Diff diff) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("findings", r.findings().stream().map(AuditCommand::findingJson).toList());
        m.put(
                "matrix",
                r.matrix().stream()
                        .map(row -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("username", row.username());
                            x.put("profile", row.profile());
                            x.put("license", row.license());
                            x.put("integration", row.integration());
                            Map<String, Object> tiers = new LinkedHashMap<>();
                            row.permissions().entrySet().stream()
                                    .sorted(Map.Entry.comparingByKey())
                                    .forEach(e -> tiers.put(e.getKey().id(), e.getValue()));
                            x.put("tiers", tiers);
                            return x;
                        })
                        .toList());
        m.put("stats", new java.util.TreeMap<>(r.stats()));
        m.put("rules", r.rulesRun().stream().map(AuditRule::id).toList());
        if (diff != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("new", diff.added().stream().map(Finding::key).toList());
            d.put("resolved", diff.resolved().stream().map(Baseline.Entry::key).toList());
            d.put("unchanged", diff.unchanged());
            m.put("baseline", d);
        }
        return m;
    }

    private static Map<String, Object> findingJson(Finding f) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("key", f.key());
        x.put("rule", f.rule());
        x.put("subject", f.subject());
        x.put("severity", f.severity().name());
        x.put("title", f.title());
        x.put("evidence", f.evidence());
        x.put("paths", f.paths());
        x.put("remediation", f.remediation());
        x.put("symptom", f.symptom());
        return x;
    }

    private static AuditRules loadRules(Path file) {
        try {
            return RulesFile.parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": rules file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read rules file: " + e.getMessage());
        } catch (RulesFile.InvalidRulesException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static Map<String, Baseline.Entry> loadBaseline(Path file) {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": baseline report not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": baseline is not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        try {
            return Baseline.entries(node);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) throws IOException {
        createParent(file);
        Files.writeString(file, text);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** The Partner adapter behind the org's records port (the retry wrapper adds reconcile logic around it). */
    private static PartnerRecords partnerRecords(dev.warden.runner.org.RecordsPort port) {
        dev.warden.runner.org.RecordsPort p =
                port instanceof dev.warden.runner.salesforce.ReconcilingRecords r ? r.unwrap() : port;
        if (p instanceof PartnerRecords partner) {
            return partner;
        }
        throw new IllegalStateException("--records-api soap needs the Partner API records adapter, not "
                + p.getClass().getSimpleName());
    }
}
