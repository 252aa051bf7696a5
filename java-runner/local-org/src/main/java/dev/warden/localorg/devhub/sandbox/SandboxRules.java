package dev.warden.localorg.devhub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks a SandboxInfo insert passes. The rules are Salesforce's: sf's own help says "The name must be a unique
 * alphanumeric string (10 or fewer characters) to identify the sandbox" (plugin-org create.sandbox.md), and the
 * Tooling reference lists the license types. The platform's error codes and words for breaking them are UNCONFIRMED
 * (no captured answer): the messages below say what is wrong and what to do.
 */
final class SandboxRules {
    /** LicenseType values as the Tooling reference lists them (storage spelling UNCONFIRMED), by what sf sends. */
    private static final Map<String, String> LICENSE_TYPES = Map.of(
            "DEVELOPER", "DEVELOPER",
            "DEVELOPER_PRO", "DEVELOPER PRO",
            "DEVELOPER PRO", "DEVELOPER PRO",
            "PARTIAL", "PARTIAL",
            "FULL", "FULL");

    private SandboxRules() {}

    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new OrgException(
                    "REQUIRED_FIELD_MISSING", "Required fields are missing: [SandboxName]", List.of("SandboxName"));
        }
        // UNCONFIRMED wording (the rule is the one sf's help states).
        if (name.length() > 10 || !name.matches("[A-Za-z0-9]+")) {
            throw new OrgException(
                    "FIELD_INTEGRITY_EXCEPTION",
                    "Invalid sandbox name: " + name
                            + ". The name must be a unique alphanumeric string (10 or fewer characters).",
                    List.of("SandboxName"));
        }
    }

    /**
     * Developer Edition orgs have no sandbox licenses (sandboxes come with paid production editions). The platform's
     * code and words for the insert there are UNCONFIRMED; this one says what to do with the local org.
     */
    static void checkEdition(Object organizationType) {
        if ("Developer Edition".equals(organizationType)) {
            throw new OrgException(
                    "INSUFFICIENT_ACCESS",
                    "This org has no sandbox licenses: a Developer Edition org cannot create sandboxes. Start the"
                            + " local org as a production org (warden local-org serve --production) and use it as"
                            + " --target-org.");
        }
    }

    /** UNCONFIRMED wording: a name already used by a sandbox of this org (or one being deleted). */
    static OrgException duplicateName(String name) {
        return new OrgException(
                "DUPLICATE_VALUE",
                "A sandbox named " + name + " already exists. Choose another name, or delete the existing sandbox.",
                List.of("SandboxName"));
    }

    /**
     * A SandboxInfo insert in a sandbox or scratch org. INVALID_TYPE with the standard "not supported" words is what
     * an org without the object answers; that sandboxes and scratch orgs lack it is UNCONFIRMED.
     */
    static OrgException notAProductionOrg() {
        return new OrgException(
                "INVALID_TYPE",
                "sObject type 'SandboxInfo' is not supported. Sandboxes are created from their production org:"
                        + " use the production org as --target-org, not a sandbox or scratch org.");
    }

    /** The stored LicenseType; an unknown one is refused as any restricted picklist value is. */
    static String licenseType(String given) {
        String value = given == null ? "DEVELOPER" : given.trim().toUpperCase(Locale.ROOT);
        String stored = LICENSE_TYPES.get(value);
        if (stored == null) {
            throw new OrgException(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "LicenseType: bad value for restricted picklist field: " + given,
                    List.of("LicenseType"));
        }
        if (stored.equals("PARTIAL") || stored.equals("FULL")) {
            throw new OrgException(
                    "FIELD_INTEGRITY_EXCEPTION",
                    "not supported by the local org: " + given + " sandboxes (they copy production's data records);"
                            + " create a Developer or Developer_Pro sandbox",
                    List.of("LicenseType"));
        }
        return stored;
    }

    /** Options whose effect the local org cannot give: refused loudly instead of ignored. */
    static void checkSupported(JsonNode body) {
        for (String field : List.of("SourceId", "ApexClassId", "TemplateId", "ActivationUserGroupId")) {
            JsonNode v = body.get(field);
            if (v != null && !v.isNull() && !v.asText().isEmpty()) {
                throw new OrgException(
                        "FIELD_INTEGRITY_EXCEPTION",
                        "not supported by the local org: SandboxInfo." + field + " ("
                                + switch (field) {
                                    case "SourceId" -> "cloning a sandbox";
                                    case "ApexClassId" -> "running a post-copy Apex class";
                                    case "TemplateId" -> "sandbox templates";
                                    default -> "activation user groups";
                                }
                                + ")",
                        List.of(field));
            }
        }
    }
}
