package dev.warden.runner.quarantine.scan;

import java.util.List;

/**
 * What one scanner pass did.
 *
 * @param candidates rows the candidate query returned
 * @param claimed rows this worker claimed and confirmed
 * @param lostClaims rows another worker claimed first (412 on the conditional update, or a different token on re-read)
 * @param scanned rows whose content was downloaded and inspected
 * @param clean rows closed as CLEAN (Done) by this worker
 * @param quarantined verdicts the verdict endpoint APPLIED (or IGNORED as already applied)
 * @param failed rows released for a later retry or marked Failed, with their error
 * @param gaveUp rows marked Failed because they reached the attempts cap
 * @param verdictCalls calls to the verdict endpoint (retries included)
 * @param apiCalls all API calls the pass made
 * @param stoppedForReserve the pass stopped early to keep the API reserve
 * @param errors distinct error lines (Salesforce's words), for the report
 * @param quarantineItemIds Quarantine_Item__c ids the endpoint answered
 */
public record PassReport(
        int candidates,
        int claimed,
        int lostClaims,
        int scanned,
        int clean,
        int quarantined,
        int failed,
        int gaveUp,
        int verdictCalls,
        long apiCalls,
        boolean stoppedForReserve,
        List<String> errors,
        List<String> quarantineItemIds) {

    public PassReport plus(PassReport o) {
        return new PassReport(
                candidates + o.candidates,
                claimed + o.claimed,
                lostClaims + o.lostClaims,
                scanned + o.scanned,
                clean + o.clean,
                quarantined + o.quarantined,
                failed + o.failed,
                gaveUp + o.gaveUp,
                verdictCalls + o.verdictCalls,
                apiCalls + o.apiCalls,
                stoppedForReserve || o.stoppedForReserve,
                java.util.stream.Stream.concat(errors.stream(), o.errors.stream())
                        .distinct()
                        .toList(),
                java.util.stream.Stream.concat(quarantineItemIds.stream(), o.quarantineItemIds.stream())
                        .toList());
    }

    public static PassReport empty() {
        return new PassReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, List.of(), List.of());
    }
}
