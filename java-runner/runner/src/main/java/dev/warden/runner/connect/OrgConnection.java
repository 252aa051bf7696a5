package dev.warden.runner.connect;

import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.ReconcilingRecords;
import dev.warden.runner.salesforce.RetryPolicy;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.auth.JwtBearer;
import dev.warden.runner.salesforce.rest.LocalOrgAdmin;
import dev.warden.runner.salesforce.rest.RestClient;
import dev.warden.runner.salesforce.rest.RestRecords;
import dev.warden.runner.salesforce.sfcli.SfAuthFiles;
import dev.warden.runner.salesforce.sfcli.SfCli;
import dev.warden.runner.salesforce.sfcli.SfCliException;
import dev.warden.runner.salesforce.sfcli.SfOrgs;
import dev.warden.runner.salesforce.soap.SoapMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One org the runner works on: the admin session (from sf, or from the embedded org it started), and the adapters
 * on it. For the embedded org, sf gets a private HOME (a temp dir removed at close), so the user's own sf auth is
 * never touched; sf is logged in lazily, only when a command needs sf (deploy).
 */
public final class OrgConnection implements AutoCloseable {
    public static final String LOCAL = "local";
    public static final String LOCAL_ALIAS = "warden-local";

    private final String target;
    private final Session session;
    private final LocalOrg localOrg;
    private final Path privateSfHome;
    private final SfCli sf;
    private final CallCounter counter;
    private final ApiBudget budget;
    private final java.net.http.HttpClient http = RestClient.defaultHttpClient();
    private final Consumer<String> progress;
    private final RetryPolicy retry;
    private boolean sfLoggedIn;
    private RestClient rest;
    private SoapMetadata metadata;

    private OrgConnection(
            String target,
            Session session,
            LocalOrg localOrg,
            Path privateSfHome,
            SfCli sf,
            CallCounter counter,
            ApiBudget budget,
            Consumer<String> progress) {
        this.target = target;
        this.session = session;
        this.localOrg = localOrg;
        this.privateSfHome = privateSfHome;
        this.sf = sf;
        this.counter = counter;
        this.budget = budget;
        this.progress = progress;
        this.retry = RetryPolicy.standard(counter, progress);
        this.sfLoggedIn = localOrg == null;
    }

