package dev.warden.runner.flow;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.cli.OrgConnection;
import dev.warden.runner.journal.Journal;
import dev.warden.runner.journal.JournalStore;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.org.MetadataPort;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.plan.Plan;
import dev.warden.runner.plan.PlanException;
import dev.warden.runner.plan.Planner;
import dev.warden.runner.provision.ApplyResult;
import dev.warden.runner.provision.Observer;
import dev.warden.runner.provision.Provisioner;
import dev.warden.runner.report.Report;
import dev.warden.runner.salesforce.auth.JwtBearer;
import dev.warden.runner.salesforce.sfcli.SfDeploy;
import dev.warden.runner.verify.Check;
import dev.warden.runner.verify.JwtOutcome;
import dev.warden.runner.verify.Verifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The runner's operations, composed by the commands: deploy, plan, provision, verify. Each adds to one report. */
public final class Flows {
    private final OrgConnection org;
    private final Path projectDir;
    private final OrgKeys keys;
    private final Consumer<String> progress;

    public Flows(OrgConnection org, Path projectDir, OrgKeys keys, Consumer<String> progress) {
        this.org = org;
        this.projectDir = projectDir;
        this.keys = keys;
        this.progress = progress;
    }

    public JournalStore journals() {
        return new JournalStore(projectDir.resolve(".warden"));
    }

    /** force-app deployed: through the Metadata API from Java, or with one {@code sf project deploy start} when needed. */
    public SfDeploy.Outcome deploy(Report report, String testLevel, boolean dryRun) {
        SfDeploy.Outcome outcome = deployWithoutSf(testLevel, dryRun);
        if (outcome == null) {
            String target = org.sfTarget();
            progress.accept("deploying force-app with sf" + (dryRun ? " (dry run: validate only)" : "") + "; this waits for the org");
            outcome = new SfDeploy(org.sf()).deploy(target, "force-app", testLevel, dryRun, Duration.ofMinutes(30));
        }
        report.deploy(outcome);
        progress.accept("deploy " + (outcome.success() ? "succeeded" : "failed") + " (" + outcome.status() + ")");
        return outcome;
    }

    /**
     * force-app converted in Java and deployed through the Metadata API (no sf start-up); null when the tree holds
     * something the converter does not know (then sf deploys it) or {@code WARDEN_DEPLOY_WITH_SF=1} asks for sf.
     */
    private SfDeploy.Outcome deployWithoutSf(String testLevel, boolean dryRun) {
        if ("1".equals(System.getenv("WARDEN_DEPLOY_WITH_SF"))) {
            return null;
        }
        var converted = new dev.warden.runner.salesforce.mdapi.SourceToMdapi(projectDir, dev.warden.runner.salesforce.soap.SoapMetadata.METADATA_API_VERSION)
                .convert("force-app");
        if (converted.converted().isEmpty()) {
            progress.accept("deploying with sf: " + converted.notConvertible());
            return null;
        }
        progress.accept("deploying force-app through the Metadata API" + (dryRun ? " (dry run: validate only)" : "") + "; this waits for the org");
        return new dev.warden.runner.salesforce.mdapi.MetadataApiDeploy(org.metadata()).deploy(converted.converted().get(), testLevel, dryRun);
    }

