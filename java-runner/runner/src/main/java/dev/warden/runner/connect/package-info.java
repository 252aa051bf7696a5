/**
 * The composition root: opens one org (the embedded local org through {@code LocalOrg.start}, or an sf alias) and wires
 * the Salesforce adapters on it (one budget, one call counter, one retry policy). Commands and flows get their ports
 * from here; nothing here knows a command.
 */
package dev.warden.runner.connect;
