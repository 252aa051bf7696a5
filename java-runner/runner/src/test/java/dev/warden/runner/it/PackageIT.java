package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's packaging "done means" through the real sf CLI on the local Dev Hub: the Warden package created as a
 * managed package in namespace {@code wdn}, {@code warden package version --code-coverage --promote} builds and
 * releases a 04t with the coverage the local Apex runtime measured, and {@code warden up --package <04t>} installs it
 * for admins only into a scratch org, provisions, verifies and smoke-tests the namespaced package; a second run
 * installs nothing and writes nothing.
 */
class PackageIT {
    @TempDir
    static Path tmp;

    static LocalOrgHarness hub;

    @BeforeAll
    static void start() throws Exception {
        hub = LocalOrgHarness.start(tmp);
        hub.copyPackage();
        Path project = hub.projectDir.resolve("sfdx-project.json");
        ObjectNode json = (ObjectNode) LocalOrgHarness.JSON.readTree(project.toFile());
        json.put("namespace", "wdn");
        json.remove("packageAliases"); // the repository's placeholder id; sf package create writes the real one
        // sf package create over a directory that already names a package rewrote it with "default": false (observed,
        // sf 2.146.3), which version create then refuses; from a plain directory it writes the package keys itself.
        json.putArray("packageDirectories").addObject().put("path", "force-app").put("default", true);
        Files.writeString(project, json.toPrettyString());
        hub.call("POST", "/_local/devhub/namespace", Map.of("prefix", "wdn"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    /** sf in the project directory (package commands read and write its sfdx-project.json). */
    static JsonNode sfInProject(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LocalOrgHarness.SF.toString()));
        cmd.addAll(List.of(args));
        cmd.add("--json");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(hub.projectDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", hub.sfHome.toString());
        // The key in this home's own key.json, never the machine's keychain (shared by every home).
        pb.environment().put("SF_USE_GENERIC_UNIX_KEYCHAIN", "true");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(180, TimeUnit.SECONDS);
        JsonNode env = LocalOrgHarness.JSON.readTree(out);
        assertEquals(0, env.path("status").asInt(), "sf " + String.join(" ", args) + ": " + env);
        return env.path("result");
    }

    @Test
    void versionWithCoverageIsPromotedAndUpInstallsItOnceForAdminsOnly() throws Exception {
        sfInProject(
                "package",
                "create",
                "--name",
                "Warden",
                "--package-type",
                "Managed",
                "--path",
                "force-app",
                "-v",
                LocalOrgHarness.ALIAS);

        System.out.println("sfdx-project.json after package create: "
                + Files.readString(hub.projectDir.resolve("sfdx-project.json")));
        long t0 = System.nanoTime();
        var version = hub.warden(
                "package",
                "version",
                "-v",
                LocalOrgHarness.ALIAS,
                "--code-coverage",
                "--promote",
                "--installation-key-bypass",
                "--json");
        long versionMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, version.exit(), version.out() + version.err());
        JsonNode v = version.json().path("result").path("packageVersion");
        System.out.println("package version (" + versionMs + " ms): " + v + " figures "
                + version.json().path("result").path("figures"));
        String v04t = v.path("subscriberPackageVersionId").asText();
        assertTrue(v04t.startsWith("04t"), v.toString());
        assertEquals(true, v.path("released").asBoolean(), v.toString());
        assertTrue(v.path("codeCoverage").asText().matches("\\d+%"), "a measured figure: " + v);
        assertEquals("passed (>= 75%)", v.path("coverageCheck").asText(), v.toString());

        hub.sf(
                Map.of(),
                "org",
                "create",
                "scratch",
                "-f",
                LocalOrgHarness.ROOT.resolve("config/project-scratch-def.json").toString(),
                "-v",
                LocalOrgHarness.ALIAS,
                "-a",
                "sub",
                "--wait",
                "10");

        long t1 = System.nanoTime();
        var up = hub.warden("up", "--package", v04t, "-o", "sub", "--json");
        long upMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(0, up.exit(), up.out() + up.err());
        JsonNode r = up.json().path("result");
        System.out.println("up --package (" + upMs + " ms): " + r.path("package") + " figures " + r.path("figures"));
        assertEquals(
                "wdn",
                r.path("package").path("namespace").asText(),
                r.path("package").toString());
        assertEquals(true, r.path("package").path("installedNow").asBoolean());
        assertEquals("AdminsOnly", r.path("package").path("securityType").asText());
        for (JsonNode check : r.path("checks")) {
            assertTrue(!"FAIL".equals(check.path("status").asText()), check.toString());
        }

        var again = hub.warden("up", "--package", v04t, "-o", "sub", "--json");
        assertEquals(0, again.exit(), again.out() + again.err());
        JsonNode r2 = again.json().path("result");
        System.out.println("up --package again: " + r2.path("package") + " figures " + r2.path("figures"));
        assertEquals(false, r2.path("package").path("installedNow").asBoolean());
        assertEquals(
                0, r2.path("figures").path("writes").asInt(), r2.path("figures").toString());
        assertEquals(
                0,
                r2.path("figures")
                        .path("callsByKind")
                        .path("sf.package install")
                        .asInt());

        standaloneCommandsFindTheNamespaceInOneCall();
    }

    /**
     * Issue 9: verify, smoke and scan on their own, without --namespace, find the installed package's namespace with
     * one Tooling query of InstalledSubscriberPackage (none when --namespace is given) and pass on the namespaced
     * package. Part of the flow above: it needs the installed, provisioned package, which is slow to make.
     */
    void standaloneCommandsFindTheNamespaceInOneCall() throws Exception {
        JsonNode found = passesInWdn("verify", "-o", "sub", "--json");
        assertTrue(
                found.path("namespace").path("source").asText().startsWith("installed package Warden "),
                found.path("namespace").toString());
        JsonNode f1 = found.path("figures");
        JsonNode f0 = passesInWdn("verify", "-o", "sub", "--namespace", "wdn", "--json")
                .path("figures");
        System.out.println("verify without --namespace: " + f1 + "\nverify --namespace wdn: " + f0);
        assertEquals(f0.path("apiCalls").asInt() + 1, f1.path("apiCalls").asInt(), "discovery is one call");
        assertEquals(
                f0.path("callsByKind").path("rest.tooling").asInt() + 1,
                f1.path("callsByKind").path("rest.tooling").asInt(),
                "the one call is the Tooling query of InstalledSubscriberPackage");

        JsonNode sm = passesInWdn("smoke", "-o", "sub", "--json");
        System.out.println("smoke without --namespace: " + sm.path("namespace") + " figures " + sm.path("figures"));
        assertTrue(sm.path("sections").toString().contains("assert-restored-byte-for-byte"), sm.toString());
        for (JsonNode check : sm.path("checks")) {
            assertTrue(!"FAIL".equals(check.path("status").asText()), check.toString());
        }

        passesInWdn("scan", "-o", "sub", "--once", "--json");

        // up without --package that deploys nothing asks the org too; its smoke stage runs in the package's names.
        JsonNode us = passesInWdn("up", "-o", "sub", "--skip-deploy", "--json");
        assertTrue(us.path("sections").toString().contains("assert-restored-byte-for-byte"), us.toString());

        var forced = hub.warden("scan", "-o", "sub", "--once", "--no-namespace", "--json");
        assertEquals(1, forced.exit(), "the unnamespaced Scan_Request__c is not in this org: " + forced.out());
        assertTrue(forced.out().contains("Scan_Request__c"), forced.out());
    }

    /** warden with these arguments exits 0 and reports namespace wdn; its result. */
    static JsonNode passesInWdn(String... args) throws Exception {
        var run = hub.warden(args);
        assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.out() + run.err());
        JsonNode r = run.json().path("result");
        assertEquals(
                "wdn",
                r.path("namespace").path("prefix").asText(),
                r.path("namespace").toString());
        return r;
    }
}
