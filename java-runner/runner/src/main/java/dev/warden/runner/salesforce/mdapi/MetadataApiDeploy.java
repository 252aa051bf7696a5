package dev.warden.runner.salesforce.mdapi;

import com.sforce.soap.metadata.DeployMessage;
import com.sforce.soap.metadata.DeployOptions;
import com.sforce.soap.metadata.DeployResult;
import com.sforce.soap.metadata.RunTestFailure;
import com.sforce.soap.metadata.TestLevel;
import dev.warden.runner.salesforce.sfcli.SfDeploy;
import dev.warden.runner.salesforce.soap.SoapMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A package directory deployed through the Metadata API from Java ({@code deploy} of the zip {@link SourceToMdapi}
 * builds, then {@code checkDeployStatus}), with the outcome sf's deploy gives: success, component counts, component
 * failures in Salesforce's words with the <em>source</em> file they came from, failed Apex tests. The same deploy
 * options as {@code sf project deploy start}: single package, rollback on error, {@code checkOnly} for a dry run,
 * the test level when one is given (else the org's default).
 */
public final class MetadataApiDeploy {
    private final SoapMetadata metadata;

    public MetadataApiDeploy(SoapMetadata metadata) {
        this.metadata = metadata;
    }

    public SfDeploy.Outcome deploy(SourceToMdapi.Converted pkg, String testLevel, boolean dryRun) {
        DeployOptions options = new DeployOptions();
        options.setSinglePackage(true);
        options.setRollbackOnError(true);
        options.setCheckOnly(dryRun);
        if (testLevel != null) {
            options.setTestLevel(TestLevel.valueOf(testLevel));
        }
        // A refused call (session, API access, transient through every retry) throws SalesforceException: exit 1 in
        // Salesforce's words, as for every other call; a deploy that ran and failed is an outcome with its table.
        DeployResult r = metadata.deployZip(pkg.zip(), options, "of force-app (" + pkg.files() + " files)");
        return outcome(r, pkg);
    }

    static SfDeploy.Outcome outcome(DeployResult r, SourceToMdapi.Converted pkg) {
        List<SfDeploy.ComponentFailure> failures = new ArrayList<>();
        if (r.getDetails() != null) {
            for (DeployMessage m : nonNull(r.getDetails().getComponentFailures())) {
                failures.add(new SfDeploy.ComponentFailure(
                        m.getComponentType(),
                        m.getFullName(),
                        pkg.sourceOf(m.getFileName(), m.getFullName()),
                        m.getLineNumber(),
                        m.getColumnNumber(),
                        m.getProblem()));
            }
            if (r.getDetails().getRunTestResult() != null) {
                for (RunTestFailure t :
                        nonNull(r.getDetails().getRunTestResult().getFailures())) {
                    String cls = t.getName();
                    String source = pkg.sourceOf("classes/" + cls + ".cls", null);
                    failures.add(new SfDeploy.ComponentFailure(
                            "ApexTest",
                            cls + "." + t.getMethodName(),
                            source,
                            0,
                            0,
                            t.getMessage()
                                    + (t.getStackTrace() == null
                                            ? ""
                                            : " (" + t.getStackTrace().replace('\n', ' ') + ")")));
                }
            }
        }
        String status = r.getStatus() == null
                ? (r.isSuccess() ? "Succeeded" : "Failed")
                : r.getStatus().name();
        boolean success = r.isSuccess() && failures.isEmpty();
        String errorName = success
                ? null
                : r.getErrorStatusCode() != null
                        ? r.getErrorStatusCode().name()
                        : failures.isEmpty() ? "DeployFailed" : null;
        String errorMessage = success
                ? null
                : r.getErrorMessage() != null
                        ? r.getErrorMessage()
                        : failures.isEmpty() ? "the deploy " + r.getId() + " ended " + status : null;
        return new SfDeploy.Outcome(
                success,
                status,
                r.getId(),
                r.getNumberComponentsDeployed(),
                r.getNumberComponentsTotal(),
                failures,
                errorName,
                errorMessage);
    }

    private static <T> List<T> nonNull(T[] a) {
        return a == null ? List.of() : java.util.Arrays.asList(a);
    }
}
