package dev.warden.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.blueprint.BlueprintLoader;
import dev.warden.runner.inprocess.InProcessWarden;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.OrgKind;
import dev.warden.runner.salesforce.RetryPolicy;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.rest.RestClient;
import dev.warden.runner.salesforce.sfcli.SfCli;
import dev.warden.runner.salesforce.sfcli.SfCliException;
import dev.warden.runner.salesforce.sfcli.SfOrgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One org for a scope (a test class, or the JVM): the embedded org this holder started, or a real org sf knows by
 * alias; the admin session, the runner's clients on it, and the in-process {@code warden} bound to it. Closing it
 * stops an embedded org and removes its private sf home and keys; a real org is left as it is.
 */
@SuppressWarnings(
        "deprecation") // CloseableResource: JUnit before 5.13 closes only those; 5.13+ closes AutoCloseable (once)
final class OrgHolder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the test asked for; {@code targetOrg} null = embedded. */
    record Settings(
            String targetOrg,
            String sfBinary,
            Path sfHome,
            String project,
            String blueprint,
            boolean allowProduction,
            boolean embeddedAsProduction) {}

    final Settings settings;
    final LocalOrg local;
    final Session admin;
    final Path tmp;
    final Path wardenHome;
    final InProcessWarden warden;
    final CallCounter counter = new CallCounter();
    /** Never stops a call: a test wants the org's own REQUEST_LIMIT_EXCEEDED, not the runner's reserve. */
    final ApiBudget budget = ApiBudget.observeOnly();

    final HttpClient http = RestClient.defaultHttpClient();
    final Consumer<String> progress = line -> System.err.println("[warden-test] " + line);
    final RetryPolicy retry = RetryPolicy.standard(counter, progress);
    final RestClient adminRest;

    private OrgHolder(
            Settings settings, LocalOrg local, Session admin, Path tmp, Path wardenHome, InProcessWarden warden) {
        this.settings = settings;
        this.local = local;
        this.admin = admin;
        this.tmp = tmp;
        this.wardenHome = wardenHome;
        this.warden = warden;
        this.adminRest = rest(admin);
    }

    RestClient rest(Session session) {
        return new RestClient(http, session, budget, counter, Duration.ofSeconds(120), retry);
    }

    boolean embedded() {
        return local != null;
    }

    /** For messages: "the embedded org 00D…" or "org 'alias' (00D…)". */
    String describe() {
        return embedded()
                ? "the embedded local org " + admin.orgId()
                : "org '" + settings.targetOrg() + "' (" + admin.orgId() + ")";
    }

    static OrgHolder open(Settings s) {
        RetryPolicy.ownTheRetries();
        OrgHolder h = s.targetOrg() == null ? embedded(s) : real(s);
        try {
            h.refuseProduction();
            h.prepare();
            return h;
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
    }

    private static OrgHolder embedded(Settings s) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("warden-test-");
            Files.createDirectories(tmp.resolve("sf-home"));
            Files.createDirectories(tmp.resolve("warden-home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalOrg org = LocalOrg.start(new LocalOrgOptions(0, false, null, null, s.embeddedAsProduction()));
        Path project = s.project() == null
                ? mkdirs(tmp.resolve("project"))
                : WardenTest.WARDEN_PACKAGE.equals(s.project())
                        ? dev.warden.pkg.WardenPackage.extractTo(tmp.resolve("project"))
                        : copyProject(Path.of(s.project()), tmp.resolve("project"));
        InProcessWarden w = InProcessWarden.onSession(org.instanceUrl(), org.adminAccessToken(), tmp.resolve("sf-home"))
                .sf(s.sfBinary())
                .wardenHome(tmp.resolve("warden-home"))
                .projectDir(project);
        Session admin = new Session(org.instanceUrl(), org.adminAccessToken(), org.adminUsername(), org.orgId());
        return new OrgHolder(s, org, admin, tmp, tmp.resolve("warden-home"), w);
    }

    /** An alias sf did not know fails every later class of the run at once, with the same sentence (no second sf call). */
    private static final Map<String, WardenTestException> UNRESOLVED = new java.util.concurrent.ConcurrentHashMap<>();

    private static OrgHolder real(Settings s) {
        WardenTestException known = UNRESOLVED.get(s.targetOrg() + "|" + s.sfHome());
        if (known != null) {
            throw new WardenTestException(known.getMessage());
        }
        try {
            return resolve(s);
        } catch (WardenTestException e) {
            UNRESOLVED.put(s.targetOrg() + "|" + s.sfHome(), e);
            throw e;
        }
    }

    private static OrgHolder resolve(Settings s) {
        SfCli sf = new SfCli(
                s.sfBinary(),
                s.sfHome() == null ? Map.of() : Map.of("HOME", s.sfHome().toString()),
                Path.of(".").toAbsolutePath().normalize(),
                new CallCounter(),
                line -> {});
        Session admin;
        try {
            admin = new SfOrgs(sf).display(s.targetOrg());
        } catch (SfCliException e) {
            String why = e.getMessage().replaceFirst("^[^:]*: ", "");
            if (e.isUnknownOrg()) {
                throw new WardenTestException("warden.targetOrg=" + s.targetOrg() + ": sf knows no such org (" + why
                        + "); log in with `sf org login web --alias " + s.targetOrg()
                        + "`, or leave warden.targetOrg unset to use the embedded local org");
            }
            throw new WardenTestException("warden.targetOrg=" + s.targetOrg() + ": sf could not resolve it: " + why);
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("warden-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path project = s.project() == null
                ? mkdirs(tmp.resolve("project"))
                : WardenTest.WARDEN_PACKAGE.equals(s.project())
                        ? dev.warden.pkg.WardenPackage.extractTo(tmp.resolve("project"))
                        : Path.of(s.project()).toAbsolutePath().normalize();
        InProcessWarden w =
                InProcessWarden.onAlias(s.targetOrg()).sf(s.sfBinary()).projectDir(project);
        // A real org's JWT keys are the user's own (~/.warden or WARDEN_HOME), where `warden provision` put them.
        String home = System.getProperty("warden.home", System.getenv("WARDEN_HOME"));
        return new OrgHolder(
                s,
                null,
                admin,
                tmp,
                home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".warden") : Path.of(home),
                w);
    }

    private void refuseProduction() {
        if (settings.allowProduction()) {
            return;
        }
        OrgKind kind = OrgKind.read(adminRest::query);
        if (kind.production()) {
            throw new WardenTestException(
                    describe() + " is " + kind.describe() + ": warden-test writes and deletes test data, so it refuses"
                            + " production orgs; use a sandbox or scratch org, or set @WardenTest(allowProduction = true) or -Dwarden.allowProduction=true");
        }
    }

    /** The deploy and the blueprint the test class asked for, by Warden's own commands in process. */
    private void prepare() {
        if (settings.project() != null) {
            progress.accept("deploying " + settings.project() + " to " + describe());
            must(warden.run("deploy", "--json"), "deploy of " + settings.project() + "/force-app");
        }
        if (settings.blueprint() != null) {
            progress.accept("provisioning " + settings.blueprint() + " on " + describe());
            must(
                    warden.run("provision", "--json", "--blueprint", settings.blueprint()),
                    "provision of " + settings.blueprint());
        }
    }

    private static void must(InProcessWarden.Result r, String what) {
        if (r.exit() != 0) {
            String why;
            try {
                JsonNode env = r.json();
                why = env.path("message").asText("exit " + r.exit()) + failures(env);
            } catch (IllegalStateException e) {
                why = "exit " + r.exit() + ": " + r.err().strip();
            }
            throw new WardenTestException(what + " failed: " + why);
        }
    }

    private static String failures(JsonNode env) {
        StringBuilder b = new StringBuilder();
        env.path("result")
                .path("deploy")
                .path("failures")
                .forEach(f -> b.append("\n  ")
                        .append(f.path("fileName").asText())
                        .append(':')
                        .append(f.path("line").asInt())
                        .append(' ')
                        .append(f.path("problem").asText()));
        return b.toString();
    }

    Blueprint blueprint() {
        return new BlueprintLoader()
                .load(settings.blueprint() == null ? BlueprintLoader.DEFAULT_BLUEPRINT : settings.blueprint());
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An embedded org's deploy runs from a copy of the project's {@code sfdx-project.json} and {@code force-app}, so
     * the runner's journals for throw-away orgs never land in the user's project.
     */
    static Path copyProject(Path from, Path to) {
        Path src = from.toAbsolutePath().normalize();
        if (!Files.isRegularFile(src.resolve("sfdx-project.json"))) {
            throw new WardenTestException("@WardenTest(project = \"" + from + "\"): " + src
                    + " is not an SFDX project (no sfdx-project.json)");
        }
        if (!Files.isDirectory(src.resolve("force-app"))) {
            throw new WardenTestException(
                    "@WardenTest(project = \"" + from + "\"): " + src + " has no force-app directory");
        }
        try {
            Files.createDirectories(to);
            Files.copy(src.resolve("sfdx-project.json"), to.resolve("sfdx-project.json"));
            Path forceApp = src.resolve("force-app");
            try (Stream<Path> files = Files.walk(forceApp)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = to.resolve("force-app")
                            .resolve(forceApp.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        warden.close();
        if (local != null) {
            local.close();
        }
        if (tmp != null) {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir holding only throw-away auth of an org that no longer exists
            }
        }
    }
}
