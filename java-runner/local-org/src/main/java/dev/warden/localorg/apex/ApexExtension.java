package dev.warden.localorg.apex;

import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.LocalOrgExtension;

/**
 * Plugs the Apex runtime into the local org server: every org (including the ones {@code /_local/reset} creates)
 * gets its Apex trigger hooks, and {@code /services/apexrest/*} is served by the deployed {@code @RestResource}
 * classes.
 */
public final class ApexExtension implements LocalOrgExtension {
    @Override
    public void install(LocalOrgContext context) {
        context.onOrgCreated(OrgApex::of);
        context.routes().add("*", "/services/apexrest(/.*)?", ApiKind.APEX_REST, true, ApexRest::handle);
        context.routes()
                .add(
                        "POST",
                        "/services/data/v(\\d{2}\\.\\d)/tooling/runTestsSynchronous/?",
                        ApiKind.REST,
                        true,
                        ApexTestApi::runSynchronous);
        context.routes()
                .add(
                        "POST",
                        "/services/data/v(\\d{2}\\.\\d)/tooling/runTestsAsynchronous/?",
                        ApiKind.REST,
                        true,
                        ApexTestRuns::runAsynchronous);
        context.routes().add("POST", "/cometd/\\d+\\.\\d+/?", ApiKind.REST, true, TestResultStreaming::handle);
        context.routes()
                .add(
                        "POST",
                        "/services/Soap/s/\\d+\\.\\d+(/.*)?",
                        ApiKind.SOAP_PARTNER,
                        false,
                        req -> AnonymousApexSoap.handle(context, req));
    }
}