    private static final Map<Path, Thread> SHUTDOWN_HOOKS = new java.util.concurrent.ConcurrentHashMap<>();

    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // already gone, or a temp dir left behind holding only the embedded org's throw-away auth
        }
    }

    /** {@code local} or null starts the embedded org; anything else is an sf alias or username. */
    public static OrgConnection open(
            String targetOrg, SfCli sf, CallCounter counter, ApiBudget budget, Consumer<String> progress) {
        OrgConnection held = dev.warden.runner.connect.HeldOrgs.open(targetOrg, sf, counter, budget, progress);
        if (held != null) {
            return held;
        }
        if (targetOrg == null || targetOrg.isBlank() || LOCAL.equals(targetOrg)) {
            progress.accept("starting the embedded local org");
            LocalOrg org;
            try {
                org = LocalOrg.start(new LocalOrgOptions(0, false, null, localOrgState()));
            } catch (UnsupportedOperationException e) {
                throw new IllegalStateException("the embedded local org is not available in this build ("
                        + e.getMessage() + "); pass --target-org <alias> for a real org");
            }
            Path home;
            try {
                home = Files.createTempDirectory("warden-sf-home");
            } catch (IOException e) {
                org.close();
                throw new UncheckedIOException(e);
            }
            progress.accept("local org at " + org.instanceUrl() + " (org " + org.orgId() + ")");
            injectFaults(org);
            // sf keeps an encrypted token and its key in this HOME: a run stopped by Ctrl-C or SIGTERM removes it too.
            Thread cleanup = new Thread(() -> deleteTree(home), "warden-sf-home-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            SHUTDOWN_HOOKS.put(home, cleanup);
            SfCli privateSf = sf.withEnv(Map.of("HOME", home.toString(), "SF_USE_GENERIC_UNIX_KEYCHAIN", "true"));
            return new OrgConnection(
                    LOCAL,
                    new Session(org.instanceUrl(), org.adminAccessToken(), org.adminUsername(), org.orgId()),
                    org,
                    home,
                    privateSf,
                    counter,
                    budget,
                    progress);
        }
        OrgConnection saved = fromSfFiles(targetOrg, sf, counter, budget, progress);
        if (saved != null) {
            return saved;
        }
        progress.accept("resolving org '" + targetOrg + "' through sf");
        try {
            Session s = new SfOrgs(sf).display(targetOrg);
            return new OrgConnection(targetOrg, s, null, null, sf, counter, budget, progress);
        } catch (SfCliException e) {
            if (e.isUnknownOrg()) {
                throw new BadTargetException("unknown org '" + targetOrg + "': "
                        + e.getMessage().replaceFirst("^[^:]*: ", "") + " (log in with sf org login web --alias "
                        + targetOrg + ", or use --target-org local)");
            }
            throw e;
        }
    }

    /**
     * The session sf saved for the alias or username, read from sf's files without starting sf, and checked with one
     * call, as {@code sf org display} checks it ({@code GET /services/data/vNN.0}); null when the files cannot be read
     * here or the saved token was refused (then {@code sf org display} resolves the org and refreshes the token).
     */
    private static OrgConnection fromSfFiles(
            String targetOrg, SfCli sf, CallCounter counter, ApiBudget budget, Consumer<String> progress) {
        SfAuthFiles.Lookup saved = SfAuthFiles.of(sf).lookup(targetOrg);
        if (saved.session() == null) {
            progress.accept("sf's saved session not read (" + saved.whyNot() + ")");
            return null;
        }
        progress.accept("org '" + targetOrg + "' from sf's saved session ("
                + saved.session().username() + ")");
        OrgConnection c = new OrgConnection(targetOrg, saved.session(), null, null, sf, counter, budget, progress);
        try {
            c.rest().get("/services/data/" + RestClient.API_VERSION, "rest.versionCheck");
            return c;
        } catch (SalesforceException e) {
            if (e.httpStatus() != 401) {
                throw e;
            }
            progress.accept(
                    "sf's saved token for '" + targetOrg + "' was refused (" + e.errorCode() + "); sf refreshes it");
            return null;
        }
    }

    /** An org the caller already holds ({@code inprocess.HeldOrgs}): never started or stopped here; sf logs in lazily as {@code target}. */
    public static OrgConnection held(
            String target,
            Session session,
            SfCli sf,
            CallCounter counter,
            ApiBudget budget,
            Consumer<String> progress) {
        OrgConnection c = new OrgConnection(target, session, null, null, sf, counter, budget, progress);
        c.sfLoggedIn = false;
        return c;
    }

    /**
     * Benchmarks and soaks only: {@code WARDEN_LOCAL_ORG_FAULTS} (a JSON list of fault rules, design.md) is posted to
     * the embedded org's {@code /_local/faults} right after it starts, so a whole run meets seeded faults without sf.
     */
    private static void injectFaults(LocalOrg org) {
        String rules = System.getProperty("warden.localOrgFaults", System.getenv("WARDEN_LOCAL_ORG_FAULTS"));
        if (rules == null || rules.isBlank()) {
            return;
        }
        // Its own counter and budget: the rules are the benchmark's set-up, not calls of the run being measured.
        CallCounter setup = new CallCounter();
        RestClient admin = new RestClient(
                RestClient.defaultHttpClient(),
                new Session(org.instanceUrl(), org.adminAccessToken(), org.adminUsername(), org.orgId()),
                new ApiBudget(0),
                setup,
                Duration.ofSeconds(30),
                RetryPolicy.standard(setup, null));
        try {
            new LocalOrgAdmin(admin).injectFaults(rules);
        } catch (IllegalArgumentException | SalesforceException e) {
            throw new BadTargetException("WARDEN_LOCAL_ORG_FAULTS refused by the local org: " + e.getMessage());
        }
    }

    /**
     * Where the embedded org keeps its records and metadata between runs: {@code WARDEN_LOCAL_ORG_STATE} (environment)
     * or the {@code warden.localOrgState} system property; unset or empty means a fresh org every run. The launcher
     * sets it to {@code .warden/local-org/state.json}, so a second {@code warden up} meets the org the first one left.
     */
    public static Path localOrgState() {
        String v = System.getProperty("warden.localOrgState", System.getenv("WARDEN_LOCAL_ORG_STATE"));
        return v == null || v.isBlank() ? null : Path.of(v);
    }

    /** True when the embedded org outlives this run (its journals then describe this same org). */
    public boolean persistent() {
        return localOrg == null || localOrgState() != null;
    }

    public String target() {
        return target;
    }

    public boolean embedded() {
        return localOrg != null;
    }

    public Session session() {
        return session;
    }

    public String orgId() {
        return session.orgId();
    }

    public CallCounter counter() {
        return counter;
    }

    public ApiBudget budget() {
        return budget;
    }

    /** The one retry policy of this run's Salesforce calls (shared by every adapter on this org). */
    public RetryPolicy retryPolicy() {
        return retry;
    }

    public java.net.http.HttpClient http() {
        return http;
    }

    public synchronized RestClient rest() {
        if (rest == null) {
            rest = new RestClient(http, session, budget, counter, Duration.ofSeconds(120), retry);
        }
        return rest;
    }

    /** A REST client on another session (e.g. the integration user after its JWT login), same budget and counts. */
    public RestClient restAs(Session other) {
        return new RestClient(http, other, budget, counter, Duration.ofSeconds(120), retry);
    }

    private boolean partnerRecords;

    /** Records through the Partner SOAP API instead of REST ({@code --records-api soap}). */
    public OrgConnection usePartnerApiForRecords(boolean soap) {
        this.partnerRecords = soap;
        return this;
    }

    private dev.warden.runner.org.RecordsPort records;

    public synchronized dev.warden.runner.org.RecordsPort records() {
        if (records == null) {
            var adapter = partnerRecords
                    ? new dev.warden.runner.salesforce.soap.PartnerRecords(session, budget, counter, retry)
                    : new RestRecords(rest());
            records = new ReconcilingRecords(adapter, retry.settings().maxAttempts(), progress);
        }
        return records;
    }

    public synchronized SoapMetadata metadata() {
        if (metadata == null) {
            metadata = new SoapMetadata(session, budget, counter, progress, retry);
        }
        return metadata;
    }

    /** Install state of apps: the embedded org's admin endpoint, or manual on real orgs. */
    public dev.warden.runner.org.AppUsagePort appUsage() {
        return isLocalOrg() ? new LocalOrgAdmin(rest()) : dev.warden.runner.org.AppUsagePort.MANUAL;
    }

    /** The embedded org, or a local org reached through an sf alias (loopback host): it has the /_local admin API. */
    public boolean isLocalOrg() {
        if (embedded()) {
            return true;
        }
        String host = java.net.URI.create(session.instanceUrl()).getHost();
        return "127.0.0.1".equals(host)
                || "localhost".equalsIgnoreCase(host)
                || "[::1]".equals(host)
                || "::1".equals(host);
    }

    public JwtBearer jwt() {
        return new JwtBearer(http, budget, counter, retry);
    }

    /** Logs in as the integration user by JWT with this machine's key for the org. */
    public Session loginAs(String username, OrgKeys keys) {
        OrgKeys.KeyMaterial km = keys.load(orgId())
                .orElseThrow(() -> new IllegalStateException(
                        "no key pair for org " + orgId() + " on this machine; run warden provision"));
        return jwt().login(session.instanceUrl(), username, km.consumerKey(), OrgKeys.privateKey(km.privateKeyFile()));
    }

    /** The sf CLI on this org: alias or username to pass as {@code --target-org}; logs sf in to the embedded org once. */
    public synchronized String sfTarget() {
        if (!sfLoggedIn) {
            progress.accept("logging sf in to the embedded org (private sf home)");
            new SfOrgs(sf)
                    .loginAccessToken(
                            session.instanceUrl(), session.accessToken(), localOrg != null ? LOCAL_ALIAS : target);
            sfLoggedIn = true;
        }
        return localOrg != null ? LOCAL_ALIAS : target;
    }

    public SfCli sf() {
        return sf;
    }

    @Override
    public void close() {
        if (localOrg != null) {
            localOrg.close();
        }
        if (privateSfHome != null) {
            deleteTree(privateSfHome);
            Thread hook = SHUTDOWN_HOOKS.remove(privateSfHome);
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }
}
