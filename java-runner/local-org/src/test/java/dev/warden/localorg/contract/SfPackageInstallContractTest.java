package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.devhub.packaging.PackageVersion;
import dev.warden.localorg.devhub.packaging.PackageVersions;
import dev.warden.localorg.metadata.ForceAppZip;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sf package install / install report / installed list / uninstall} (real sf 2.146.3) into a local org, of
 * versions put straight into the process's 04t registry (what {@code sf package version create} on a local Dev Hub
 * stores): the Warden package built from this repository's force-app, as a Managed version in namespace {@code wdn}
 * protected by an installation key (and a later version upgrading it), and as an Unlocked version without a
 * namespace.
 */
class SfPackageInstallContractTest {
    static final String KEY = "s3cr3t-Key'\\1";
    static LocalOrgServer sub;
    static SfCli sf;
    static PackageVersion v1;
    static PackageVersion v2;
    static PackageVersion unlocked;

    @BeforeAll
    static void packageAndSubscriber() throws Exception {
        byte[] zip = ForceAppZip.zip();
        PackageVersions registry = PackageVersions.inThisProcess();
        v1 = version(registry.nextSubscriberPackageVersionId(), "0Ho00000000WDN1", "wdn", "Managed", "1.0.0.1", null);
        v2 = version(
                registry.nextSubscriberPackageVersionId(),
                "0Ho00000000WDN1",
                "wdn",
                "Managed",
                "1.1.0.1",
                v1.subscriberPackageVersionId());
        unlocked = new PackageVersion(
                registry.nextSubscriberPackageVersionId(),
                "05i00000000ULK1",
                "0Ho00000000ULK1",
                "Warden Unlocked",
                null,
                "Unlocked",
                "1.0.0.1",
                null,
                null,
                true,
                null,
                false,
                false,
                zip);
        registry.put(v1);
        registry.put(v2);
        registry.put(unlocked);
        sub = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        login(sub, "sub");
    }

