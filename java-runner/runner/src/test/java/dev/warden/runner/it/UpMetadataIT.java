package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole `warden up` on the local org: sf deploys the package, the app's global OAuth settings are deployed with
 * a generated certificate, the integration user logs in by JWT. Needs the local org's Metadata API (SOAP deploy,
 * readMetadata): tagged {@code metadata}, and skipped (not failed) while the org does not answer it.
 */
@Tag("metadata")
class UpMetadataIT {
    @TempDir
    static Path tmp;

    static LocalOrgHarness org;

    @BeforeAll
    static void start() throws Exception {
        org = LocalOrgHarness.start(tmp);
        assumeTrue(org.metadataAvailable(), "the local org does not answer the Metadata API yet");
        org.copyPackage();
        var probe = org.warden("up", "-o", LocalOrgHarness.ALIAS, "--skip-smoke", "--json");
        String warnings =
                probe.exit() == 2 ? probe.err() : probe.json().path("warnings").toString();
        assumeTrue(
                probe.exit() != 1 && !warnings.contains("could not read"),
                "the local org's Metadata API cannot serve the app yet: " + warnings);
    }

    @AfterAll
    static void stop() {
        if (org != null) {
            org.close();
        }
    }

    @BeforeEach
    void upOnAFreshOrg() throws Exception {
        org.reset();
        var up = org.warden("up", "-o", LocalOrgHarness.ALIAS, "--skip-smoke", "--json");
        assertEquals(0, up.exit(), up.out() + up.err());
    }

    @Test
    void secondUpChangesNothingAndSaysSo() {
        var again = org.warden("up", "-o", LocalOrgHarness.ALIAS, "--skip-smoke", "--json");
        assertEquals(0, again.exit(), again.out());
        JsonNode r = again.json().path("result");
        assertEquals(
                0, r.path("figures").path("writes").asInt(), r.path("figures").toString());
        assertEquals(0, r.path("plan").path("steps").size());
        assertEquals(
                "PASS",
                ProvisionRecordsIT.check(r.path("checks"), "jwt.login")
                        .path("status")
                        .asText());
    }

    @Test
    void verifyCanLogSfInAsTheIntegrationUserByJwt() throws Exception {
        var run = org.warden("verify", "-o", LocalOrgHarness.ALIAS, "--sf-alias", "it-scanner", "--json");
        assertEquals(0, run.exit(), run.out());
        JsonNode display = org.sf(java.util.Map.of(), "org", "display", "--target-org", "it-scanner");
        assertEquals(org.username(), display.path("result").path("username").asText());
    }

    @Test
    void theDeployGoesThroughTheMetadataApiWithoutAnSfStartUp() {
        var run = org.warden("deploy", "-o", LocalOrgHarness.ALIAS, "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode figures = run.json().path("result").path("figures");
        assertEquals(0, figures.path("sfInvocations").asInt(), "the alias is read from sf's files: " + figures);
        assertTrue(figures.path("callsByKind").path("soap.metadata.deploy").asInt() == 1, figures.toString());
        assertTrue(run.err().contains("through the Metadata API"), run.err());
        var dry = org.warden("deploy", "-o", LocalOrgHarness.ALIAS, "--dry-run", "--json");
        assertEquals(0, dry.exit(), dry.out() + dry.err());
        JsonNode dryFigures = dry.json().path("result").path("figures");
        assertEquals(
                1,
                dryFigures
                        .path("callsByKind")
                        .path("soap.metadata.deployCheckOnly")
                        .asInt(),
                dryFigures.toString());
        assertEquals(0, dryFigures.path("writes").asInt(), "a validation writes nothing: " + dryFigures);
    }

    @Test
    void aBrokenClassFailsTheDeployWithATableNamingFileAndLine() throws Exception {
        Path dir = org.projectDir.resolve("force-app/main/default/classes");
        Path cls = dir.resolve("WardenBroken.cls");
        Path meta = dir.resolve("WardenBroken.cls-meta.xml");
        java.nio.file.Files.writeString(
                cls,
                "public with sharing class WardenBroken {\n    public void go() {\n        Integer x = ;\n    }\n}\n");
        java.nio.file.Files.writeString(
                meta,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
                        + "<apiVersion>62.0</apiVersion><status>Active</status></ApexClass>\n");
        try {
            var run = org.warden("deploy", "-o", LocalOrgHarness.ALIAS);
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("Deploy: FAILED"), run.out());
            assertTrue(
                    run.out()
                            .lines()
                            .anyMatch(l -> l.contains("force-app/main/default/classes/WardenBroken.cls:3")
                                    && l.contains("ApexClass WardenBroken")),
                    "the source file, not the zip's classes/WardenBroken.cls: " + run.out());
        } finally {
            java.nio.file.Files.deleteIfExists(cls);
            java.nio.file.Files.deleteIfExists(meta);
        }
    }

