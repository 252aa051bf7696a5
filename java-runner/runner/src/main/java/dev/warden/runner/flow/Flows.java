package dev.warden.runner.flow;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.connect.OrgConnection;
import dev.warden.runner.journal.Journal;
import dev.warden.runner.journal.JournalStore;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.org.MetadataPort;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.RecordsPort;
import dev.warden.runner.plan.Observed;
import dev.warden.runner.plan.PlanException;
import dev.warden.runner.plan.Planner;
import dev.warden.runner.provision.ApplyResult;
import dev.warden.runner.provision.Observer;
import dev.warden.runner.provision.Provisioner;
import dev.warden.runner.salesforce.Session;
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
import java.util.Set;
import java.util.function.Consumer;

/**
 * The stages of the runner, each returning a value: {@link #deploy} → {@link #observe} → {@link #plan} →
 * {@link #apply} → {@link #verify} (→ {@link Smoke}). Commands compose them and put the values into their report;
 * nothing here knows a command or a report.
 */
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

    /**
     * force-app deployed through the Metadata API from Java (or one {@code sf project deploy start} when the tree needs sf), or not at all: with {@code skipWhenUnchanged} the deploy
     * is skipped when force-app is byte-for-byte what this machine last deployed to the org and the org still has the
     * package (the blueprint's permission sets and active triggers), so a second {@code up} changes nothing. The same
     * decision holds for a dry run: {@code up --dry-run} validates only what the real run would deploy.
     */
    public Deployed deploy(Blueprint b, DeployOptions options) {
        if (options.skipWhenUnchanged()) {
            Optional<Map<String, String>> triggers = packageStillThereUnchanged(b);
            if (triggers.isPresent()) {
                progress.accept(
                        "deploy skipped: force-app is unchanged since the last deploy to this org and the package is there");
                return new Deployed(
                        SfDeploy.unchanged("force-app unchanged"),
                        Deployed.Result.Skipped,
                        "force-app unchanged since the last deploy to this org; --force-deploy redeploys",
                        triggers.get());
            }
        }
        SfDeploy.Outcome outcome = deployWithoutSf(options.testLevel(), options.validateOnly());
        if (outcome == null) {
            String target = org.sfTarget();
            progress.accept("deploying force-app with sf" + (options.validateOnly() ? " (dry run: validate only)" : "")
                    + "; this waits for the org");
            outcome = new SfDeploy(org.sf())
                    .deploy(target, "force-app", options.testLevel(), options.validateOnly(), Duration.ofMinutes(30));
        }
        progress.accept("deploy " + (outcome.success() ? "succeeded" : "failed") + " (" + outcome.status() + ")");
        if (!options.validateOnly()) {
            recordDeploy(outcome);
        }
        return Deployed.ran(outcome, options.validateOnly());
    }

    /**
     * force-app converted in Java and deployed through the Metadata API (no sf start-up); null when the tree holds
     * something the converter does not know (then sf deploys it) or {@code WARDEN_DEPLOY_WITH_SF=1} asks for sf.
     */
    private SfDeploy.Outcome deployWithoutSf(String testLevel, boolean dryRun) {
        if ("1".equals(System.getenv("WARDEN_DEPLOY_WITH_SF"))) {
            return null;
        }
        var converted = new dev.warden.runner.salesforce.mdapi.SourceToMdapi(
                        projectDir, dev.warden.runner.salesforce.soap.SoapMetadata.METADATA_API_VERSION)
                .convert("force-app");
        if (converted.converted().isEmpty()) {
            progress.accept("deploying with sf: " + converted.notConvertible());
            return null;
        }
        progress.accept("deploying force-app through the Metadata API" + (dryRun ? " (dry run: validate only)" : "")
                + "; this waits for the org");
        return new dev.warden.runner.salesforce.mdapi.MetadataApiDeploy(org.metadata())
                .deploy(converted.converted().get(), testLevel, dryRun);
    }

    /** The triggers' status when force-app is unchanged since the recorded deploy and the package is there; else empty. */
    private Optional<Map<String, String>> packageStillThereUnchanged(Blueprint b) {
        Path state = deployState();
        try {
            if (!java.nio.file.Files.exists(state)
                    || !sourceHash()
                            .equals(new com.fasterxml.jackson.databind.ObjectMapper()
                                    .readTree(state.toFile())
                                    .path("sourceHash")
                                    .asText())) {
                return Optional.empty();
            }
        } catch (java.io.IOException e) {
            progress.accept("ignoring unreadable " + state + ": " + e.getMessage());
            return Optional.empty();
        }
        RecordsPort records = org.records();
        Set<String> sets = new java.util.LinkedHashSet<>(b.desiredPermissionSets());
        if (b.approval() != null) {
            sets.add(b.approval().permissionSet());
        }
        boolean setsThere = records.permissionSets(sets).keySet().containsAll(sets);
        Map<String, String> triggers =
                b.packageTriggers().isEmpty() ? Map.of() : records.triggerStatus(b.packageTriggers());
        boolean triggersThere = b.packageTriggers().stream().allMatch(t -> "Active".equals(triggers.get(t)));
        return setsThere && triggersThere ? Optional.of(triggers) : Optional.empty();
    }

    private Path deployState() {
        return projectDir.resolve(".warden").resolve("deploy-" + org.orgId() + ".json");
    }

    /** Remembers a successful deploy of this force-app to the org, so the next {@code up} can skip an unchanged one. */
    private void recordDeploy(SfDeploy.Outcome outcome) {
        if (!outcome.success() || outcome.deployId() == null) {
            return;
        }
        Path state = deployState();
        try {
            java.nio.file.Files.createDirectories(state.getParent());
            java.nio.file.Files.writeString(
                    state,
                    "{\"sourceHash\":\"" + sourceHash() + "\",\"deployId\":\"" + outcome.deployId()
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

    /** Reads the org: integration user, assignments, app, network (four concurrent lanes). */
    public Observation observe(Blueprint b) {
        progress.accept("reading the org: integration user, assignments, app, network");
        Observer observer = new Observer(org.records(), org.metadata(), org.appUsage(), keys);
        Observed o = observer.observe(b, org.orgId());
        return new Observation(o, observer.warnings());
    }

    /**
     * The ordered steps from the observed org to the blueprint. Reads the journal once (a fresh embedded org is new on
     * every run: an old journal of it describes an org that no longer exists, so none is read); an unfinished license
     * switch is refused unless resuming.
     */
    public Planned plan(Blueprint b, Observation o, boolean resume) {
        Journal journal = !org.persistent()
                ? null
                : journals().load(org.orgId(), b.usernameFor(org.orgId())).orElse(null);
        if (journal != null && journal.switchUnfinished() && !resume) {
            throw new PlanException(
                    "a previous provision left the license switch of " + journal.username() + " unfinished ("
                            + journal.switchState() + "; journal " + journals().file(org.orgId(), journal.username())
                            + "); run warden provision --resume"
                            + " to continue from its snapshot");
        }
        return new Planned(new Planner().plan(b, o.observed(), journal), o, journal, resume);
    }

    /** Applies the plan with a journal; reads the org again after writing (verify checks that state). */
    public Applied apply(Blueprint b, Planned planned) {
        if (planned.plan().isEmpty()) {
            progress.accept("nothing to provision: the org matches the blueprint");
            return new Applied(new ApplyResult(List.of(), List.of()), planned.from());
        }
        RecordsPort records = org.records();
        MetadataPort metadata = org.metadata();
        Provisioner p =
                new Provisioner(records, metadata, org.appUsage(), keys, journals(), Clock.systemUTC(), progress);
        ApplyResult result = p.apply(planned.plan(), planned.resume() ? planned.journal() : null);
        return new Applied(result, observe(b));
    }

    /**
     * The checks on the observed state: the integration user's JWT login (its session is kept for the smoke stage),
     * the package triggers (reused from the deploy stage when it read them), the API budget.
     */
    public Verified verify(Blueprint b, Observation state, Deployed deployed) {
        JwtLogin jwt = jwtLogin(b, state.observed());
        Map<String, String> triggers = deployed != null && deployed.triggerStatus() != null
                ? deployed.triggerStatus()
                : b.packageTriggers().isEmpty() ? Map.of() : org.records().triggerStatus(b.packageTriggers());
        OrgModel.ApiUsage usage = org.budget()
                .lastUsage()
                .map(u -> new OrgModel.ApiUsage(u[0], u[1]))
                .orElseGet(org.records()::apiUsage);
        int reserve = org.budget().reservePercent();
        List<Check> checks =
                new Verifier().verify(new Verifier.Input(b, state.observed(), jwt.outcome(), triggers, usage, reserve));
        return new Verified(checks, jwt.session());
    }

    /** The integration user's JWT login: the outcome verify checks, and the session on success. */
    private JwtLogin jwtLogin(Blueprint b, Observed o) {
        if (b.app() == null) {
            return JwtLogin.not(JwtOutcome.skipped("the blueprint has no app"));
        }
        if (o.user() == null) {
            return JwtLogin.not(JwtOutcome.skipped("no integration user"));
        }
        if (!b.app().generatesCertificate()) {
            return JwtLogin.not(JwtOutcome.skipped("the vendor holds the private key of "
                    + b.app().certificate() + "; test the login from the vendor side"));
        }
        Optional<OrgKeys.KeyMaterial> km = keys.load(org.orgId());
        if (km.isEmpty()) {
            return JwtLogin.not(JwtOutcome.skipped("no key pair for org " + org.orgId() + " on this machine ("
                    + keys.dir(org.orgId()) + "); run warden provision"));
        }
        progress.accept("logging in as " + o.user().username() + " by JWT bearer");
        try {
            Session s = org.jwt()
                    .login(
                            org.session().instanceUrl(),
                            o.user().username(),
                            km.get().consumerKey(),
                            OrgKeys.privateKey(km.get().privateKeyFile()));
            return new JwtLogin(JwtOutcome.ok(org.session().instanceUrl()), s);
        } catch (JwtBearer.JwtLoginException e) {
            if (e.transientFailure()) {
                // The org was unreachable or busy through every retry: that says nothing about the app's setup, so it
                // is a failed run (exit 1, Salesforce's error named), never a jwt.login finding (exit 3).
                throw e;
            }
            return JwtLogin.not(JwtOutcome.failed(e.error(), e.description()));
        }
    }

    private record JwtLogin(JwtOutcome outcome, Session session) {
        static JwtLogin not(JwtOutcome o) {
            return new JwtLogin(o, null);
        }
    }
}
