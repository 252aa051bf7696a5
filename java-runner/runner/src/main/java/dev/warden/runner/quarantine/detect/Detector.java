package dev.warden.runner.quarantine.detect;

import java.util.Optional;

/** One kind of check over a piece of content (file bytes, post body, attachment body). Pure and thread-safe. */
public interface Detector {

    /** Stable id written to {@code Quarantine_Item__c.Detector__c}. */
    String id();

    Optional<Finding> inspect(Content content);
}
