package dev.warden.runner.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.runner.cli.Main;
import dev.warden.runner.salesforce.ApiBudget;
import dev.warden.runner.salesforce.CallCounter;
import dev.warden.runner.salesforce.SalesforceException;
import dev.warden.runner.salesforce.Session;
import dev.warden.runner.salesforce.soap.SoapMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real local org on loopback, the real sf CLI logged in to it under a private HOME (alias {@code it}), and the
 * runner's command line run in process against it, exactly as a user would (only over HTTP and sf).
 */
final class LocalOrgHarness implements AutoCloseable {
    static final String ALIAS = "it";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT =
            Path.of(System.getProperty("warden.root", "../..")).toAbsolutePath().normalize();
    static final Path SF = ROOT.resolve("scripts/lib/sf");

    final LocalOrg org;
    final Path tmp;
    final Path sfHome;
    final Path projectDir;
    final Path wardenHome;
    private final HttpClient http = HttpClient.newHttpClient();

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exit + "): " + out + "\n" + err, e);
            }
        }
    }

    /** Starts the org and logs sf in; skips the test class when this build has no local org server or no sf. */
    static LocalOrgHarness start(Path tmp) throws Exception {
        return start(tmp, LocalOrgOptions.defaults());
    }

    static LocalOrgHarness start(Path tmp, LocalOrgOptions options) throws Exception {
        assumeTrue(
                Files.exists(ROOT.resolve(".tools/node_modules/@salesforce/cli")),
                "pinned sf CLI not installed (scripts/setup)");
        LocalOrg org;
        try {
            org = LocalOrg.start(options);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "local org server not in this build: " + e.getMessage());
            throw e;
        }
        LocalOrgHarness h = new LocalOrgHarness(org, tmp);
        h.sf(
                Map.of("SF_ACCESS_TOKEN", org.adminAccessToken()),
                "org",
                "login",
                "access-token",
                "--instance-url",
                org.instanceUrl(),
                "--no-prompt",
                "--alias",
                ALIAS);
        return h;
    }

    private LocalOrgHarness(LocalOrg org, Path tmp) throws IOException {
        this.org = org;
        this.tmp = tmp;
        this.sfHome = Files.createDirectories(tmp.resolve("sf-home"));
        this.projectDir = Files.createDirectories(tmp.resolve("project"));
        this.wardenHome = Files.createDirectories(tmp.resolve("warden-home"));
    }

    /** Runs {@code warden args...} in process with the pinned sf, the private sf home and a private key store. */
    Run warden(String... args) {
        System.setProperty("warden.sf", SF.toString());
        System.setProperty("warden.sf.home", sfHome.toString());
        System.setProperty("warden.project.dir", projectDir.toString());
        System.setProperty("warden.home", wardenHome.toString());
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            for (String p : List.of("warden.sf", "warden.sf.home", "warden.project.dir", "warden.home")) {
                System.clearProperty(p);
            }
        }
    }

    /** The real sf CLI, private HOME, {@code --json}; returns the envelope. */
    JsonNode sf(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SF.toString()));
        cmd.addAll(List.of(args));
        cmd.add("--json");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        pb.environment().put("HOME", sfHome.toString());
        // The key in this home's own key.json, never the machine's keychain (shared by every home).
        pb.environment().put("SF_USE_GENERIC_UNIX_KEYCHAIN", "true");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sf " + String.join(" ", args) + " timed out");
        }
        JsonNode env2 = JSON.readTree(out);
        if (env2.path("status").asInt() != 0) {
            throw new AssertionError("sf " + String.join(" ", args) + " failed: " + env2);
        }
        return env2;
    }

    /** An HTTP call as the admin (REST or /_local), body as JSON. */
    JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(org.instanceUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + org.adminAccessToken())
                .header("Content-Type", "application/json");
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    List<JsonNode> query(String soql) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        call("GET", "/services/data/v65.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null)
                .path("records")
                .forEach(out::add);
        return out;
    }

    String id(String soql) throws Exception {
        List<JsonNode> rows = query(soql);
        return rows.isEmpty() ? null : rows.get(0).path("Id").asText();
    }

    void reset() throws Exception {
        call("POST", "/_local/reset", null);
        call("DELETE", "/_local/faults", null);
    }

    /** Until the Metadata deploy lands, the package's permission sets are created as records (the API allows it). */
    void seedPackagePermissionSets() throws Exception {
        for (String ps : List.of(
                "Warden_Integration",
                "Warden_Query_All_Files",
                "Warden_Scanner_Access",
                "Warden_Connect_Approval",
                "Warden_Admin")) {
            if (id("SELECT Id FROM PermissionSet WHERE Name = '" + ps + "'") == null) {
                call(
                        "POST",
                        "/services/data/v65.0/sobjects/PermissionSet",
                        Map.of("Name", ps, "Label", ps.replace('_', ' ')));
            }
        }
    }

    /** True when the org answers the Metadata SOAP API (readMetadata), which the app and network steps need. */
    boolean metadataAvailable() {
        try {
            new SoapMetadata(
                            new Session(org.instanceUrl(), org.adminAccessToken(), org.adminUsername(), org.orgId()),
                            new ApiBudget(0),
                            new CallCounter(),
                            s -> {})
                    .network(null);
            return true;
        } catch (SalesforceException e) {
            return false;
        }
    }

    /** Copies force-app and sfdx-project.json into the private project dir, so deploys run on the real package. */
    void copyPackage() throws IOException {
        Files.copy(
                ROOT.resolve("sfdx-project.json"),
                projectDir.resolve("sfdx-project.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path from = ROOT.resolve("force-app");
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = projectDir
                        .resolve("force-app")
                        .resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    String username() {
        return "warden.scanner@" + org.orgId().toLowerCase() + ".warden.invalid";
    }

    @Override
    public void close() {
        org.close();
    }
}
