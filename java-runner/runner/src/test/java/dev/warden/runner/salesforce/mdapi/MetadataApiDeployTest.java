package dev.warden.runner.salesforce.mdapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sforce.soap.metadata.DeployDetails;
import com.sforce.soap.metadata.DeployMessage;
import com.sforce.soap.metadata.DeployResult;
import com.sforce.soap.metadata.DeployStatus;
import com.sforce.soap.metadata.RunTestFailure;
import com.sforce.soap.metadata.RunTestsResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The deploy outcome in sf's terms: Salesforce's words, the source file of each failure, failed tests as rows. */
class MetadataApiDeployTest {
    static final SourceToMdapi.Converted PKG = new SourceToMdapi(
                    Path.of(System.getProperty("warden.root", "../.."))
                            .toAbsolutePath()
                            .normalize(),
                    "62.0")
            .convert("force-app")
            .converted()
            .orElseThrow();

    @Test
    void aComponentFailureNamesTheSourceFileOfTheFieldInSalesforcesWords() {
        DeployMessage m = new DeployMessage();
        m.setComponentType("CustomField");
        m.setFullName("Scan_Request__c.Status__c");
        m.setFileName("objects/Scan_Request__c.object");
        m.setLineNumber(12);
        m.setProblem("Picklist value: Pending in picklist: Status__c not found");
        DeployDetails d = new DeployDetails();
        d.setComponentFailures(new DeployMessage[] {m});
        DeployResult r = result(false, DeployStatus.Failed, d);
        var o = MetadataApiDeploy.outcome(r, PKG);
        assertFalse(o.success());
        assertEquals(
                "force-app/main/default/objects/Scan_Request__c/fields/Status__c.field-meta.xml:12",
                o.failures().get(0).location());
        assertEquals(
                "Picklist value: Pending in picklist: Status__c not found",
                o.failures().get(0).problem());
    }

    @Test
    void aFailedApexTestIsARowNamingItsClassFile() {
        RunTestFailure t = new RunTestFailure();
        t.setName("WardenCaptureTest");
        t.setMethodName("capturesAnInsert");
        t.setMessage("System.AssertException: Assertion Failed");
        t.setStackTrace("Class.WardenCaptureTest.capturesAnInsert: line 9, column 1");
        RunTestsResult tests = new RunTestsResult();
        tests.setFailures(new RunTestFailure[] {t});
        DeployDetails d = new DeployDetails();
        d.setRunTestResult(tests);
        var o = MetadataApiDeploy.outcome(result(false, DeployStatus.Failed, d), PKG);
        assertEquals("ApexTest", o.failures().get(0).type());
        assertEquals(
                "force-app/main/default/classes/capture/WardenCaptureTest.cls",
                o.failures().get(0).fileName());
        assertTrue(o.failures().get(0).problem().startsWith("System.AssertException: Assertion Failed"));
    }

    @Test
    void aSuccessfulDeployCarriesItsIdAndCounts() {
        DeployResult r = result(true, DeployStatus.Succeeded, new DeployDetails());
        r.setNumberComponentsDeployed(70);
        r.setNumberComponentsTotal(70);
        var o = MetadataApiDeploy.outcome(r, PKG);
        assertTrue(o.success());
        assertEquals("0Af000000000001CAA", o.deployId());
        assertEquals(70, o.componentsDeployed());
        assertEquals("Succeeded", o.status());
    }

    private static DeployResult result(boolean success, DeployStatus status, DeployDetails d) {
        DeployResult r = new DeployResult();
        r.setId("0Af000000000001CAA");
        r.setDone(true);
        r.setSuccess(success);
        r.setStatus(status);
        r.setDetails(d);
        return r;
    }
}
