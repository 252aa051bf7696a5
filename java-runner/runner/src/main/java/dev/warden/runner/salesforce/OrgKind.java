package dev.warden.runner.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/**
 * What kind of org this is, from its {@code Organization} record: a sandbox ({@code IsSandbox}), a scratch or trial
 * org (a {@code TrialExpirationDate}: scratch orgs expire), a Developer Edition org ({@code OrganizationType}), or
 * else a production org. Commands that write synthetic test data (an EICAR file, a test card number) refuse
 * production orgs unless told otherwise.
 */
public record OrgKind(boolean sandbox, String organizationType, String trialExpirationDate) {

    /** Reads the Organization row through any SOQL reader (REST {@code query}); no adapter type here, no package cycle. */
    public static OrgKind read(Function<String, List<JsonNode>> soql) {
        JsonNode org = soql.apply("SELECT IsSandbox, OrganizationType, TrialExpirationDate FROM Organization").stream()
                .findFirst()
                .orElseThrow(() -> new SalesforceException(
                        "read the Organization record", 404, "NOT_FOUND", "no Organization row"));
        JsonNode trial = org.path("TrialExpirationDate");
        return new OrgKind(
                org.path("IsSandbox").asBoolean(false),
                org.path("OrganizationType").asText(null),
                trial.isNull() || trial.isMissingNode() || trial.asText().isBlank() ? null : trial.asText());
    }

    /**
     * Not a sandbox, not expiring (scratch and trial orgs have a {@code TrialExpirationDate}), not a Developer Edition
     * org (which holds no business data: free, two licenses). UNCONFIRMED: whether every scratch org shape reports a
     * TrialExpirationDate; the Salesforce docs say scratch orgs expire, and sf lists their expiration date.
     */
    public boolean production() {
        return !sandbox && trialExpirationDate == null && !"Developer Edition".equalsIgnoreCase(organizationType);
    }

    public String describe() {
        if (sandbox && trialExpirationDate != null) {
            return "a scratch org (expires " + trialExpirationDate + ")"; // sf's own rule (IsSandbox + expiry)
        }
        if (sandbox) {
            return "a sandbox";
        }
        if (trialExpirationDate != null) {
            return "a scratch or trial org (expires " + trialExpirationDate + ")";
        }
        return production()
                ? "a production org (" + organizationType + ", not a sandbox, no expiry date)"
                : "a " + organizationType + " org";
    }
}
