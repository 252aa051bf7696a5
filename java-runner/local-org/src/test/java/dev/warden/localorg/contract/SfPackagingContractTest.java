package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.devhub.packaging.PackageVersion;
import dev.warden.localorg.devhub.packaging.PackageVersionLabels;
import dev.warden.localorg.devhub.packaging.PackageVersions;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * 2GP packaging on the local Dev Hub with the real sf CLI: the Warden package (a copy of this repository's
 * force-app) is created as a managed package in a namespace linked to the hub, a version is built with code
 * coverage — validated by deploying it into a fresh build org and running its Apex tests in the local Apex runtime —
 * reported, listed and promoted; small unlocked packages show the promotion refusals (low coverage, an untested
 * trigger, skipped validation, no coverage) and bad input gets Salesforce's error names.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SfPackagingContractTest {
    private static LocalOrgServer hub;
    private static SfCli sf;
    private static Path project;
    private static String wardenVersion;

    @BeforeAll
    static void loginToTheHubWithAProject() throws Exception {
        hub = LocalOrgServer.start(LocalOrgOptions.defaults());
        sf = new SfCli();
        sf.loginAsAdmin(hub, "hub", "--set-default-dev-hub");
        project = sf.project();
        sf.copyIntoProject(SfCli.repoRoot().resolve("force-app"), "force-app");
        // A class no test covers (0%), and a well-tested class beside a trigger no test fires.
        sf.write(
                "untested/classes/PkgUntested.cls",
                "public class PkgUntested {\n    public static Integer twice(Integer"
                        + " n) {\n        Integer r = n * 2;\n        return r;\n    }\n}\n");
        sf.write("untested/classes/PkgUntested.cls-meta.xml", classMeta());
        sf.write(
                "triggered/classes/PkgCounter.cls",
                "public class PkgCounter {\n    public static Integer add(Integer a,"
                        + " Integer b) {\n        Integer s = a + b;\n        s = s + 0;\n        s = s * 1;\n        return"
                        + " s;\n    }\n}\n");
        sf.write("triggered/classes/PkgCounter.cls-meta.xml", classMeta());
        sf.write(
                "triggered/classes/PkgCounterTest.cls",
                "@IsTest\nprivate class PkgCounterTest {\n    @IsTest\n    static"
                        + " void adds() {\n        Assert.areEqual(3, PkgCounter.add(1, 2));\n    }\n}\n");
        sf.write("triggered/classes/PkgCounterTest.cls-meta.xml", classMeta());
        sf.write(
                "triggered/triggers/PkgAccountTrigger.trigger",
                "trigger PkgAccountTrigger on Account (before insert)"
                        + " {\n    Integer n = Trigger.new.size();\n}\n");
        sf.write(
                "triggered/triggers/PkgAccountTrigger.trigger-meta.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexTrigger"
                        + " xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <apiVersion>62.0</apiVersion>\n"
                        + "    <status>Active</status>\n</ApexTrigger>\n");
        // A fully tested class, and a class that does not compile.
        sf.write(
                "covered/classes/PkgCovered.cls",
                "public class PkgCovered {\n    public static String hello() {\n" + "        return 'hi';\n    }\n}\n");
        sf.write("covered/classes/PkgCovered.cls-meta.xml", classMeta());
        sf.write(
                "covered/classes/PkgCoveredTest.cls",
                "@IsTest\nprivate class PkgCoveredTest {\n    @IsTest\n    static"
                        + " void greets() {\n        Assert.areEqual('hi', PkgCovered.hello());\n    }\n}\n");
        sf.write("covered/classes/PkgCoveredTest.cls-meta.xml", classMeta());
        sf.write(
                "broken/classes/PkgBroken.cls",
                "public class PkgBroken {\n    public static Integer n() {\n"
                        + "        return undefinedVariable;\n    }\n}\n");
        sf.write("broken/classes/PkgBroken.cls-meta.xml", classMeta());
        Files.writeString(
                project.resolve("sfdx-project.json"),
                "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true},{\"path\":\"untested\"},"
                        + "{\"path\":\"triggered\"},{\"path\":\"covered\"},{\"path\":\"broken\"}],"
                        + "\"namespace\":\"wdn\",\"sourceApiVersion\":\"62.0\"}");
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void aManagedPackageNeedsItsNamespaceLinkedToTheHub() throws Exception {
        SfCli.Result refused = sf.run(
                "package", "create", "--name", "Warden", "--package-type", "Managed", "--path", "force-app", "--json");
        assertEquals(1, refused.exit(), refused.stdout() + refused.stderr());
        assertTrue(
                refused.stdout()
                        .contains("We don’t recognize this namespace: wdn. Did you register it in your Dev Hub"),
                refused.stdout());

        admin("POST", "/_local/devhub/namespace", "{\"prefix\":\"wdn\"}");
        int before = requestCount();
        long started = System.nanoTime();
        SfCli.Result created = sf.run(
                "package", "create", "--name", "Warden", "--package-type", "Managed", "--path", "force-app", "--json");
        report("package create", before, started);
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        String packageId = created.json().path("result").path("Id").asText();
        assertTrue(packageId.startsWith("0Ho"), created.stdout());
        JsonNode projectFile =
                Json.MAPPER.readTree(project.resolve("sfdx-project.json").toFile());
        assertEquals(
                packageId, projectFile.path("packageAliases").path("Warden").asText(), projectFile.toString());

        before = requestCount();
        started = System.nanoTime();
        SfCli.Result list = sf.run("package", "list", "--json");
        report("package list", before, started);
        assertEquals(0, list.exit(), list.stdout() + list.stderr());
        JsonNode row = find(list.json().path("result"), "Id", packageId);
        assertNotNull(row, list.stdout());
        assertEquals("wdn", row.path("NamespacePrefix").asText());
        assertEquals("Managed", row.path("ContainerOptions").asText());
        assertTrue(row.path("SubscriberPackageId").asText().startsWith("033"), row.toString());
        assertEquals(0, sf.run("package", "list").exit(), "the table output reads every column");
    }

    @Test
    @Order(2)
    void aVersionWithCodeCoverageIsValidatedInABuildOrgAndCarriesTheMeasuredCoverage() throws Exception {
        int before = requestCount();
        long started = System.nanoTime();
        SfCli.Result created = sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Warden",
                "--code-coverage",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json");
        report("package version create --code-coverage (Warden)", before, started);
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        JsonNode result = created.json().path("result");
        assertEquals("Success", result.path("Status").asText(), result.toString());
        wardenVersion = result.path("SubscriberPackageVersionId").asText();
        assertTrue(wardenVersion.startsWith("04t"), result.toString());
        assertEquals("0.1.0.1", result.path("VersionNumber").asText(), result.toString());
        double coverage = result.path("CodeCoverage").asDouble(-1);
        assertTrue(coverage >= 75 && coverage <= 100, "measured coverage " + coverage);
        assertTrue(result.path("HasPassedCodeCoverageCheck").asBoolean(), result.toString());
        JsonNode projectFile =
                Json.MAPPER.readTree(project.resolve("sfdx-project.json").toFile());
        assertEquals(
                wardenVersion,
                projectFile.path("packageAliases").path("Warden@0.1.0-1").asText());

        // The registry install reads from holds the same measured figure and the package's metadata zip.
        PackageVersion built =
                PackageVersions.inThisProcess().find(wardenVersion).orElseThrow();
        assertEquals("wdn", built.namespacePrefix());
        assertTrue(built.managed());
        assertEquals(coverage, Math.floor(built.codeCoveragePercent() * 100) / 100, 1e-9);
        assertNull(built.installationKeySha256());
        assertFalse(built.released());
        assertTrue(built.metadataZip().length > 1000);
        PackageVersionLabels labels =
                PackageVersions.inThisProcess().labels(wardenVersion).orElseThrow();
        assertEquals("ver 0.1", labels.versionName(), "sf package create wrote versionName into sfdx-project.json");
        assertTrue(labels.subscriberPackageId().startsWith("033"), labels.toString());
        System.out.println("[packaging] Warden 0.1.0.1 measured coverage " + built.codeCoveragePercent() + "%");

        String requestId = result.path("Id").asText();
        assertTrue(requestId.startsWith("08c"), result.toString());
        before = requestCount();
        started = System.nanoTime();
        SfCli.Result report = sf.run("package", "version", "create", "report", "-i", requestId, "--json");
        report("package version create report", before, started);
        assertEquals(0, report.exit(), report.stdout() + report.stderr());
        JsonNode row = report.json().path("result").get(0);
        assertEquals("Success", row.path("Status").asText());
        assertEquals(wardenVersion, row.path("SubscriberPackageVersionId").asText());
        assertEquals(coverage, row.path("CodeCoverage").asDouble(), 1e-9);
    }

    @Test
    @Order(3)
    void theVersionIsReportedListedAndPromoted() throws Exception {
        int before = requestCount();
        long started = System.nanoTime();
        SfCli.Result report = sf.run("package", "version", "report", "--package", wardenVersion, "--verbose", "--json");
        report("package version report --verbose", before, started);
        assertEquals(0, report.exit(), report.stdout() + report.stderr());
        JsonNode r = report.json().path("result");
        assertEquals(wardenVersion, r.path("SubscriberPackageVersionId").asText(), r.toString());
        assertEquals("0.1.0.1", r.path("Version").asText(), r.toString());
        assertFalse(r.path("IsReleased").asBoolean());
        assertFalse(r.path("ValidationSkipped").asBoolean());
        assertTrue(r.path("HasPassedCodeCoverageCheck").asBoolean(), r.toString());
        assertEquals(
                0,
                sf.run("package", "version", "report", "--package", wardenVersion)
                        .exit());

        before = requestCount();
        started = System.nanoTime();
        SfCli.Result list = sf.run("package", "version", "list", "--verbose", "--json");
        report("package version list --verbose", before, started);
        assertEquals(0, list.exit(), list.stdout() + list.stderr());
        JsonNode listed = find(list.json().path("result"), "SubscriberPackageVersionId", wardenVersion);
        assertNotNull(listed, list.stdout());
        assertEquals("Warden", listed.path("Package2Name").asText(), listed.toString());
        assertEquals("wdn", listed.path("NamespacePrefix").asText(), listed.toString());
        assertEquals(0, sf.run("package", "version", "list", "--verbose").exit(), "the table output");

        before = requestCount();
        started = System.nanoTime();
        SfCli.Result promoted =
                sf.run("package", "version", "promote", "--package", wardenVersion, "--no-prompt", "--json");
        report("package version promote", before, started);
        assertEquals(0, promoted.exit(), promoted.stdout() + promoted.stderr());
        assertTrue(PackageVersions.inThisProcess()
                .find(wardenVersion)
                .orElseThrow()
                .released());
        Record hubRow = hub.org().db().findOne("Package2Version", "SubscriberPackageVersionId", wardenVersion);
        assertEquals(true, hubRow.get("IsReleased"));
        SfCli.Result released = sf.run("package", "version", "list", "--released", "--json");
        assertNotNull(find(released.json().path("result"), "SubscriberPackageVersionId", wardenVersion));
    }

    @Test
    @Order(4)
    void promotionIsRefusedBelowSeventyFivePercentWhenATriggerIsUntestedWithoutCoverageOrValidation() throws Exception {
        assertEquals(
                0,
                sf.run(
                                "package",
                                "create",
                                "--name",
                                "Untested",
                                "--package-type",
                                "Unlocked",
                                "--path",
                                "untested",
                                "--no-namespace",
                                "--json")
                        .exit());
        String low = versionOf(sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Untested",
                "--code-coverage",
                "--installation-key",
                "s3cr3t",
                "--wait",
                "10",
                "--json"));
        PackageVersion lowVersion = PackageVersions.inThisProcess().find(low).orElseThrow();
        assertEquals(0.0, lowVersion.codeCoveragePercent(), "no test runs PkgUntested: 0% measured");
        assertNotNull(lowVersion.installationKeySha256());
        assertFalse(lowVersion.hasPassedCodeCoverageCheck());
        SfCli.Result refused = sf.run("package", "version", "promote", "--package", low, "--no-prompt", "--json");
        assertEquals(1, refused.exit(), refused.stdout());
        assertTrue(refused.stdout().contains("code coverage is 0%"), refused.stdout());
        assertTrue(refused.stdout().contains("at least 75% code coverage"), refused.stdout());

        String unvalidated = versionOf(sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Untested",
                "--skip-validation",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json"));
        SfCli.Result skipped =
                sf.run("package", "version", "promote", "--package", unvalidated, "--no-prompt", "--json");
        assertEquals(1, skipped.exit(), skipped.stdout());
        assertTrue(skipped.stdout().contains("--skip-validation"), skipped.stdout());
        assertTrue(
                PackageVersions.inThisProcess().find(unvalidated).orElseThrow().validationSkipped());

        String noCoverage = versionOf(sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Untested",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json"));
        assertNull(
                PackageVersions.inThisProcess().find(noCoverage).orElseThrow().codeCoveragePercent());
        // sf's default --wait 0 returns the request as it stands: the local build already ended inside the POST.
        SfCli.Result human =
                sf.run("package", "version", "create", "--package", "Untested", "--installation-key-bypass");
        assertEquals(0, human.exit(), human.stdout() + human.stderr());
        assertTrue(human.stdout().contains("Subscriber Package Version Id: 04t"), human.stdout());
        SfCli.Result uncomputed =
                sf.run("package", "version", "promote", "--package", noCoverage, "--no-prompt", "--json");
        assertEquals(1, uncomputed.exit(), uncomputed.stdout());
        assertTrue(
                uncomputed.stdout().contains("Code coverage has not been run for this version"), uncomputed.stdout());

        assertEquals(
                0,
                sf.run(
                                "package",
                                "create",
                                "--name",
                                "Triggered",
                                "--package-type",
                                "Unlocked",
                                "--path",
                                "triggered",
                                "--no-namespace",
                                "--json")
                        .exit());
        String triggered = versionOf(sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Triggered",
                "--code-coverage",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json"));
        PackageVersion t = PackageVersions.inThisProcess().find(triggered).orElseThrow();
        assertTrue(t.codeCoveragePercent() >= 75, "the class is covered, the trigger is not: " + t);
        assertFalse(t.hasPassedCodeCoverageCheck());
        SfCli.Result untestedTrigger =
                sf.run("package", "version", "promote", "--package", triggered, "--no-prompt", "--json");
        assertEquals(1, untestedTrigger.exit(), untestedTrigger.stdout());
        assertTrue(untestedTrigger.stdout().contains("every Apex trigger"), untestedTrigger.stdout());
    }

    @Test
    @Order(5)
    void aSecondReleaseOfTheSameMajorMinorPatchIsRefusedInSalesforcesWords() {
        assertEquals(
                0,
                sf.run(
                                "package",
                                "create",
                                "--name",
                                "Covered",
                                "--package-type",
                                "Unlocked",
                                "--path",
                                "covered",
                                "--no-namespace",
                                "--json")
                        .exit());
        String first = versionOf(sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Covered",
                "--code-coverage",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json"));
        assertEquals(
                100.0, PackageVersions.inThisProcess().find(first).orElseThrow().codeCoveragePercent());
        assertEquals(
                0,
                sf.run("package", "version", "promote", "--package", first, "--no-prompt", "--json")
                        .exit());
        String second = versionOf(sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Covered",
                "--code-coverage",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json"));
        assertEquals(
                "0.1.0.2",
                PackageVersions.inThisProcess().find(second).orElseThrow().versionNumber());
        SfCli.Result duplicate = sf.run("package", "version", "promote", "--package", second, "--no-prompt", "--json");
        assertEquals(1, duplicate.exit(), duplicate.stdout());
        assertTrue(
                duplicate
                        .stdout()
                        .contains("You already promoted a package version with this major.minor.patch version number."),
                duplicate.stdout());
    }

    @Test
    @Order(6)
    void aManagedVersionNamesItsReleasedAncestorAndAnUnreleasedOneIsRefused() throws Exception {
        setWardenVersion("0.2.0.NEXT", "0.1.0");
        String second = versionOf(sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Warden",
                "--skip-validation",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json"));
        assertEquals(
                wardenVersion,
                PackageVersions.inThisProcess().find(second).orElseThrow().ancestorId());
        JsonNode report = sf.run("package", "version", "report", "--package", second, "--json")
                .json()
                .path("result");
        assertEquals(wardenVersion, report.path("AncestorId").asText(), report.toString());
        assertEquals("0.1.0.1", report.path("AncestorVersion").asText(), report.toString());

        setWardenVersion("0.3.0.NEXT", "0.2.0");
        SfCli.Result unreleased = sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Warden",
                "--skip-validation",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json");
        assertEquals(1, unreleased.exit(), unreleased.stdout());
        assertEquals(
                "ErrorAncestorNotReleasedError", unreleased.json().path("name").asText(), unreleased.stdout());
        assertTrue(
                unreleased.stdout().contains("The given ancestor version (0.2.0) has not been released"),
                unreleased.stdout());
    }

    @Test
    @Order(7)
    void badInputGetsSalesforcesErrorNames() throws Exception {
        SfCli.Result unknownAlias = sf.run(
                "package", "version", "create", "--package", "NoSuchPackage", "--installation-key-bypass", "--json");
        assertEquals(1, unknownAlias.exit(), unknownAlias.stdout());
        assertEquals(
                "ErrorCouldNotFindPackageDirError",
                unknownAlias.json().path("name").asText());

        SfCli.Result unknownVersion =
                sf.run("package", "version", "promote", "--package", "04t000000000999AAA", "--no-prompt", "--json");
        assertEquals(1, unknownVersion.exit(), unknownVersion.stdout());
        assertEquals(
                "ErrorInvalidIdNoMatchingVersionIdError",
                unknownVersion.json().path("name").asText(),
                unknownVersion.stdout());

        // A class that does not compile fails the build org's deploy: the request ends in Error with the problem.
        assertEquals(
                0,
                sf.run(
                                "package",
                                "create",
                                "--name",
                                "Broken",
                                "--package-type",
                                "Unlocked",
                                "--path",
                                "broken",
                                "--no-namespace",
                                "--json")
                        .exit());
        SfCli.Result broken = sf.run(
                "package",
                "version",
                "create",
                "--package",
                "Broken",
                "--installation-key-bypass",
                "--wait",
                "10",
                "--json");
        assertEquals(1, broken.exit(), broken.stdout());
        assertEquals("MultipleErrorsError", broken.json().path("name").asText(), broken.stdout());
        assertTrue(broken.stdout().contains("classes/PkgBroken.cls"), broken.stdout());
        assertTrue(broken.stdout().contains("undefinedVariable"), broken.stdout());
        System.out.println(
                "[packaging] compile error: " + broken.json().path("message").asText());

        // The installation key is never stored in the clear, nor returned.
        assertTrue(hub.org().db().rows("Package2Version", false).stream().allMatch(r -> r.get("InstallKey") == null));
        assertTrue(hub.org().db().rows("Package2VersionCreateRequest", false).stream()
                .allMatch(r -> r.get("InstallKey") == null));
    }

    private static void setWardenVersion(String versionNumber, String ancestorVersion) throws IOException {
        ObjectNode projectFile = (ObjectNode)
                Json.MAPPER.readTree(project.resolve("sfdx-project.json").toFile());
        ObjectNode wardenDir =
                (ObjectNode) projectFile.path("packageDirectories").get(0);
        wardenDir.put("versionNumber", versionNumber);
        wardenDir.put("ancestorVersion", ancestorVersion);
        Files.writeString(project.resolve("sfdx-project.json"), projectFile.toPrettyString());
    }

    // ------------------------------------------------------------------ helpers

    private static String versionOf(SfCli.Result created) {
        assertEquals(0, created.exit(), created.stdout() + created.stderr());
        JsonNode result = created.json().path("result");
        assertEquals("Success", result.path("Status").asText(), result.toString());
        return result.path("SubscriberPackageVersionId").asText();
    }

    private static void report(String what, int hubRequestsBefore, long startedNanos) throws Exception {
        System.out.println("[packaging] sf " + what + ": 1 sf invocation, " + (requestCount() - hubRequestsBefore)
                + " hub requests, " + (System.nanoTime() - startedNanos) / 1_000_000 + " ms");
    }

    private static String classMeta() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexClass"
                + " xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <apiVersion>62.0</apiVersion>\n"
                + "    <status>Active</status>\n</ApexClass>\n";
    }

    private static int requestCount() throws Exception {
        return OrgRequests.count(hub);
    }

    private static JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.instanceUrl() + path))
                .header("Authorization", "Bearer " + hub.adminAccessToken())
                .header("Content-Type", "application/json");
        b = body == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.body());
        return r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }
}
