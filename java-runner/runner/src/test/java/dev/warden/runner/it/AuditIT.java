package dev.warden.runner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden audit} against the real local org over HTTP (REST queries with nextRecordsUrl, Metadata SOAP), the
 * org reached through the real sf CLI alias: the grant path through a permission set group, an integration user left
 * on a full license, the baseline, the rules file, and a populated org.
 */
class AuditIT {
    static final String V = "/services/data/v65.0";

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
    }

    String create(String type, Map<String, Object> fields) throws Exception {
        return org.call("POST", V + "/sobjects/" + type, fields).path("id").asText();
    }

    String user(String username, String profile) throws Exception {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("Username", username);
        u.put("Email", "audit@example.com");
        u.put("Alias", "aud" + Math.abs(username.hashCode() % 1000));
        u.put("LastName", username.substring(0, username.indexOf('@')));
        u.put("ProfileId", org.id("SELECT Id FROM Profile WHERE Name = '" + profile + "'"));
        u.put("TimeZoneSidKey", "GMT");
        u.put("LocaleSidKey", "en_US");
        u.put("EmailEncodingKey", "UTF-8");
        u.put("LanguageLocaleKey", "en_US");
        return create("User", u);
    }

    /** Alice gets Modify All Data through a group; the blueprint's integration user sits on Standard User (full license). */
    String[] breachedOrg() throws Exception {
        String alice = "alice@" + org.org.orgId().toLowerCase() + ".audit.invalid";
        String aliceId = user(alice, "Standard User");
        String mad = create(
                "PermissionSet",
                Map.of(
                        "Name",
                        "Audit_Modify_All",
                        "Label",
                        "Audit Modify All",
                        "PermissionsModifyAllData",
                        true,
                        "PermissionsViewAllData",
                        true));
        String group =
                create("PermissionSetGroup", Map.of("DeveloperName", "Audit_Admins", "MasterLabel", "Audit Admins"));
        create("PermissionSetGroupComponent", Map.of("PermissionSetGroupId", group, "PermissionSetId", mad));
        create("PermissionSetAssignment", Map.of("AssigneeId", aliceId, "PermissionSetGroupId", group));
        String integration = org.username();
        user(integration, "Standard User");
        return new String[] {alice, integration};
    }

    long count(String soql) throws Exception {
        return org.call("GET", V + "/query?q=" + java.net.URLEncoder.encode(soql, "UTF-8"), null)
                .path("totalSize")
                .asLong();
    }

    static JsonNode finding(JsonNode report, String key) {
        for (JsonNode f : report.path("result").path("audit").path("findings")) {
            if (f.path("key").asText().equals(key)) {
                return f;
            }
        }
        return null;
    }

    @Test
    void aGroupGrantOfModifyAllDataAndAnIntegrationUserOnAFullLicenseAreNamedWithTheirPathsAndExit3() throws Exception {
        String[] who = breachedOrg();
        Path html = tmp.resolve("out.html");
        LocalOrgHarness.Run run = org.warden(
                "audit",
                "-o",
                LocalOrgHarness.ALIAS,
                "--json",
                "--html",
                html.toString(),
                "--markdown",
                tmp.resolve("out.md").toString(),
                "--junit",
                tmp.resolve("audit.xml").toString());
        assertEquals(3, run.exit(), run.err());
        JsonNode report = run.json();
        assertEquals(3, report.path("status").asInt());
        JsonNode full = finding(report, "tier.full-org-compromise:" + who[0]);
        assertTrue(
                full != null,
                "no full-org-compromise finding for alice: "
                        + report.path("result").path("audit").path("findings"));
        assertEquals("HIGH", full.path("severity").asText());
        assertTrue(
                full.path("paths")
                        .toString()
                        .contains(
                                "ModifyAllData: " + who[0] + " ← group Audit_Admins ← permission set Audit_Modify_All"),
                full.toString());
        JsonNode license = finding(report, "integration.full-license:" + who[1]);
        assertTrue(license != null, "no full-license finding for the integration user");
        assertTrue(license.path("evidence").asText().contains("license Salesforce"), license.toString());
        assertTrue(finding(report, "integration.not-api-only:" + who[1]) != null);

        String page = Files.readString(html);
        assertTrue(page.contains("group Audit_Admins ← permission set Audit_Modify_All"), "HTML names the grant path");
        assertTrue(page.contains("Permission matrix") && page.contains(who[0]));
        assertFalse(
                page.contains("http://") || page.contains("https://") || page.contains("<script"),
                "self-contained, no external asset");
        assertTrue(Files.readString(tmp.resolve("out.md")).contains("tier.full-org-compromise:" + who[0]));
        String junit = Files.readString(tmp.resolve("audit.xml"));
        assertTrue(junit.contains("<failure") && junit.contains("integration.full-license:" + who[1]));
        assertFalse(run.out().contains(org.org.adminAccessToken()), "no token in the report");
    }

    @Test
    void aBaselineOfTheUnchangedOrgHasNoNewFindingsAndExits0ThenANewGrantExits3() throws Exception {
        String[] who = breachedOrg();
        LocalOrgHarness.Run first = org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json");
        assertEquals(3, first.exit(), first.err());
        Path baseline = Files.writeString(tmp.resolve("baseline.json"), first.out());

        LocalOrgHarness.Run same =
                org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json", "--baseline", baseline.toString());
        assertEquals(0, same.exit(), same.out());
        JsonNode diff = same.json().path("result").path("audit").path("baseline");
        assertEquals(0, diff.path("new").size());
        assertEquals(0, diff.path("resolved").size());
        assertEquals(
                first.json().path("result").path("audit").path("findings").size(),
                diff.path("unchanged").asInt());

        String bobId = user("bob@" + org.org.orgId().toLowerCase() + ".audit.invalid", "Standard User");
        create(
                "PermissionSetAssignment",
                Map.of(
                        "AssigneeId",
                        bobId,
                        "PermissionSetId",
                        org.id("SELECT Id FROM PermissionSet WHERE Name = 'Audit_Modify_All'")));
        LocalOrgHarness.Run changed =
                org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json", "--baseline", baseline.toString());
        assertEquals(3, changed.exit(), changed.out());
        List<String> added = new ArrayList<>();
        changed.json().path("result").path("audit").path("baseline").path("new").forEach(n -> added.add(n.asText()));
        assertTrue(
                added.contains("tier.full-org-compromise:bob@" + org.org.orgId().toLowerCase() + ".audit.invalid"),
                added.toString());
        assertFalse(added.stream().anyMatch(k -> k.endsWith(who[0])), "alice's findings are known: " + added);
    }

    /** An External Client App deployed with the real sf CLI: open to all users, IP relaxed, endless refresh tokens, Full scope. */
    void deployOpenApp() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("open-app"));
        Files.writeString(
                project.resolve("sfdx-project.json"),
                "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true}],\"sourceApiVersion\":\"62.0\"}");
        Path d = project.resolve("force-app/main/default");
        String ns = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";
        write(
                d.resolve("externalClientApps/Open_Portal.eca-meta.xml"),
                "<ExternalClientApplication " + ns + "><contactEmail>it@example.com</contactEmail>"
                        + "<distributionState>Local</distributionState><isProtected>false</isProtected><label>Open Portal</label></ExternalClientApplication>");
        write(
                d.resolve("extlClntAppOauthSettings/Open_Portal_oauth.ecaOauth-meta.xml"),
                "<ExtlClntAppOauthSettings " + ns
                        + "><commaSeparatedOauthScopes>Api,Full,RefreshToken</commaSeparatedOauthScopes><externalClientApplication>Open_Portal"
                        + "</externalClientApplication><label>Open Portal OAuth</label></ExtlClntAppOauthSettings>");
        write(
                d.resolve("extlClntAppOauthPolicies/Open_Portal_oauthPlcy.ecaOauthPlcy-meta.xml"),
                "<ExtlClntAppOauthConfigurablePolicies " + ns
                        + "><externalClientApplication>Open_Portal</externalClientApplication><ipRelaxationPolicyType>Bypass</ipRelaxationPolicyType>"
                        + "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled><isGuestCodeCredFlowEnabled>false</isGuestCodeCredFlowEnabled>"
                        + "<isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled><label>Open Portal Policies</label>"
                        + "<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType><refreshTokenPolicyType>Infinite</refreshTokenPolicyType>"
                        + "<requiredSessionLevel>STANDARD</requiredSessionLevel></ExtlClntAppOauthConfigurablePolicies>");
        ProcessBuilder pb = new ProcessBuilder(
                        LocalOrgHarness.SF.toString(),
                        "project",
                        "deploy",
                        "start",
                        "--source-dir",
                        "force-app",
                        "--target-org",
                        LocalOrgHarness.ALIAS,
                        "--json")
                .directory(project.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", org.sfHome.toString());
        // The key in this home's own key.json, never the machine's keychain (shared by every home).
        pb.environment().put("SF_USE_GENERIC_UNIX_KEYCHAIN", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "sf deploy timed out");
        assertEquals(0, LocalOrgHarness.JSON.readTree(out).path("status").asInt(), out);
    }

    static void write(Path file, String xml) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml + "\n");
    }

    @Test
    void anAppOpenToAllUsersIsReadThroughTheMetadataApiAndItsInstallStateCounts() throws Exception {
        deployOpenApp();
        JsonNode report =
                org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json").json();
        for (String key : List.of(
                "app.all-users:Open_Portal",
                "app.ip-relaxation:Open_Portal",
                "app.refresh-token:Open_Portal",
                "app.scopes:Open_Portal",
                "app.not-installed:Open_Portal")) {
            assertTrue(finding(report, key) != null, key + " missing: " + keys(report));
        }
        assertEquals(
                "IP relaxation: Bypass",
                finding(report, "app.ip-relaxation:Open_Portal")
                        .path("evidence")
                        .asText());
        org.call("POST", "/_local/eca/Open_Portal/install", null);
        JsonNode after =
                org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json").json();
        assertTrue(finding(after, "app.not-installed:Open_Portal") == null, "installed now");
        assertTrue(finding(after, "app.all-users:Open_Portal") != null);
    }

    @Test
    void aPopulatedOrgIsStreamedPageByPageOverRestAndThePartnerApiFindsTheSame() throws Exception {
        breachedOrg();
        JsonNode made = org.call(
                "POST",
                "/_local/populate",
                Map.of("users", 1000, "permissionSets", 100, "assignments", 4500, "seed", 7));
        assertEquals(1000, made.path("users").asInt());
        long active = count("SELECT COUNT() FROM User WHERE IsActive = true");
        long explicit = count("SELECT COUNT() FROM PermissionSetAssignment WHERE Assignee.IsActive = true"
                + " AND (PermissionSet.IsOwnedByProfile = false OR PermissionSetGroupId != null)");
        assertTrue(
                explicit > 4000 && explicit < 4500,
                "about 95% of 4500 explicit assignments (+1 for alice) belong to active users: " + explicit);
        JsonNode rest =
                org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json").json();
        JsonNode stats = rest.path("result").path("audit").path("stats");
        assertEquals(active, stats.path("activeUsers").asLong());
        assertEquals(
                explicit,
                stats.path("assignments").asLong(),
                "every explicit assignment of an active user is read: " + stats);
        assertTrue(
                rest.path("result")
                                .path("figures")
                                .path("callsByKind")
                                .path("rest.query")
                                .asLong()
                        > 9,
                "paged with nextRecordsUrl");
        JsonNode soap = org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json", "--records-api", "soap")
                .json();
        assertEquals(3, soap.path("status").asInt(), soap.toString());
        assertEquals(keys(rest), keys(soap));
        assertTrue(
                soap.path("result")
                                .path("figures")
                                .path("callsByKind")
                                .path("soap.partner.queryMore")
                                .asLong()
                        > 0,
                "paged with queryMore: " + soap.path("result").path("figures"));
    }

    static java.util.Set<String> keys(JsonNode report) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        report.path("result")
                .path("audit")
                .path("findings")
                .forEach(f -> out.add(f.path("key").asText()));
        return out;
    }

    @Test
    void anInvalidRulesFileIsOneLineWithFileAndLineAndExit2() throws Exception {
        Path rules = Files.writeString(
                tmp.resolve("rules.yaml"),
                "allow:\n  users:\n    - admin@example.com\nseverities:\n  session.lock-to-ip-off: SEVERE\n");
        LocalOrgHarness.Run run = org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--rules", rules.toString());
        assertEquals(2, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(rules + ":5: severities.session.lock-to-ip-off"), run.err());
    }

    @Test
    void anAllowListedUserAndASeverityOverrideShapeTheFindings() throws Exception {
        String[] who = breachedOrg();
        Path rules = Files.writeString(
                tmp.resolve("allow.yaml"),
                "allow:\n  users: ['alice@*']\nseverities:\n  integration.full-license: LOW\n");
        JsonNode report = org.warden("audit", "-o", LocalOrgHarness.ALIAS, "--json", "--rules", rules.toString())
                .json();
        assertTrue(finding(report, "tier.full-org-compromise:" + who[0]) == null, "alice is allow-listed");
        assertEquals(
                "LOW",
                finding(report, "integration.full-license:" + who[1])
                        .path("severity")
                        .asText());
    }
}
