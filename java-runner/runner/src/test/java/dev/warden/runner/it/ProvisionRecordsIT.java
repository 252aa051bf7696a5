package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning against the real local org over HTTP, the real sf CLI resolving the org: fresh, idempotent, drift
 * repair, a fault at every write of the license switch, the API reserve. Records only (the blueprint without app
 * and triggers), so it runs before the local org's Metadata API lands.
 */
class ProvisionRecordsIT {
    static final String BLUEPRINT = LocalOrgHarness.ROOT
            .resolve("java-runner/runner/src/test/resources/blueprints/records-only.yaml")
            .toString();
    static final Set<String> PROVISIONED = Set.of(
            "profile Minimum Access - API Only Integrations",
            "PSL SalesforceAPIIntegrationPsl",
            "Warden_Integration",
            "Warden_Query_All_Files",
            "Warden_Scanner_Access");

    @TempDir
    static Path tmp;

    static LocalOrgHarness org;

    @BeforeAll
    static void start() throws Exception {
        org = LocalOrgHarness.start(tmp);
    }

    @AfterAll
    static void stop() {
        if (org != null) {
            org.close();
        }
    }

    @BeforeEach
    void freshOrg() throws Exception {
        org.reset();
        org.seedPackagePermissionSets();
    }

    /** The user's profile, PSLs and permission sets as the org has them (read over REST as the admin). */
    Set<String> userState(String username) throws Exception {
        List<JsonNode> users = org.query("SELECT Id, Profile.Name FROM User WHERE Username = '" + username + "'");
        if (users.isEmpty()) {
            return Set.of("no user");
        }
        String id = users.get(0).path("Id").asText();
        Set<String> s = new TreeSet<>();
        s.add("profile " + users.get(0).path("Profile").path("Name").asText());
        org.query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '" + id
                        + "' AND PermissionSet.IsOwnedByProfile = false")
                .forEach(r -> s.add(r.path("PermissionSet").path("Name").asText()));
        org.query("SELECT PermissionSetLicense.DeveloperName FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + id
                        + "'")
                .forEach(r -> s.add("PSL "
                        + r.path("PermissionSetLicense").path("DeveloperName").asText()));
        return s;
    }

    @Test
    void freshProvisionCreatesTheUserAndASecondRunWritesNothing() throws Exception {
        var first = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        assertEquals(0, first.exit(), first.out() + first.err());
        JsonNode r = first.json().path("result");
        assertEquals(
                List.of("create-user", "assign-permission-set-licenses", "assign-permission-sets"),
                JSON_LIST(r.path("apply").path("stepsDone")));
        assertEquals(PROVISIONED, userState(org.username()));
        assertEquals(
                0, r.path("figures").path("sfInvocations").asInt(), "no sf call: the alias is read from sf's files");

        var second = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        assertEquals(0, second.exit(), second.out() + second.err());
        assertEquals(
                0, second.json().path("result").path("figures").path("writes").asInt());
        assertEquals(0, second.json().path("result").path("plan").path("steps").size());

        var verify = org.warden("verify", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        JsonNode checks = verify.json().path("result").path("checks");
        for (String id : List.of(
                "user.exists",
                "user.active",
                "user.license",
                "user.profile",
                "perms.missing",
                "perms.excess",
                "approval.temporary")) {
            assertEquals("PASS", check(checks, id).path("status").asText(), id + ": " + check(checks, id));
        }
    }

    @Test
    void theSameProvisioningOverThePartnerSoapApiIsIdempotentToo() throws Exception {
        var first = org.warden(
                "provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--records-api", "soap", "--json");
        assertEquals(0, first.exit(), first.out() + first.err());
        JsonNode calls = first.json().path("result").path("figures").path("callsByKind");
        assertTrue(calls.path("soap.partner.create").asInt() >= 2, calls.toString());
        assertEquals(0, calls.path("rest.query").asInt(), "records went through SOAP only: " + calls);
        assertEquals(PROVISIONED, userState(org.username()));
        var second = org.warden(
                "provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--records-api", "soap", "--json");
        assertEquals(0, second.exit(), second.out());
        assertEquals(
                0, second.json().path("result").path("figures").path("writes").asInt());
    }

    @Test
    void anAssignmentDeletedWithSfIsDriftThatVerifyNamesAndProvisionRepairs() throws Exception {
        assertEquals(
                0,
                org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT)
                        .exit());
        String userId = org.id("SELECT Id FROM User WHERE Username = '" + org.username() + "'");
        String psa = org.id("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.Name = 'Warden_Query_All_Files'");
        org.sf(
                Map.of(),
                "data",
                "delete",
                "record",
                "--sobject",
                "PermissionSetAssignment",
                "--record-id",
                psa,
                "--target-org",
                LocalOrgHarness.ALIAS);

        var verify = org.warden(
                "verify",
                "-o",
                LocalOrgHarness.ALIAS,
                "-b",
                BLUEPRINT,
                "--json",
                "--junit",
                tmp.resolve("verify.xml").toString());
        assertEquals(3, verify.exit(), verify.out());
        JsonNode missing = check(verify.json().path("result").path("checks"), "perms.missing");
        assertEquals("FAIL", missing.path("status").asText());
        assertEquals("missing: Warden_Query_All_Files", missing.path("evidence").asText());
        assertTrue(
                missing.path("symptom").asText().contains("assignments overwritten by a deployment"),
                missing.toString());
        assertTrue(java.nio.file.Files.readString(tmp.resolve("verify.xml"))
                .contains("<failure type=\"HIGH\" message=\"missing: Warden_Query_All_Files\""));

        var repair = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        assertEquals(0, repair.exit(), repair.out());
        assertEquals(
                List.of("assign-permission-sets"),
                JSON_LIST(repair.json().path("result").path("apply").path("stepsDone")));
        assertEquals(PROVISIONED, userState(org.username()));
    }

    /** A user a vendor guide left on the Salesforce license, holding the pre-authorizing set and an admin set. */
    String legacyUser() throws Exception {
        String standard = org.id("SELECT Id FROM Profile WHERE Name = 'Standard User'");
        String id = org.call(
                        "POST",
                        "/services/data/v65.0/sobjects/User",
                        Map.of(
                                "Username",
                                org.username(),
                                "Email",
                                "x@example.invalid",
                                "Alias",
                                "legacy",
                                "LastName",
                                "Legacy",
                                "ProfileId",
                                standard,
                                "TimeZoneSidKey",
                                "GMT",
                                "LocaleSidKey",
                                "en_US",
                                "EmailEncodingKey",
                                "UTF-8",
                                "LanguageLocaleKey",
                                "en_US"))
                .path("id")
                .asText();
        for (String ps : List.of("Warden_Scanner_Access", "Warden_Admin")) {
            org.call(
                    "POST",
                    "/services/data/v65.0/sobjects/PermissionSetAssignment",
                    Map.of(
                            "AssigneeId",
                            id,
                            "PermissionSetId",
                            org.id("SELECT Id FROM PermissionSet WHERE Name = '" + ps + "'")));
        }
        return id;
    }

    @Test
    void aFaultAtEachWriteOfTheLicenseSwitchLeavesTheUserExactlyAsBeforeAndARerunConverges() throws Exception {
        List<Map<String, Object>> writes = List.of(
                Map.of("method", "PATCH", "path", "/services/data/*/sobjects/User/*"),
                Map.of("method", "POST", "path", "/services/data/*/composite/sobjects"),
                Map.of("method", "POST", "path", "/services/data/*/composite/sobjects"));
        for (int i = 0; i < writes.size(); i++) {
            freshOrg();
            legacyUser();
            Set<String> before = userState(org.username());
            int nth = i == 2 ? 2 : 1;
            org.call(
                    "POST",
                    "/_local/faults",
                    List.of(Map.of(
                            "match",
                            writes.get(i),
                            "nth",
                            nth,
                            "times",
                            1,
                            "fault",
                            Map.of(
                                    "kind",
                                    "sfError",
                                    "status",
                                    400,
                                    "errorCode",
                                    "FIELD_INTEGRITY_EXCEPTION",
                                    "message",
                                    "field integrity exception: unknown (refused for the test)"))));
            var failed = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
            assertEquals(1, failed.exit(), "write " + (i + 1) + ": " + failed.out());
            String message = failed.json().path("message").asText();
            assertTrue(message.contains("FIELD_INTEGRITY_EXCEPTION") && message.contains("restored: "), message);
            assertEquals(
                    before,
                    userState(org.username()),
                    "write " + (i + 1) + " failed: the user must be exactly as before");
            org.call("DELETE", "/_local/faults", null);

            var rerun = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
            assertEquals(0, rerun.exit(), rerun.out());
            assertEquals(PROVISIONED, userState(org.username()), "re-run after a fault at write " + (i + 1));
        }
    }

    @Test
    void transientFaultsAndLostAnswersAreRetriedOrReconciledAndTheRunSucceedsWithNothingTwice() throws Exception {
        org.call(
                "POST",
                "/_local/faults",
                List.of(
                        Map.of(
                                "match",
                                Map.of("method", "GET", "path", "/services/data/*/query*"),
                                "nth",
                                2,
                                "times",
                                1,
                                "fault",
                                Map.of(
                                        "kind",
                                        "sfError",
                                        "status",
                                        503,
                                        "errorCode",
                                        "SERVER_UNAVAILABLE",
                                        "message",
                                        "busy")),
                        Map.of(
                                "match",
                                Map.of("method", "POST", "path", "/services/data/*/sobjects/User"),
                                "times",
                                1,
                                "fault",
                                Map.of("kind", "lostResponse")),
                        Map.of(
                                "match",
                                Map.of("method", "POST", "path", "/services/data/*/composite/sobjects"),
                                "times",
                                1,
                                "fault",
                                Map.of("kind", "lostResponse")),
                        Map.of(
                                "match",
                                Map.of("method", "PATCH", "path", "/services/data/*/sobjects/User/*"),
                                "times",
                                1,
                                "fault",
                                Map.of(
                                        "kind",
                                        "sfError",
                                        "status",
                                        400,
                                        "errorCode",
                                        "UNABLE_TO_LOCK_ROW",
                                        "message",
                                        "unable to obtain exclusive access to this record"))));
        var run = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("the user exists: adopted"), run.err());
        assertTrue(run.err().contains("found done"), run.err());
        assertTrue(run.json().path("result").path("figures").toString().contains("retry.rest.query"), run.out());
        assertEquals(
                1,
                org.call(
                                "GET",
                                "/services/data/v65.0/query?q="
                                        + java.net.URLEncoder.encode(
                                                "SELECT Id FROM User WHERE Username = '" + org.username() + "'",
                                                java.nio.charset.StandardCharsets.UTF_8),
                                null)
                        .path("totalSize")
                        .asInt(),
                "one user");
        org.call("DELETE", "/_local/faults", null);
        assertEquals(PROVISIONED, userState(org.username()));
        var rerun = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        assertEquals(
                0, rerun.json().path("result").path("figures").path("writes").asInt(), "converged: " + rerun.out());
    }

    @Test
    void aRollbackThatFailsTooLeavesTheSnapshotInTheJournalAndResumeFinishes() throws Exception {
        legacyUser();
        org.call(
                "POST",
                "/_local/faults",
                List.of(Map.of(
                        "match",
                        Map.of("method", "PATCH", "path", "/services/data/*/sobjects/User/*"),
                        "nth",
                        1,
                        "times",
                        2,
                        "fault",
                        Map.of(
                                "kind",
                                "sfError",
                                "status",
                                400,
                                "errorCode",
                                "FIELD_INTEGRITY_EXCEPTION",
                                "message",
                                "field integrity exception: unknown (refused for the test)"))));
        var failed = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        assertEquals(1, failed.exit(), failed.out());
        assertEquals(
                "ProvisionFailedRestoreIncomplete", failed.json().path("name").asText());
        assertTrue(failed.json().path("message").asText().contains("provision --resume"), failed.out());
        org.call("DELETE", "/_local/faults", null);

        var plain = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT);
        assertEquals(2, plain.exit(), plain.out() + plain.err());
        assertTrue(plain.err().contains("run warden provision --resume"), plain.err());

        var resumed = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--resume", "--json");
        assertEquals(0, resumed.exit(), resumed.out());
        assertEquals(PROVISIONED, userState(org.username()));
    }

    @Test
    void reachingTheApiReserveStopsBeforeAnyWrite() throws Exception {
        long used = org.call("GET", "/_local/state?objects=User", null)
                .path("apiUsage")
                .path("used")
                .asLong();
        long max = (used + 4) * 10 / 9 + 1;
        org.call("POST", "/_local/limits", Map.of("dailyApiRequests", max));
        var run = org.warden("provision", "-o", LocalOrgHarness.ALIAS, "-b", BLUEPRINT, "--json");
        assertEquals(1, run.exit(), run.out());
        assertEquals("ApiReserveReached", run.json().path("name").asText());
        assertTrue(run.json().path("message").asText().startsWith("stopped before using the API reserve: "), run.out());
        assertEquals(0, run.json().path("result").path("figures").path("writes").asInt());
        assertEquals(Set.of("no user"), userState(org.username()));
    }

    @Test
    void unknownPermissionSetInTheBlueprintIsOneLineExit2() throws Exception {
        Path bp = tmp.resolve("unknown-set.yaml");
        java.nio.file.Files.writeString(
                bp,
                java.nio.file.Files.readString(Path.of(BLUEPRINT))
                        .replace("Warden_Query_All_Files", "Warden_Query_Everything"));
        var run = org.warden("plan", "-o", LocalOrgHarness.ALIAS, "-b", bp.toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals("", run.out());
        String line = run.err()
                .lines()
                .filter(l -> l.startsWith("warden: "))
                .findFirst()
                .orElse("");
        assertEquals(
                "warden: " + bp
                        + ":14: final.permissionSets[1]: permission set 'Warden_Query_Everything' does not exist in the org;"
                        + " deploy the package that defines it (warden deploy) or fix the name",
                line);
    }

    static JsonNode check(JsonNode checks, String id) {
        for (JsonNode c : checks) {
            if (id.equals(c.path("id").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + checks);
    }

    static List<String> JSON_LIST(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
