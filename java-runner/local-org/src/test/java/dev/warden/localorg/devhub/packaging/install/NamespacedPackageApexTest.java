package dev.warden.localorg.devhub.packaging.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.apex.test.TestResult;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.apex.ApexTests;
import dev.warden.localorg.apex.OrgApex;
import dev.warden.localorg.devhub.packaging.PackageVersion;
import dev.warden.localorg.devhub.packaging.PackageVersions;
import dev.warden.localorg.metadata.ForceAppZip;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Warden package installed as a managed package in namespace {@code wdn}: its own Apex tests — which name
 * {@code Scan_Request__c}, {@code Status__c}, {@code Protection_Policy__mdt}, {@code Warden_Settings__c} without the
 * namespace in SOQL, DML, describes, custom metadata and settings — run in the subscriber org against the namespaced
 * objects and pass, as they do unnamespaced (ApexOverTheApisTest).
 */
class NamespacedPackageApexTest {
    @Test
    void thePackagesOwnApexTestsPassInsideItsNamespace() throws Exception {
        PackageVersions registry = PackageVersions.inThisProcess();
        PackageVersion managed = new PackageVersion(
                registry.nextSubscriberPackageVersionId(),
                "05i00000000APX1",
                "0Ho00000000APX1",
                "Warden",
                "wdn",
                "Managed",
                "1.0.0.1",
                null,
                null,
                true,
                null,
                false,
                false,
                ForceAppZip.zip());
        try (LocalOrgServer sub = LocalOrgServer.start(LocalOrgOptions.defaults())) {
            assertEquals(List.of(), PackageInstalls.install(sub.org(), managed, "none"));
            assertEquals(null, sub.org().schema().get("Scan_Request__c"));

            ApexTests.Run run = ApexTests.run(
                    sub.org(), ApexTests.localTests(OrgApex.of(sub.org()).program()));

            List<String> failures = run.results().stream()
                    .filter(r -> !r.passed())
                    .map(r -> r.className() + "." + r.methodName() + ": " + r.message())
                    .toList();
            System.out.printf(
                    "[install] the package's Apex tests in namespace wdn: %d methods, %d failures, %d ms%n",
                    run.results().size(), failures.size(), run.millis());
            assertEquals(List.of(), failures);
            assertEquals(50, run.results().stream().filter(TestResult::passed).count());
        }
    }
}
