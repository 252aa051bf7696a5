package dev.warden.localorg.server;

/** Answers one routed request. Throw {@link dev.warden.localorg.data.OrgException} for Salesforce-shaped errors. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
