/**
 * The quarantine flow seen from outside the org: the reference scanner worker ({@code warden scan}), its detectors,
 * and the end-to-end smoke test ({@code warden smoke}). Everything here talks to an org only through
 * {@link dev.warden.runner.quarantine.api.QuarantineApi}.
 */
package dev.warden.runner.quarantine;