    @Test
    void noSecretReachesOutputReportsOrJournals() throws Exception {
        var run = org.warden(
                "verify",
                "-o",
                LocalOrgHarness.ALIAS,
                "--json",
                "--junit",
                tmp.resolve("v.xml").toString());
        String key = java.nio.file.Files.readString(
                org.wardenHome.resolve("keys").resolve(org.org.orgId()).resolve("private-key.pem"));
        String keyBody =
                key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        StringBuilder everything = new StringBuilder(run.out())
                .append(run.err())
                .append(java.nio.file.Files.readString(tmp.resolve("v.xml")));
        try (var files = java.nio.file.Files.walk(org.projectDir.resolve(".warden"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (java.nio.file.Files.isRegularFile(f)) {
                    everything.append(java.nio.file.Files.readString(f));
                }
            }
        }
        String all = everything.toString();
        assertTrue(!all.contains(org.org.adminAccessToken()), "the admin access token leaked");
        assertTrue(!all.contains(keyBody), "the private key leaked");
        assertTrue(
                !java.util.regex.Pattern.compile("00D\\w{12,15}![\\w.-]{20,}")
                        .matcher(all)
                        .find(),
                "an access token leaked");
    }

    @Test
    void uninstalledAppIsExplainedAsOauthAppBlockedAndProvisionReinstallsIt() throws Exception {
        org.call("POST", "/_local/eca/Warden_Scanner/uninstall", null);
        var verify = org.warden("verify", "-o", LocalOrgHarness.ALIAS, "--json");
        assertEquals(3, verify.exit(), verify.out());
        JsonNode checks = verify.json().path("result").path("checks");
        assertEquals(
                "OAUTH_APP_BLOCKED",
                ProvisionRecordsIT.check(checks, "eca.installed")
                        .path("symptom")
                        .asText());
        JsonNode jwt = ProvisionRecordsIT.check(checks, "jwt.login");
        assertEquals("FAIL", jwt.path("status").asText());
        assertEquals("OAUTH_APP_BLOCKED", jwt.path("symptom").asText());
        assertEquals(0, org.warden("provision", "-o", LocalOrgHarness.ALIAS).exit());
        assertEquals(0, org.warden("verify", "-o", LocalOrgHarness.ALIAS).exit());
    }

    @Test
    void userWithoutThePreAuthorizingSetIsExplainedAsNotApproved() throws Exception {
        String userId = org.id("SELECT Id FROM User WHERE Username = '" + org.username() + "'");
        String psa = org.id("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.Name = 'Warden_Scanner_Access'");
        org.call("DELETE", "/services/data/v65.0/sobjects/PermissionSetAssignment/" + psa, null);
        var verify = org.warden("verify", "-o", LocalOrgHarness.ALIAS, "--json");
        assertEquals(3, verify.exit(), verify.out());
        JsonNode checks = verify.json().path("result").path("checks");
        JsonNode jwt = ProvisionRecordsIT.check(checks, "jwt.login");
        assertTrue(jwt.path("evidence").asText().contains("user hasn't approved this consumer"), jwt.toString());
        assertEquals("user hasn't approved this consumer", jwt.path("symptom").asText());
        assertEquals(
                "user hasn't approved this consumer",
                ProvisionRecordsIT.check(checks, "eca.preauth").path("symptom").asText());
    }
}
