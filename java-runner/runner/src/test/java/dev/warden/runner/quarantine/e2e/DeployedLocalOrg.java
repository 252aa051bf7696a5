package dev.warden.runner.quarantine.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.localorg.LocalOrg;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.runner.quarantine.api.QuarantineApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The embedded local org with force-app deployed through the real sf CLI (private HOME). The admin uploads, scans
 * and restores: it holds Warden_Admin and a test permission set with only Warden_Submit_Verdicts. It must not hold
 * Warden_Integration, whose Warden_Bypass_Capture would keep its own uploads from being captured. Started once.
 */
final class DeployedLocalOrg {
    static final ObjectMapper JSON = new ObjectMapper();
    private static DeployedLocalOrg instance;
    private static String unavailable;

    final LocalOrg org;
    final Path root;
    final HttpClient http = HttpClient.newHttpClient();

    private DeployedLocalOrg(LocalOrg org, Path root) {
        this.org = org;
        this.root = root;
    }

    static synchronized DeployedLocalOrg get() throws Exception {
        Assumptions.assumeTrue(unavailable == null, () -> unavailable);
        if (instance == null) {
            LocalOrg org;
            try {
                org = LocalOrg.start(LocalOrgOptions.defaults());
            } catch (UnsupportedOperationException e) {
                Assumptions.abort("the embedded local org cannot start yet: " + e.getMessage());
                return null;
            }
            Path root = Path.of(System.getProperty("warden.root", "../.."));
            DeployedLocalOrg d = new DeployedLocalOrg(org, root);
            try {
                d.deployPackage();
            } catch (MetadataApiMissing e) {
                org.close();
                unavailable = e.getMessage();
                Assumptions.abort(unavailable);
            }
            d.grantSubmitVerdictsToAdmin();
            d.assignToAdmin("Warden_Admin");
            instance = d;
            Runtime.getRuntime().addShutdownHook(new Thread(org::close));
        }
        return instance;
    }

    static final class MetadataApiMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MetadataApiMissing(String message) {
            super(message);
        }
    }

    QuarantineApi api() {
        return dev.warden.runner.salesforce.rest.RestQuarantineApi.connect(
                org.instanceUrl(), org.adminAccessToken(), 10);
    }

    private void deployPackage() throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("warden-e2e-sf-home");
        sf(
                home,
                Map.of("SF_ACCESS_TOKEN", org.adminAccessToken()),
                "org",
                "login",
                "access-token",
                "--instance-url",
                org.instanceUrl(),
                "--no-prompt",
                "--alias",
                "warden-e2e");
        sf(
                home,
                Map.of(),
                "project",
                "deploy",
                "start",
                "--source-dir",
                root.resolve("force-app").toString(),
                "--target-org",
                "warden-e2e",
                "--wait",
                "10",
                "--json");
    }

    private void sf(Path home, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("scripts/lib/sf").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        // The key in this home's own key.json, never the machine's keychain (shared by every home).
        pb.environment().put("SF_USE_GENERIC_UNIX_KEYCHAIN", "true");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            String text = new String(out, StandardCharsets.UTF_8);
            if (text.contains("ERROR_HTTP_404") && args[0].equals("project")) {
                throw new MetadataApiMissing(
                        "the local org has no Metadata API endpoint yet, so force-app cannot be deployed"
                                + " with sf; the end-to-end quarantine tests need it");
            }
            throw new IllegalStateException("sf " + String.join(" ", args).replace(org.adminAccessToken(), "***")
                    + " failed: " + text.substring(0, Math.min(2000, text.length())));
        }
    }

    private void grantSubmitVerdictsToAdmin() {
        QuarantineApi api = api();
        ObjectNode ps = JSON.createObjectNode();
        ps.putObject("attributes").put("type", "PermissionSet");
        ps.put("Name", "Warden_E2E_Verdicts");
        ps.put("Label", "Warden E2E Verdicts");
        QuarantineApi.SaveResult created = api.create(List.of(ps)).get(0);
        assertEquals(true, created.success(), created.errorCode() + " " + created.message());
        String permission = api.query("SELECT Id FROM CustomPermission WHERE DeveloperName = 'Warden_Submit_Verdicts'")
                .get(0)
                .path("Id")
                .asText();
        ObjectNode sea = JSON.createObjectNode();
        sea.putObject("attributes").put("type", "SetupEntityAccess");
        sea.put("ParentId", created.id());
        sea.put("SetupEntityId", permission);
        QuarantineApi.SaveResult granted = api.create(List.of(sea)).get(0);
        assertEquals(true, granted.success(), granted.errorCode() + " " + granted.message());
        assignToAdmin("Warden_E2E_Verdicts");
    }

    private void assignToAdmin(String permissionSet) {
        QuarantineApi api = api();
        String psId = api.query("SELECT Id FROM PermissionSet WHERE Name = '" + permissionSet + "'")
                .get(0)
                .path("Id")
                .asText();
        String userId = api.userId();
        if (!api.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                        + "' AND PermissionSetId = '" + psId + "'")
                .isEmpty()) {
            return;
        }
        ObjectNode psa = JSON.createObjectNode();
        psa.putObject("attributes").put("type", "PermissionSetAssignment");
        psa.put("AssigneeId", userId);
        psa.put("PermissionSetId", psId);
        QuarantineApi.SaveResult r = api.create(List.of(psa)).get(0);
        assertEquals(true, r.success(), "assigning " + permissionSet + ": " + r.errorCode() + " " + r.message());
    }

    /** Calls an admin endpoint ({@code /_local/...}). */
    JsonNode admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(org.instanceUrl() + path))
                .header("Authorization", "Bearer " + org.adminAccessToken())
                .header("Content-Type", "application/json");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** Removes what earlier tests left: scan requests, quarantine items, files. Nothing else is shared between tests. */
    void clearQuarantineData() {
        QuarantineApi api = api();
        List<String> ids = new ArrayList<>();
        api.query("SELECT Id FROM Quarantine_Item__c")
                .forEach(r -> ids.add(r.path("Id").asText()));
        api.query("SELECT Id FROM Scan_Request__c")
                .forEach(r -> ids.add(r.path("Id").asText()));
        api.query("SELECT Id FROM ContentDocument")
                .forEach(r -> ids.add(r.path("Id").asText()));
        if (!ids.isEmpty()) {
            api.delete(ids);
        }
    }
}