    private static PackageVersion version(
            String id, String package2Id, String ns, String type, String number, String ancestor) throws Exception {
        return new PackageVersion(
                id,
                "05i" + id.substring(3),
                package2Id,
                "Warden",
                ns,
                type,
                number,
                ancestor,
                HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8))),
                true,
                null,
                false,
                false,
                ForceAppZip.zip());
    }

    private static void login(LocalOrgServer org, String alias) {
        sf.loginAsAdmin(org, alias);
    }

    @AfterAll
    static void stop() {
        sub.close();
    }

    @Test
    void managedWardenIsInstalledNamespacedForAdminsUpgradedAndUninstalled() throws Exception {
        // Refused: a 04t nobody built, and the right version with a wrong key (Salesforce's words).
        SfCli.Result unknown = install("04t000000009999", KEY, "AdminsOnly");
        assertNotEquals(0, unknown.exit(), unknown.stdout());
        System.out.println(
                "[install] unknown 04t: " + unknown.json().get("name").asText() + ": "
                        + unknown.json().get("message").asText());
        assertTrue(sub.org().db().rows("PackageInstallRequest", false).isEmpty(), "sf stopped before the insert");
        SfCli.Result noKey = install(v1.subscriberPackageVersionId(), null, "AdminsOnly");
        assertNotEquals(0, noKey.exit(), noKey.stdout());
        assertTrue(
                noKey.stdout()
                        .contains("Please provide installationkey when querying against SubscriberPackageVersion"),
                noKey.stdout());
        SfCli.Result wrongKey = install(v1.subscriberPackageVersionId(), "not-the-key", "AdminsOnly");
        assertNotEquals(0, wrongKey.exit(), wrongKey.stdout());
        assertTrue(
                wrongKey.stdout().contains("Invalid InstallationKey for SubscriberPackageVersion"), wrongKey.stdout());
        assertTrue(
                !wrongKey.stdout().contains("not-the-key") && !wrongKey.stderr().contains("not-the-key"));

        int before = OrgRequests.count(sub);
        long started = System.nanoTime();
        SfCli.Result installed = install(v1.subscriberPackageVersionId(), KEY, "AdminsOnly");
        long installMs = (System.nanoTime() - started) / 1_000_000;
        int installRequests = OrgRequests.count(sub) - before;
        assertEquals(0, installed.exit(), installed.stdout() + installed.stderr());
        JsonNode request = installed.json().get("result");
        assertEquals("SUCCESS", request.get("Status").asText(), request.toString());
        String requestId = request.get("Id").asText();
        assertTrue(requestId.startsWith("0Hf"), requestId);
        System.out.println("[install] sf package install (managed, key, AdminsOnly, --wait 5): " + installRequests
                + " requests, " + installMs + " ms");
        assertEquals(null, sub.org().db().live(requestId).get("Password"), "the key is never stored");
        String log = OrgRequests.log(sub);
        assertTrue(log.contains("InstallationKey") && log.contains("redacted"), "sf sent the key in its SPV query");
        assertTrue(!log.contains("s3cr3t") && !log.contains("not-the-key"), "nor logged");

        before = OrgRequests.count(sub);
        SfCli.Result report = sf.run("package", "install", "report", "-i", requestId, "-o", "sub", "--json");
        System.out.println("[install] sf package install report: " + (OrgRequests.count(sub) - before) + " requests");
        assertEquals(0, report.exit(), report.stdout());
        assertEquals("SUCCESS", report.json().get("result").get("Status").asText());

        JsonNode list = installedList();
        assertEquals(1, list.size(), list.toString());
        assertEquals("wdn", list.get(0).get("SubscriberPackageNamespace").asText(), list.toString());
        assertEquals("packageId", list.get(0).get("VersionSettings").asText(), "a managed 2GP package");
        assertEquals(
                v1.subscriberPackageVersionId(),
                list.get(0).get("SubscriberPackageVersionId").asText().substring(0, 15));

        // The package's objects and fields carry the namespace; the unqualified names are not the org's.
        SfCli.Result query = sf.run(
                "data", "query", "-o", "sub", "--json", "-q", "SELECT Id, wdn__Status__c FROM wdn__Scan_Request__c");
        assertEquals(0, query.exit(), query.stdout());
        SfCli.Result bare = sf.run("data", "query", "-o", "sub", "--json", "-q", "SELECT Id FROM Scan_Request__c");
        assertNotEquals(0, bare.exit(), bare.stdout());
        assertTrue(bare.stdout().contains("INVALID_TYPE"), bare.stdout());
        // Classes keep their name in namespace wdn; permission sets too (their metadata name is wdn__<Name>).
        Record resource = sub.org()
                .db()
                .findBy("ApexClass", "Name", "WardenVerdictResource")
                .get(0);
        assertEquals("wdn", resource.getString("NamespacePrefix"));
        Record integration = sub.org()
                .db()
                .findBy("PermissionSet", "Name", "Warden_Integration")
                .get(0);
        assertEquals("wdn", integration.getString("NamespacePrefix"));

        // Apex REST of the package under /services/apexrest/wdn/: the package's own permission check answers first.
        HttpResponse<String> refused = apexRest("/wdn/warden/v1/verdicts", "{\"verdicts\":[]}");
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("missingPermission"), refused.body());
        assertEquals(404, apexRest("/warden/v1/verdicts", "{\"verdicts\":[]}").statusCode());
        assign(integration.id());
        HttpResponse<String> ok = apexRest("/wdn/warden/v1/verdicts", "{\"verdicts\":[]}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("[]", Json.MAPPER.readTree(ok.body()).get("results").toString(), ok.body());
        // The package's Apex reads and writes its namespaced records under their unqualified names.
        String scanRequest = sf.run(
                        "data",
                        "create",
                        "record",
                        "-o",
                        "sub",
                        "-s",
                        "wdn__Scan_Request__c",
                        "-v",
                        "wdn__Target_Id__c=069000000000001AAA wdn__Target_Type__c=ContentVersion"
                                + " wdn__Status__c=Scanning wdn__Change__c=Insert",
                        "--json")
                .json()
                .get("result")
                .get("id")
                .asText();
        HttpResponse<String> applied = apexRest(
                "/wdn/warden/v1/verdicts",
                "{\"verdicts\":[{\"requestId\":\"" + scanRequest
                        + "\",\"verdict\":\"CLEAN\",\"detector\":\"contract\",\"reason\":\"clean\"}]}");
        assertEquals(200, applied.statusCode(), applied.body());
        assertEquals(
                "APPLIED",
                Json.MAPPER.readTree(applied.body()).at("/results/0/status").asText(),
                applied.body());
        assertEquals("CLEAN", sub.org().db().live(scanRequest).getString("wdn__Verdict__c"), applied.body());

        // AdminsOnly: the System Administrator profile has full access to the package's objects, Standard User none.
        assertTrue(hasObjectAccess("System Administrator", "wdn__Scan_Request__c"));
        assertTrue(!hasObjectAccess("Standard User", "wdn__Scan_Request__c"));

        // Installing the installed version again changes nothing.
        Map<String, Integer> counts = counts();
        long againStarted = System.nanoTime();
        SfCli.Result again = install(v1.subscriberPackageVersionId(), KEY, "AdminsOnly");
        System.out.println("[install] re-install of the installed version: "
                + (System.nanoTime() - againStarted) / 1_000_000 + " ms");
        assertEquals(0, again.exit(), again.stdout());
        assertEquals(counts, counts());

        // Upgrade to the version whose ancestor is the installed one; back to the earlier one is refused.
        SfCli.Result upgrade = install(v2.subscriberPackageVersionId(), KEY, "AdminsOnly");
        assertEquals(0, upgrade.exit(), upgrade.stdout());
        assertEquals(
                v2.subscriberPackageVersionId(),
                installedList()
                        .get(0)
                        .get("SubscriberPackageVersionId")
                        .asText()
                        .substring(0, 15));
        assertEquals(
                1,
                sub.org().db().findBy("wdn__Scan_Request__c", "Id", scanRequest).size(),
                "data survives");
        SfCli.Result downgrade = install(v1.subscriberPackageVersionId(), KEY, "AdminsOnly");
        assertEquals(1, downgrade.exit(), downgrade.stdout());
        assertTrue(downgrade.stdout().contains("CANNOT_INSTALL_EARLIER_VERSION"), downgrade.stdout());

        // Uninstall removes the package: components, data, the installed row.
        sub.org().db().delete(sub.org().system(), assignmentId);
        before = OrgRequests.count(sub);
        SfCli.Result uninstall = sf.run(
                "package",
                "uninstall",
                "--package",
                v2.subscriberPackageVersionId(),
                "-o",
                "sub",
                "--wait",
                "5",
                "--json");
        System.out.println(
                "[install] sf package uninstall --wait 5: " + (OrgRequests.count(sub) - before) + " requests");
        assertEquals(0, uninstall.exit(), uninstall.stdout() + uninstall.stderr());
        assertEquals(0, installedList().size());
        assertEquals(null, sub.org().schema().get("wdn__Scan_Request__c"));
        assertTrue(sub.org()
                .db()
                .findBy("ApexClass", "Name", "WardenVerdictResource")
                .isEmpty());
        assertEquals(
                404, apexRest("/wdn/warden/v1/verdicts", "{\"verdicts\":[]}").statusCode());
    }

    @Test
    void unlockedWardenInstallsWithoutNamespaceForAllUsers() throws Exception {
        try (LocalOrgServer other = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            login(other, "sub2");
            Record salesforceLicense =
                    other.org().db().findBy("UserLicense", "Name", "Salesforce").get(0);
            String analyst = other.org()
                    .db()
                    .insert(
                            other.org().admin(),
                            "Profile",
                            Map.of("Name", "Warden Analyst", "UserLicenseId", salesforceLicense.id()));
            SfCli.Result keyNotNeeded = sf.run(
                    "package",
                    "install",
                    "--package",
                    unlocked.subscriberPackageVersionId(),
                    "-o",
                    "sub2",
                    "--installation-key",
                    "whatever",
                    "--wait",
                    "5",
                    "--no-prompt",
                    "--json");
            assertNotEquals(0, keyNotNeeded.exit(), keyNotNeeded.stdout());
            assertTrue(keyNotNeeded.stdout().contains("doesn't require an installation key"), keyNotNeeded.stdout());

            int before = OrgRequests.count(other);
            SfCli.Result installed = sf.run(
                    "package",
                    "install",
                    "--package",
                    unlocked.subscriberPackageVersionId(),
                    "-o",
                    "sub2",
                    "--security-type",
                    "AllUsers",
                    "--wait",
                    "5",
                    "--no-prompt",
                    "--json");
            System.out.println("[install] sf package install (unlocked, AllUsers, --wait 5): "
                    + (OrgRequests.count(other) - before) + " requests");
            assertEquals(0, installed.exit(), installed.stdout() + installed.stderr());
            assertEquals(
                    "full",
                    other.org()
                            .db()
                            .live(installed.json().at("/result/Id").asText())
                            .getString("SecurityType"));
            before = OrgRequests.count(other);
            SfCli.Result list = sf.run("package", "installed", "list", "-o", "sub2", "--json");
            System.out.println(
                    "[install] sf package installed list: " + (OrgRequests.count(other) - before) + " requests");
            assertEquals(0, list.exit(), list.stdout());
            // sf's "Version Settings" is empty for anything but a managed 2GP package
            assertEquals("", list.json().at("/result/0/VersionSettings").asText(), list.stdout());
            assertEquals(
                    "Warden Unlocked",
                    list.json().at("/result/0/SubscriberPackageName").asText());

            // No namespace: the package's names are the source's, its REST path has no prefix.
            assertEquals(
                    0,
                    sf.run("data", "query", "-o", "sub2", "--json", "-q", "SELECT Id FROM Scan_Request__c")
                            .exit());
            assertEquals(
                    null,
                    other.org()
                            .db()
                            .findBy("ApexClass", "Name", "WardenVerdictResource")
                            .get(0)
                            .getString("NamespacePrefix"));
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(other.instanceUrl() + "/services/apexrest/warden/v1/verdicts"))
                                    .header("Authorization", "Bearer " + other.adminAccessToken())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"verdicts\":[]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("missingPermission"), refused.body());

            // AllUsers: a custom profile gets CRUD without View/Modify All; standard non-admin profiles nothing.
            assertTrue(objectAccess(other, analyst, "Scan_Request__c") != null);
            assertEquals(false, objectAccess(other, analyst, "Scan_Request__c").is("PermissionsModifyAllRecords"));
            String standardUser = other.org()
                    .db()
                    .findBy("Profile", "Name", "Standard User")
                    .get(0)
                    .id();
            assertEquals(null, objectAccess(other, standardUser, "Scan_Request__c"));
        }
    }

    private static Record objectAccess(LocalOrgServer org, String profileId, String object) {
        for (Record ps : org.org().db().findBy("PermissionSet", "ProfileId", profileId)) {
            for (Record op : org.org().db().findBy("ObjectPermissions", "ParentId", ps.id())) {
                if (object.equals(op.getString("SobjectType"))) {
                    return op;
                }
            }
        }
        return null;
    }

    static String assignmentId;

    private static void assign(String permissionSetId) {
        assignmentId = sub.org()
                .db()
                .insert(
                        sub.org().admin(),
                        "PermissionSetAssignment",
                        Map.of("AssigneeId", sub.org().adminUserId(), "PermissionSetId", permissionSetId));
    }

    private static boolean hasObjectAccess(String profileName, String object) {
        Record profile = sub.org().db().findBy("Profile", "Name", profileName).get(0);
        for (Record ps : sub.org().db().findBy("PermissionSet", "ProfileId", profile.id())) {
            for (Record op : sub.org().db().findBy("ObjectPermissions", "ParentId", ps.id())) {
                if (object.equals(op.getString("SobjectType")) && op.is("PermissionsModifyAllRecords")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Integer> counts() {
        return Map.of(
                "ApexClass", sub.org().db().count("ApexClass"),
                "ObjectPermissions", sub.org().db().count("ObjectPermissions"),
                "FieldPermissions", sub.org().db().count("FieldPermissions"),
                "InstalledSubscriberPackage", sub.org().db().count("InstalledSubscriberPackage"),
                "SetupAuditTrail", sub.org().db().count("SetupAuditTrail"));
    }

    private static SfCli.Result install(String versionId, String key, String securityType) {
        return key == null
                ? sf.run(
                        "package",
                        "install",
                        "--package",
                        versionId,
                        "--target-org",
                        "sub",
                        "--security-type",
                        securityType,
                        "--wait",
                        "5",
                        "--no-prompt",
                        "--json")
                : sf.run(
                        "package",
                        "install",
                        "--package",
                        versionId,
                        "--target-org",
                        "sub",
                        "--security-type",
                        securityType,
                        "--installation-key",
                        key,
                        "--wait",
                        "5",
                        "--no-prompt",
                        "--json");
    }

    private static JsonNode installedList() {
        SfCli.Result list = sf.run("package", "installed", "list", "-o", "sub", "--json");
        assertEquals(0, list.exit(), list.stdout());
        return list.json().get("result");
    }

    private static HttpResponse<String> apexRest(String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sub.instanceUrl() + "/services/apexrest" + path))
                                .header("Authorization", "Bearer " + sub.adminAccessToken())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
