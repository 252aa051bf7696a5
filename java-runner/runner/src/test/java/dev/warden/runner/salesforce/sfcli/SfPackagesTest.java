package dev.warden.runner.salesforce.sfcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sf's packaging results read as the shapes in shared/reference/devhub-packaging-wire.md. The samples are handwritten
 * from that reference (§8.6 mapped request, §11 Package2Version, §13.3 PackageInstallRequest), not recorded from a
 * real Dev Hub.
 */
class SfPackagesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void aSuccessfulVersionCreateGivesThe04tTheNumberAndTheMeasuredCoverage() throws Exception {
        // From the reference §8.6: the mapped Package2VersionCreateRequest sf prints as result.
        var v = SfPackages.parseCreated(
                json(
                        "{\"Id\":\"08c000000000001AAA\",\"Status\":\"Success\","
                                + "\"Package2Id\":\"0Ho000000000001AAA\",\"Package2Name\":\"Warden\",\"Package2VersionId\":\"05i000000000001AAA\","
                                + "\"SubscriberPackageVersionId\":\"04t000000000001AAA\",\"Tag\":null,\"Branch\":null,\"Error\":[],"
                                + "\"CreatedDate\":\"2026-12-05 08:00\",\"HasMetadataRemoved\":false,\"CodeCoverage\":82,"
                                + "\"HasPassedCodeCoverageCheck\":true,\"VersionNumber\":\"0.1.0.1\",\"CreatedBy\":\"005000000000001AAA\"}"));
        assertTrue(v.success());
        assertEquals("04t000000000001AAA", v.subscriberPackageVersionId());
        assertEquals("0.1.0.1", v.versionNumber());
        assertEquals(82.0, v.codeCoverage());
        assertEquals(true, v.passedCodeCoverageCheck());
    }

    @Test
    void aVersionStillInProgressHasNoNumberAndNoCoverage() throws Exception {
        // Reference §8.6: "null.null.null.null" while Package2Version is null (OBSERVED with --wait 0).
        var v = SfPackages.parseCreated(json("{\"Id\":\"08c000000000002AAA\",\"Status\":\"InProgress\","
                + "\"SubscriberPackageVersionId\":null,\"VersionNumber\":\"null.null.null.null\",\"CodeCoverage\":null,"
                + "\"HasPassedCodeCoverageCheck\":null,\"Error\":[]}"));
        assertFalse(v.success());
        assertNull(v.versionNumber());
        assertNull(v.codeCoverage(), "never an invented figure");
        assertNull(v.passedCodeCoverageCheck());
    }

    @Test
    void aFailedVersionKeepsSalesforcesMessages() throws Exception {
        var v = SfPackages.parseCreated(json("{\"Id\":\"08c000000000003AAA\",\"Status\":\"Error\","
                + "\"Error\":[\"WardenVerdictService: Variable does not exist: foo\"]}"));
        assertEquals(List.of("WardenVerdictService: Variable does not exist: foo"), v.errors());
    }

    @Test
    void coverageIsReadFromEveryShapeTheReferenceNamesAndNullWhenNotMeasured() throws Exception {
        assertEquals(76.5, SfPackages.coverage(json("{\"apexCodeCoveragePercentage\":76.5}")));
        assertEquals(90.0, SfPackages.coverage(json("90")));
        assertEquals(90.0, SfPackages.coverage(json("\"90%\"")));
        assertNull(SfPackages.coverage(json("\"N/A\"")));
        assertNull(SfPackages.coverage(json("null")));
    }

    @Test
    void theReportSaysReleasedValidationAndCoverage() throws Exception {
        // Reference §11: the Package2Version row (report --verbose), CodeCoverage as the complex value.
        var r = SfPackages.parseReport(
                json("{\"Id\":\"05i000000000001AAA\",\"SubscriberPackageVersionId\":\"04t000000000001AAA\","
                        + "\"Name\":\"ver 0.1\",\"MajorVersion\":0,\"MinorVersion\":1,\"PatchVersion\":0,\"BuildNumber\":1,"
                        + "\"IsReleased\":true,\"ValidationSkipped\":false,\"CodeCoverage\":{\"apexCodeCoveragePercentage\":82},"
                        + "\"HasPassedCodeCoverageCheck\":true}"));
        assertEquals("0.1.0.1", r.version());
        assertTrue(r.released());
        assertFalse(r.validationSkipped());
        assertEquals(82.0, r.codeCoverage());
    }

    @Test
    void anInstallRequestEndsSuccessOrCarriesTheErrors() throws Exception {
        // Reference §13.3: PackageInstallRequest with Errors.errors[].message.
        assertTrue(
                SfPackages.parseInstall(json("{\"Id\":\"0Hf000000000001AAA\",\"Status\":\"SUCCESS\",\"Errors\":null}"))
                        .success());
        var failed = SfPackages.parseInstall(json("{\"Id\":\"0Hf000000000002AAA\",\"Status\":\"ERROR\","
                + "\"Errors\":{\"errors\":[{\"message\":\"Invalid InstallationKey for SubscriberPackageVersion\"}]}}"));
        assertFalse(failed.success());
        assertEquals(List.of("Invalid InstallationKey for SubscriberPackageVersion"), failed.errors());
    }
}
