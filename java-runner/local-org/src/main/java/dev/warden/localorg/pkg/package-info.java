/**
 * The Warden package's runtime behaviour, reproduced in Java because the local org cannot run Apex: capture on
 * insert/update of files, posts, comments and attachments, the verdict endpoint and the restore endpoint. It mirrors
 * the Apex classes in force-app (WardenCapture, WardenVerdictService/Plan, WardenQuarantineWriter,
 * WardenRestoreService), reads its words from the {@code WardenScenarios} static resource as deployed in the org, and
 * is only active while the package's triggers and REST classes are deployed. What is and is not modelled:
 * docs/quarantine.md.
 */
package dev.warden.localorg.pkg;
