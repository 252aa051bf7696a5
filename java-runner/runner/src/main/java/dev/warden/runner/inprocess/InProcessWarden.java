package dev.warden.runner.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.runner.cli.Main;
import dev.warden.runner.connect.HeldOrgs;
import dev.warden.runner.salesforce.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code warden} command line run inside this JVM against an org the caller already holds: an instance URL and
 * access token (e.g. a test's embedded org, which is never started twice) or an sf alias. Output is captured.
 *
 * <p>The runner reads its settings (sf binary, sf HOME, project directory, key store) from system properties, so runs
 * are serialized; each run sets only the properties given here and restores them after.
 */
public final class InProcessWarden implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object RUNS = new Object();

    private final String target;
    private final boolean heldHere;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private InProcessWarden(String target, boolean heldHere) {
        this.target = target;
        this.heldHere = heldHere;
    }

    /**
     * An org by instance URL and access token; the user and org id are read from its {@code userinfo} (no API call
     * counted). {@code sfHome}: where sf keeps its login to this org when a command needs sf (a private directory).
     */
    public static InProcessWarden onSession(String instanceUrl, String accessToken, Path sfHome) {
        return new InProcessWarden(HeldOrgs.register(identify(instanceUrl, accessToken), sfHome), true);
    }

    /** An org the user's sf knows by alias or username: resolved by sf, as {@code --target-org} does. */
    public static InProcessWarden onAlias(String alias) {
        if (alias == null || alias.isBlank()) {
            throw new IllegalArgumentException("alias is empty");
        }
        return new InProcessWarden(alias, false);
    }

    /** The sf binary ({@code warden.sf}); default: {@code WARDEN_SF}, else sf on PATH. */
    public InProcessWarden sf(String binary) {
        return set("warden.sf", binary);
    }

    /** The SFDX project whose force-app is deployed ({@code warden.project.dir}); journals go to its {@code .warden/}. */
    public InProcessWarden projectDir(Path dir) {
        return set("warden.project.dir", dir.toAbsolutePath().toString());
    }

    /** Where the JWT key pairs live ({@code warden.home}, default {@code ~/.warden}). */
    public InProcessWarden wardenHome(Path dir) {
        return set("warden.home", dir.toAbsolutePath().toString());
    }

    private InProcessWarden set(String key, String value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
        return this;
    }

    /** What to pass as {@code --target-org}. */
    public String target() {
        return target;
    }

    public record Result(int exit, String out, String err) {
        /** The {@code --json} envelope. */
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new IllegalStateException("warden printed no JSON (exit " + exit + "): " + out + err, e);
            }
        }
    }

    /** Runs {@code warden <command> [args] --target-org <this org>}. */
    public Result run(String command, String... args) {
        List<String> argv = new ArrayList<>(List.of(command.trim().split("\\s+")));
        argv.addAll(List.of(args));
        argv.add("--target-org");
        argv.add(target);
        synchronized (RUNS) {
            Map<String, String> before = new LinkedHashMap<>();
            properties.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
            try {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                        .execute(argv.toArray(String[]::new));
                return new Result(exit, out.toString(), err.toString());
            } finally {
                before.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
    }

    static Session identify(String instanceUrl, String accessToken) {
        String base = instanceUrl.endsWith("/") ? instanceUrl.substring(0, instanceUrl.length() - 1) : instanceUrl;
        var rest = dev.warden.runner.salesforce.rest.RestClient.singleAttempt(
                base, accessToken, 0, Duration.ofSeconds(60));
        JsonNode info;
        try {
            info = rest.get("/services/oauth2/userinfo", "oauth.userinfo");
        } catch (dev.warden.runner.salesforce.SalesforceException e) {
            throw new IllegalArgumentException(
                    base + " refused the access token (" + e.getMessage() + " from userinfo): log in again");
        }
        return new Session(
                base,
                accessToken,
                info.path("preferred_username").asText(),
                info.path("organization_id").asText());
    }

    @Override
    public void close() {
        if (heldHere) {
            HeldOrgs.release(target);
        }
    }
}
