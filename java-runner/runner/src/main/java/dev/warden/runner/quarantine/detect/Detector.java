package dev.warden.runner.quarantine.detect;

import java.util.Optional;

/** One kind of check over a piece of content (file bytes, post body, attachment body). Pure and thread-safe. */
public interface Detector {

    /** Stable id written to {@code Quarantine_Item__c.Detector__c}. */
    String id();

    Optional<Finding> inspect(Content content);

    /**
     * True when the detector judges the content as a whole (its length, its hash) rather than by patterns in it: a
     * streamed scan gives such a detector {@link #inspectDigest} once at the end instead of each window.
     */
    default boolean wholeContent() {
        return false;
    }

    /** The judgement of a whole-content detector from the content's SHA-256 and length (streamed content). */
    default Optional<Finding> inspectDigest(String sha256, long length) {
        return Optional.empty();
    }
}
