package dev.warden.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.inprocess.InProcessWarden;
import dev.warden.runner.keys.OrgKeys;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.auth.JwtBearer;
import dev.warden.runner.salesforce.rest.RestClient;
import dev.warden.runner.salesforce.rest.RestQuarantineApi;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * The org a test got ({@link WardenTest}), as one user: the admin, or whoever {@link #runAs} logged in. Everything
 * its clients create is deleted after the test (or after the class, for {@code @BeforeAll}).
 */
public final class TestOrg {
    /** Apex REST and file downloads use the package's API version, as the runner's quarantine flow does. */
    static final String APEX_API_VERSION = "62.0";

    private final OrgHolder holder;
    private final Session session;
    private final Cleanup cleanup;
    private final RestClient rest;

    TestOrg(OrgHolder holder, Session session, Cleanup cleanup) {
        this.holder = holder;
        this.session = session;
        this.cleanup = cleanup;
        this.rest = holder.rest(session);
    }

    /** True for the embedded local org, false for a real org named by {@code warden.targetOrg}. */
    public boolean embedded() {
        return holder.embedded();
    }

    public String orgId() {
        return session.orgId();
    }

    public String instanceUrl() {
        return session.instanceUrl();
    }

    /** The user this handle acts as. */
    public String username() {
        return session.username();
    }

    /** Who the org says this session is ({@code userinfo}'s {@code preferred_username}; not an API call). */
    public String whoAmI() {
        return rest.get("/services/oauth2/userinfo", "oauth.userinfo")
                .path("preferred_username")
                .asText();
    }

    /** The session (its token is never printed). For your own clients: WSC, jsforce, HTTP. */
    public Session session() {
        return session;
    }

    public Records records() {
        return new Records(rest, cleanup);
    }

    public OrgFiles files() {
        return new OrgFiles(rest, quarantineApi(), cleanup);
    }

    public ApexRest apex() {
        return new ApexRest(quarantineApi());
    }

    /** What is deleted after the test; add rows that triggers or Apex made for the test. */
    public Cleanup cleanup() {
        return cleanup;
    }

    /** The embedded org's faults, limits, request log and reset (a real org skips the test that uses them). */
    public LocalOrgControl local() {
        return new LocalOrgControl(holder);
    }

    /** Files and Apex REST through the runner's one REST client, so its calls are counted with the records'. */
    private RestQuarantineApi quarantineApi() {
        return new RestQuarantineApi(rest);
    }

    /**
     * This org as {@code username}, logged in by JWT bearer with the key pair Warden's provision made for this org
     * (the blueprint's app): the integration user, or a user the test created and pre-authorized for the app (the
     * {@code Warden_Scanner_Access} permission set). Shares this test's cleanup.
     */
    public TestOrg runAs(String username) {
        OrgKeys keys = new OrgKeys(holder.wardenHome);
        OrgKeys.KeyMaterial km = keys.load(session.orgId())
                .orElseThrow(
                        () -> new WardenTestException(
                                "runAs(" + username + "): no JWT key for " + holder.describe()
                                        + " on this machine; provision a blueprint first (@WardenTest(blueprint = \"builtin:warden\"))"));
        Session as = new JwtBearer(holder.http, holder.budget, holder.counter, holder.retry)
                .login(session.instanceUrl(), username, km.consumerKey(), OrgKeys.privateKey(km.privateKeyFile()));
        return new TestOrg(holder, new Session(as.instanceUrl(), as.accessToken(), username, session.orgId()), cleanup);
    }

    /** This org as the blueprint's integration user (JWT). */
    public TestOrg runAsIntegrationUser() {
        return runAs(holder.blueprint().usernameFor(session.orgId()));
    }

    /** Runs {@code warden <command> [args]} in process on this org (as its admin), e.g. {@code warden("scan", "--once")}. */
    public InProcessWarden.Result warden(String command, String... args) {
        return holder.warden.run(command, args);
    }

    /** Deploys {@code force-app} of another SFDX project directory to this org (one sf deploy, Warden's own deploy). */
    public void deploy(Path projectDir) {
        Path dir = holder.embedded()
                ? OrgHolder.copyProject(projectDir, holder.tmp.resolve("deploy-" + System.nanoTime()))
                : projectDir;
        try (InProcessWarden w = InProcessWarden.onAlias(holder.warden.target())
                .sf(holder.settings.sfBinary())
                .projectDir(dir)) {
            InProcessWarden.Result r = w.run("deploy", "--json");
            if (r.exit() != 0) {
                throw new AssertionFailedError("deploy of " + projectDir + " failed: "
                        + r.json().path("message").asText(r.err()) + " "
                        + r.json().path("result").path("deploy").path("failures"));
            }
        }
    }

    /** Warden's {@code verify} of the blueprint on this org: the checks as JSON ({@code id}, {@code status}, {@code evidence}, …). */
    public JsonNode verify() {
        return holder.warden
                .run("verify", "--json", "--blueprint", blueprintLocation())
                .json();
    }

    /** Fails with every failing check (id, evidence, remediation) unless Warden's {@code verify} passes. */
    public void assertVerified() {
        JsonNode env = verify();
        if (env.path("status").asInt() != 0) {
            StringBuilder b = new StringBuilder("warden verify on " + holder.describe() + ": "
                    + env.path("message").asText());
            env.path("result").path("checks").forEach(c -> {
                if ("FAIL".equals(c.path("status").asText())) {
                    b.append("\n  ")
                            .append(c.path("id").asText())
                            .append(": ")
                            .append(c.path("evidence").asText())
                            .append(" -> ")
                            .append(c.path("remediation").asText());
                }
            });
            throw new AssertionFailedError(b.toString());
        }
    }

    private String blueprintLocation() {
        return holder.settings.blueprint() == null
                ? dev.warden.runner.blueprint.BlueprintLoader.DEFAULT_BLUEPRINT
                : holder.settings.blueprint();
    }

    /** The API calls the org counted while {@code code} ran (see {@link ApiCalls} for real orgs). */
    public ApiCalls apiCalls(ApiCalls.Code code) throws Exception {
        if (holder.embedded()) {
            LocalOrgControl local = local();
            Map<String, Long> before = local.requests().counts();
            code.run();
            Map<String, Long> after = local.requests().counts();
            Map<String, Long> delta = new HashMap<>();
            long total = 0;
            for (String api : List.of("rest", "soapPartner", "soapMetadata", "apexRest")) {
                long d = after.getOrDefault(api, 0L) - before.getOrDefault(api, 0L);
                delta.put(api, d);
                total += d;
            }
            return new ApiCalls(total, Map.copyOf(delta), true);
        }
        long before = holder.counter.total("rest.");
        code.run();
        return new ApiCalls(holder.counter.total("rest.") - before, Map.of(), false);
    }

    @Override
    public String toString() {
        return "TestOrg[" + username() + " on " + holder.describe() + "]";
    }
}
