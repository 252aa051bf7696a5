/**
 * The quarantine flow seen from outside the org: the reference scanner worker ({@code warden scan}), its detectors,
 * and the end-to-end smoke test ({@code warden smoke}); their commands are in {@code cli}, the smoke stage of
 * {@code up} in {@code flow}. Everything here talks to an org only through the port
 * {@link dev.warden.runner.quarantine.api.QuarantineApi}, which {@code salesforce.rest.RestQuarantineApi} implements
 * over the run's one REST client.
 */
package dev.warden.runner.quarantine;