    /**
     * {@code up}'s deploy: skipped when force-app is byte-for-byte what this machine last deployed to the org and the
     * org still has the package (the blueprint's permission sets and active triggers), so a second {@code up}
     * changes nothing; otherwise a normal deploy.
     */
    public SfDeploy.Outcome deployIfChanged(Blueprint b, Report report, String testLevel) {
        String hash = sourceHash();
        Path state = projectDir.resolve(".warden").resolve("deploy-" + org.orgId() + ".json");
        try {
            if (java.nio.file.Files.exists(state) && hash.equals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.toFile()).path("sourceHash").asText())) {
                RecordsPort records = org.records();
                java.util.Set<String> sets = new java.util.LinkedHashSet<>(b.desiredPermissionSets());
                if (b.approval() != null) {
                    sets.add(b.approval().permissionSet());
                }
                boolean setsThere = records.permissionSets(sets).keySet().containsAll(sets);
                Map<String, String> triggers = b.packageTriggers().isEmpty() ? Map.of() : records.triggerStatus(b.packageTriggers());
                boolean triggersThere = b.packageTriggers().stream().allMatch(t -> "Active".equals(triggers.get(t)));
                if (setsThere && triggersThere) {
                    progress.accept("deploy skipped: force-app is unchanged since the last deploy to this org and the package is there");
                    SfDeploy.Outcome o = (SfDeploy.unchanged("force-app unchanged since the last deploy to this org (--force-deploy to redeploy)"));
                    report.deploy(o);
                    return o;
                }
            }
        } catch (java.io.IOException e) {
            progress.accept("ignoring unreadable " + state + ": " + e.getMessage());
        }
        SfDeploy.Outcome outcome = deploy(report, testLevel, false);
        recordDeploy(outcome);
        return outcome;
    }

    /** Remembers a successful deploy of this force-app to the org, so the next {@code up} can skip an unchanged one. */
    public void recordDeploy(SfDeploy.Outcome outcome) {
        if (!outcome.success() || outcome.deployId() == null) {
            return;
        }
        Path state = projectDir.resolve(".warden").resolve("deploy-" + org.orgId() + ".json");
        try {
            java.nio.file.Files.createDirectories(state.getParent());
            java.nio.file.Files.writeString(state, "{\"sourceHash\":\"" + sourceHash() + "\",\"deployId\":\"" + outcome.deployId()
                    + "\",\"deployedAt\":\"" + java.time.Instant.now() + "\"}\n");
        } catch (java.io.IOException e) {
            progress.accept("could not record the deploy in " + state + ": " + e.getMessage());
        }
    }

    /** SHA-256 over sfdx-project.json and every file under force-app (relative path and bytes, in path order). */
    String sourceHash() {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            List<Path> files = new java.util.ArrayList<>();
            files.add(projectDir.resolve("sfdx-project.json"));
            try (var walk = java.nio.file.Files.walk(projectDir.resolve("force-app"))) {
                walk.filter(java.nio.file.Files::isRegularFile).sorted().forEach(files::add);
            }
            for (Path f : files) {
                if (java.nio.file.Files.exists(f)) {
                    md.update(projectDir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update(java.nio.file.Files.readAllBytes(f));
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            return "unreadable-" + System.nanoTime();
        }
    }

    public Observed observe(Blueprint b, Report report) {
        progress.accept("reading the org: integration user, assignments, app, network");
        Observer observer = new Observer(org.records(), org.metadata(), org.appUsage(), keys);
        Observed o = observer.observe(b, org.orgId());
        observer.warnings().forEach(report::warn);
        return o;
    }

    public Plan plan(Blueprint b, Observed o, boolean resume, Report report, boolean dryRunOnly) {
        // A fresh embedded org is new on every run: an old journal of it describes an org that no longer exists.
        Journal journal = !org.persistent() ? null : journals().load(org.orgId(), b.usernameFor(org.orgId())).orElse(null);
        if (journal != null && journal.switchUnfinished() && !resume) {
            throw new PlanException("a previous provision left the license switch of " + journal.username() + " unfinished ("
                    + journal.switchState() + "; journal " + journals().file(org.orgId(), journal.username()) + "); run warden provision --resume"
                    + " to continue from its snapshot");
        }
        Plan plan = new Planner().plan(b, o, journal);
        report.plan(plan, dryRunOnly);
        return plan;
    }

    /** Plans and applies; with dryRun only plans. Returns the observed state after applying. */
    public Observed provision(Blueprint b, boolean dryRun, boolean resume, Report report) {
        Observed o = observe(b, report);
        Plan plan = plan(b, o, resume, report, dryRun);
        if (dryRun) {
            return o;
        }
        if (plan.isEmpty()) {
            progress.accept("nothing to provision: the org matches the blueprint");
            report.applied(List.of(), List.of());
            return o;
        }
        Journal previous = !org.persistent() ? null : journals().load(org.orgId(), plan.username()).orElse(null);
        RecordsPort records = org.records();
        MetadataPort metadata = org.metadata();
        Provisioner p = new Provisioner(records, metadata, org.appUsage(), keys, journals(), Clock.systemUTC(), progress);
        ApplyResult result = p.apply(b, o, plan, resume ? previous : null);
        report.applied(result.stepsDone(), result.notes());
        return null;
    }

    public List<Check> verify(Blueprint b, Observed known, Report report) {
        Observed o = known != null ? known : observe(b, report);
        JwtOutcome jwt = jwtLogin(b, o);
        RecordsPort records = org.records();
        Map<String, String> triggers = b.packageTriggers().isEmpty() ? Map.of() : records.triggerStatus(b.packageTriggers());
        OrgModel.ApiUsage usage = org.budget().lastUsage().map(u -> new OrgModel.ApiUsage(u[0], u[1])).orElseGet(records::apiUsage);
        int reserve = org.budget().reservePercent();
        List<Check> checks = new Verifier().verify(new Verifier.Input(b, o, jwt, triggers, usage, reserve));
        report.checks(checks);
        return checks;
    }

    private JwtOutcome jwtLogin(Blueprint b, Observed o) {
        if (b.app() == null) {
            return JwtOutcome.skipped("the blueprint has no app");
        }
        if (o.user() == null) {
            return JwtOutcome.skipped("no integration user");
        }
        if (!b.app().generatesCertificate()) {
            return JwtOutcome.skipped("the vendor holds the private key of " + b.app().certificate() + "; test the login from the vendor side");
        }
        Optional<OrgKeys.KeyMaterial> km = keys.load(org.orgId());
        if (km.isEmpty()) {
            return JwtOutcome.skipped("no key pair for org " + org.orgId() + " on this machine (" + keys.dir(org.orgId()) + "); run warden provision");
        }
        progress.accept("logging in as " + o.user().username() + " by JWT bearer");
        try {
            org.jwt().login(org.session().instanceUrl(), o.user().username(), km.get().consumerKey(), OrgKeys.privateKey(km.get().privateKeyFile()));
            return JwtOutcome.ok(org.session().instanceUrl());
        } catch (JwtBearer.JwtLoginException e) {
            if (e.transientFailure()) {
                // The org was unreachable or busy through every retry: that says nothing about the app's setup, so it
                // is a failed run (exit 1, Salesforce's error named), never a jwt.login finding (exit 3).
                throw e;
            }
            return JwtOutcome.failed(e.error(), e.description());
        }
    }
}
