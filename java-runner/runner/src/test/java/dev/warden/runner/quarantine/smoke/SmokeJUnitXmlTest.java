package dev.warden.runner.quarantine.smoke;

import java.util.List;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

class SmokeJUnitXmlTest {

    @Test
    void eachStepIsOneTestCaseWithItsApiCallsAndFailuresAndSkipsAreMarked() {
        SmokeReport report = new SmokeReport(List.of(
                new SmokeStep("upload-infected-file", "PASSED", "ContentVersion 068000000000001AAA, 68 bytes", 2,
                        List.of("POST /services/data/v62.0/composite/sobjects", "GET /services/data/v62.0/query"), 41),
                new SmokeStep("wait-for-scan-requests", "FAILED", "No scan request for the file within 60 s: are Warden's triggers"
                        + " deployed & active?", 9, List.of("GET /services/data/v62.0/query"), 60012),
                new SmokeStep("scan-and-post-verdicts", "SKIPPED", "skipped: an earlier step failed", 0, List.of(), 0)),
                11, 60100, "integration user");
        Approvals.verify(SmokeJUnitXml.render(report));
    }
}
