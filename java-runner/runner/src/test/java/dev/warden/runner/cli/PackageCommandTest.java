package dev.warden.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.salesforce.sfcli.SfPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** warden package version's table and advice; up --package's version resolution. No org: values in, text out. */
class PackageCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theTableShowsVersion04tCoverageAndChecks() {
        var created = new SfPackages.VersionCreated(
                "08c1", "Success", "Warden", "05i1", "04t000000000001AAA", "0.1.0.1", 82.0, true, List.of());
        var report = new SfPackages.VersionReport("04t000000000001AAA", "ver 0.1", "0.1.0.1", true, 82.0, true, false);
        Map<String, Object> t = PackageCommand.table(created, report);
        assertEquals("0.1.0.1", t.get("version"));
        assertEquals("82%", t.get("codeCoverage"));
        assertEquals("passed (>= 75%)", t.get("coverageCheck"));
        assertEquals(true, t.get("released"));
    }

    @Test
    void coverageNotMeasuredSaysSoNeverAFigure() {
        var created = new SfPackages.VersionCreated(
                "08c1", "Success", "Warden", "05i1", "04t000000000001AAA", "0.1.0.1", null, null, List.of());
        var report = new SfPackages.VersionReport("04t000000000001AAA", "ver 0.1", "0.1.0.1", false, null, null, true);
        Map<String, Object> t = PackageCommand.table(created, report);
        assertEquals("not measured", t.get("codeCoverage"));
        assertEquals("not run", t.get("coverageCheck"));
        assertEquals("skipped (cannot be promoted)", t.get("validation"));
    }

    @Test
    void salesforcesRefusalsGetWhatToDo() {
        assertTrue(PackageCommand.whatToDo(
                        "DUPLICATE_VALUE: You already promoted a package version with this major.minor.patch version number.")
                .get(0)
                .contains("raise versionNumber"));
        assertTrue(PackageCommand.whatToDo("The code coverage of this version is below 75%")
                .get(0)
                .contains("--code-coverage"));
        assertTrue(PackageCommand.whatToDo("Invalid InstallationKey for SubscriberPackageVersion")
                .get(0)
                .contains("--installation-key"));
        assertEquals(List.of(), PackageCommand.whatToDo("something else entirely"));
    }

    @Test
    void aVersionIsA04tOrAnAliasOfTheProjectAnythingElseIsBadInput() throws Exception {
        Files.writeString(
                tmp.resolve("sfdx-project.json"),
                "{\"packageDirectories\":[{\"path\":\"force-app\",\"default\":true,\"package\":\"Warden\"}],"
                        + "\"namespace\":\"wdn\",\"packageAliases\":{\"Warden\":\"0Ho000000000001AAA\","
                        + "\"Warden@0.1.0-1\":\"04t000000000001AAA\"}}");
        ProjectPackages p = ProjectPackages.read(tmp);
        assertEquals("Warden", p.defaultPackage());
        assertEquals("wdn", p.namespace());
        assertEquals("04t000000000001AAA", p.versionId("Warden@0.1.0-1"));
        assertEquals("04t000000000009AAA", p.versionId("04t000000000009AAA"));
        var notAVersion = assertThrows(BadInputException.class, () -> p.versionId("Warden"));
        assertTrue(
                notAVersion.getMessage().contains("names 0Ho000000000001AAA, not a version"), notAVersion.getMessage());
        assertThrows(BadInputException.class, () -> p.versionId("Nope@9"));
    }
}
