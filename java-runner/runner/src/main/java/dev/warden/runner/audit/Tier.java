package dev.warden.runner.audit;

import dev.warden.runner.verify.Check;

/** How much an attacker who holds a permission of the tier can do; ordered from worst to least. */
public enum Tier {
    FULL_ORG_COMPROMISE("full-org-compromise", "Full org compromise", Check.Severity.HIGH),
    IDENTITY_TAKEOVER("identity-takeover", "Identity takeover", Check.Severity.HIGH),
    DATA_EXPOSURE("data-exposure", "Data exposure", Check.Severity.MEDIUM),
    CONTROL_WEAKENING("control-weakening", "Control weakening", Check.Severity.LOW);

    private final String id;
    private final String label;
    private final Check.Severity severity;

    Tier(String id, String label, Check.Severity severity) {
        this.id = id;
        this.label = label;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Check.Severity severity() {
        return severity;
    }

    /** {@code full-org-compromise} or {@code FULL_ORG_COMPROMISE}; null when unknown. */
    public static Tier of(String text) {
        for (Tier t : values()) {
            if (t.id.equalsIgnoreCase(text) || t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        return null;
    }
}
