package dev.warden.runner.quarantine.detect;

/**
 * Why a piece of content must be quarantined. The reason never repeats the sensitive data it found (it names the
 * kind of data and where), because reasons end up in Quarantine_Item__c and in tombstones.
 *
 * @param detector stable detector id, e.g. {@code eicar}, {@code dlp.card}
 * @param reason one human sentence
 */
public record Finding(String detector, String reason) {}
