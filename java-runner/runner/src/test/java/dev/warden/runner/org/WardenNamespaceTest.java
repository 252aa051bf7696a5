package dev.warden.runner.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.runner.blueprint.Namespace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which namespace smoke, scan and verify run in, from the org's installed packages: rows in, choice out. */
class WardenNamespaceTest {
    static InstalledPackage pkg(String name, String ns, String version) {
        return new InstalledPackage("033" + version, name, ns, "04t00000000000" + version, "ver", "1.0.0." + version);
    }

    @Test
    void theInstalledWardenPackagesNamespaceIsUsedAndOtherPackagesAreIgnored() {
        var chosen = WardenNamespace.fromInstalled(
                List.of(pkg("Tools", "tls", "1"), pkg("Warden", "wdn", "2"), pkg("Other", null, "3")), "Warden");
        assertEquals(Namespace.of("wdn"), chosen.namespace());
        assertEquals("04t000000000002", chosen.pkg().versionId());
        assertTrue(chosen.source().startsWith("installed package Warden 1.0.0.2 (04t000000000002)"), chosen.source());
    }

    @Test
    void withoutAnInstalledWardenPackageItIsTheUnnamespacedSourceDeploy() {
        var chosen = WardenNamespace.fromInstalled(List.of(pkg("Tools", "tls", "1")), "Warden");
        assertSame(Namespace.NONE, chosen.namespace());
        assertNull(chosen.pkg());
        assertEquals("no installed package named Warden: unnamespaced (a source deploy)", chosen.source());
        assertSame(
                Namespace.NONE,
                WardenNamespace.fromInstalled(List.of(), "Warden").namespace());
    }

    @Test
    void theNameIsComparedAsSalesforceDoesWithoutCase() {
        assertEquals(
                Namespace.of("wdn"),
                WardenNamespace.fromInstalled(List.of(pkg("WARDEN", "wdn", "1")), "Warden")
                        .namespace());
    }

    @Test
    void anInstallWinsOverAnUnnamespacedSourceDeployAndTheReportSaysHowToChooseTheSource() {
        var chosen = WardenNamespace.fromInstalled(List.of(pkg("Warden", "wdn", "1")), "Warden");
        assertTrue(
                chosen.source()
                        .endsWith("an unnamespaced source deploy in this org is not used (--no-namespace uses it)"),
                chosen.source());
    }

    @Test
    void anUnlockedPackageWithoutANamespaceIsUnnamespaced() {
        var chosen = WardenNamespace.fromInstalled(List.of(pkg("Warden", null, "1")), "Warden");
        assertSame(Namespace.NONE, chosen.namespace());
        assertEquals("installed package Warden 1.0.0.1 (04t000000000001), which has no namespace", chosen.source());
    }

    @Test
    void severalWardenPackagesPickTheFirstNamespaceWhateverTheOrderOfTheRowsAndSaySo() {
        var a = WardenNamespace.fromInstalled(
                List.of(pkg("Warden", "zed", "1"), pkg("Warden", null, "2"), pkg("Warden", "abc", "3")), "Warden");
        var b = WardenNamespace.fromInstalled(
                List.of(pkg("Warden", "abc", "3"), pkg("Warden", "zed", "1"), pkg("Warden", null, "2")), "Warden");
        assertEquals(Namespace.of("abc"), a.namespace());
        assertEquals(a, b);
        assertTrue(
                a.source().contains("2 installed packages are named Warden (abc, zed): the first by namespace"),
                a.source());
    }

    @Test
    void aGivenNamespaceIsTakenAsItIs() {
        var given = WardenNamespace.given(Namespace.of("wdn"), "--namespace");
        assertEquals(Namespace.of("wdn"), given.namespace());
        assertEquals("--namespace", given.summary().get("source"));
        assertEquals("wdn", given.summary().get("prefix"));
        assertNull(WardenNamespace.given(Namespace.NONE, "--no-namespace")
                .summary()
                .get("prefix"));
    }
}
