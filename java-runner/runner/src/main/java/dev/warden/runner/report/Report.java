package dev.warden.runner.report;

import dev.warden.runner.plan.Plan;
import dev.warden.runner.salesforce.sfcli.SfDeploy;
import dev.warden.runner.verify.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's report, filled by the commands as they go and rendered once at the end as text, a JSON envelope or
 * JUnit XML. Holds no secret: sessions and keys never enter it.
 */
public final class Report {

    /** Extra sections (smoke test, scan) contributed by other stages; checks in them count like verify checks. */
    public record Section(
            String id, String title, boolean ok, List<String> lines, Map<String, Object> data, List<Check> checks) {
        public Section {
            lines = List.copyOf(lines);
            data = data == null ? Map.of() : Map.copyOf(data);
            checks = checks == null ? List.of() : List.copyOf(checks);
        }
    }

    public record OrgSummary(String target, String instanceUrl, String orgId, String username, boolean embedded) {}

    /**
     * @param writes API calls that changed the org's setup (users, assignments, app, network; a deploy is an sf invocation)
     * @param flowWrites calls that wrote the quarantine flow's own records (smoke test data, scan claims, verdicts)
     */
    /**
     * @param retries    calls sent again by the retry policy (also in {@code callsByKind} as {@code retry.<kind>})
     * @param roundTrips the run's critical path: the longest chain of calls and sf invocations each started after the
     *                   previous one answered (overlapping calls count once)
     */
    public record Figures(
            long sfInvocations,
            long apiCalls,
            long writes,
            long flowWrites,
            Map<String, Long> callsByKind,
            long wallMillis,
            long retries,
            long roundTrips) {
        public Figures(
                long sfInvocations,
                long apiCalls,
                long writes,
                long flowWrites,
                Map<String, Long> callsByKind,
                long wallMillis) {
            this(sfInvocations, apiCalls, writes, flowWrites, callsByKind, wallMillis, 0, 0);
        }
    }

    private final String command;
    private OrgSummary org;
    private SfDeploy.Outcome deploy;
    private String deployResult;
    private String deployReason;
    private Plan plan;
    private boolean dryRun;
    private List<String> stepsDone;
    private final List<String> applyNotes = new ArrayList<>();
    private List<Check> checks;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Long> checkMillis = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private Figures figures;
    private String failureName;
    private String failureMessage;
    private List<String> failureActions = List.of();
    private int exitCode;

    public Report(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }

    public Report org(OrgSummary o) {
        this.org = o;
        return this;
    }

    public OrgSummary org() {
        return org;
    }

    public Report deploy(SfDeploy.Outcome d) {
        return deploy(d, d.success() ? "Succeeded" : "Failed", null);
    }

    /**
     * @param result Succeeded, Validated, Skipped or Failed: the deploy outcome as a field users' scripts can test
     * @param reason why it was skipped; null otherwise
     */
    public Report deploy(SfDeploy.Outcome d, String result, String reason) {
        this.deploy = d;
        this.deployResult = result;
        this.deployReason = reason;
        return this;
    }

    public String deployResult() {
        return deployResult;
    }

    public String deployReason() {
        return deployReason;
    }

    public SfDeploy.Outcome deploy() {
        return deploy;
    }

    public Report plan(Plan p, boolean dryRunOnly) {
        this.plan = p;
        this.dryRun = dryRunOnly;
        return this;
    }

    public Plan plan() {
        return plan;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Report applied(List<String> done, List<String> notes) {
        this.stepsDone = List.copyOf(done);
        this.applyNotes.addAll(notes);
        return this;
    }

    public List<String> stepsDone() {
        return stepsDone;
    }

    public List<String> applyNotes() {
        return List.copyOf(applyNotes);
    }

    public Report checks(List<Check> c) {
        this.checks = List.copyOf(c);
        return this;
    }

    public List<Check> checks() {
        return checks;
    }

    public Report section(Section s) {
        sections.add(s);
        return this;
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** The measured wall time of the step behind a check (a smoke step); checks without one were evaluated in memory. */
    public Report checkMillis(String checkId, long millis) {
        checkMillis.put(checkId, millis);
        return this;
    }

    public Map<String, Long> checkMillis() {
        return Map.copyOf(checkMillis);
    }

    public Report warn(String w) {
        warnings.add(w);
        return this;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Free-form result entries (doctor facts and the like), shown as key: value. */
    public Report put(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    public Map<String, Object> extra() {
        return Map.copyOf(extra);
    }

    public Map<String, Object> extraOrdered() {
        return java.util.Collections.unmodifiableMap(extra);
    }

    public Report figures(Figures f) {
        this.figures = f;
        return this;
    }

    public Figures figures() {
        return figures;
    }

    public Report fail(String name, String message, int exit) {
        return fail(name, message, exit, List.of());
    }

    /** @param actions what to do about it, one sentence each (sf's {@code actions}) */
    public Report fail(String name, String message, int exit, List<String> actions) {
        this.failureName = name;
        this.failureMessage = message;
        this.exitCode = exit;
        this.failureActions = List.copyOf(actions);
        return this;
    }

    public List<String> failureActions() {
        return failureActions;
    }

    public String failureName() {
        return failureName;
    }

    public String failureMessage() {
        return failureMessage;
    }

    /** Every check of the run: verify's and those of extra sections. */
    public List<Check> allChecks() {
        List<Check> all = new ArrayList<>(checks == null ? List.of() : checks);
        sections.forEach(s -> all.addAll(s.checks()));
        return all;
    }

    /** 1 on failure, 3 when a check found a problem, else 0. */
    public int exitCode() {
        if (failureName != null) {
            return exitCode;
        }
        if (deploy != null && !deploy.success()) {
            return 1;
        }
        if (sections.stream().anyMatch(s -> !s.ok() && s.checks().isEmpty())) {
            return 1;
        }
        return allChecks().stream().anyMatch(Check::failed) ? 3 : 0;
    }
}
