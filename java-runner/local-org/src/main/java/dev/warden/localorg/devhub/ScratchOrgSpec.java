package dev.warden.localorg.devhub;

import static dev.warden.localorg.devhub.DevHubObjects.EDITIONS;
import static dev.warden.localorg.devhub.DevHubObjects.SCRATCH_ORG_INFO;
import static dev.warden.localorg.devhub.DevHubObjects.SCRATCH_ORG_INFO_CREATEABLE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ScratchOrgInfo insert body, checked the way the platform answers the insert (devhub-packaging-wire.md 1.2):
 * unknown field INVALID_FIELD, missing required field REQUIRED_FIELD_MISSING (sf turns it into "Required fields are
 * missing for org creation"), edition outside the restricted picklist, duration outside 1–30 days.
 *
 * @param values the record values to store (field names as declared, Edition in its canonical spelling)
 */
record ScratchOrgSpec(Map<String, Object> values) {
    static final int DEFAULT_DURATION_DAYS = 7;

    static ScratchOrgSpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new OrgException("JSON_PARSER_ERROR", "The request body must be a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = SCRATCH_ORG_INFO_CREATEABLE.stream()
                    .filter(f -> f.equalsIgnoreCase(e.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new OrgException(
                            "INVALID_FIELD",
                            "No such column '" + e.getKey() + "' on sobject of type " + SCRATCH_ORG_INFO));
            JsonNode v = e.getValue();
            values.put(
                    field,
                    v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.intValue() : v.asText());
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("Edition", "ConnectedAppConsumerKey", "ConnectedAppCallbackUrl")) {
            if (blank(values.get(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new OrgException("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing);
        }
        String edition = values.get("Edition").toString().trim();
        values.put(
                "Edition",
                EDITIONS.stream()
                        .filter(ed -> ed.equalsIgnoreCase(edition))
                        .findFirst()
                        .orElseThrow(() -> new OrgException(
                                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                                "Edition: bad value for restricted picklist field: " + edition,
                                List.of("Edition"))));
        Object days = values.get("DurationDays");
        int duration = days == null ? DEFAULT_DURATION_DAYS : days instanceof Integer i ? i : parseInt(days);
        if (duration < 1 || duration > 30) {
            // Platform wording UNCONFIRMED: sf checks 1..30 itself before the insert.
            throw new OrgException(
                    "FIELD_INTEGRITY_EXCEPTION",
                    "DurationDays: value must be between 1 and 30",
                    List.of("DurationDays"));
        }
        values.put("DurationDays", duration);
        if (!blank(values.get("OrgName"))) {
            values.put("OrgName", values.get("OrgName").toString());
        } else {
            values.put("OrgName", "Company");
        }
        for (String unsupported : List.of("SourceOrg", "Snapshot")) {
            if (!blank(values.get(unsupported))) {
                throw new OrgException(
                        "FEATURE_NOT_ENABLED",
                        "not supported by the local Dev Hub: " + unsupported
                                + " (org shapes and snapshots); create the scratch org from an edition and features");
            }
        }
        return new ScratchOrgSpec(values);
    }

    String edition() {
        return (String) values.get("Edition");
    }

    String orgName() {
        return (String) values.get("OrgName");
    }

    int durationDays() {
        return (Integer) values.get("DurationDays");
    }

    String consumerKey() {
        return values.get("ConnectedAppConsumerKey").toString();
    }

    String callbackUrl() {
        return values.get("ConnectedAppCallbackUrl").toString();
    }

    String namespace() {
        return blank(values.get("Namespace")) ? null : values.get("Namespace").toString();
    }

    String username() {
        return blank(values.get("Username"))
                ? null
                : values.get("Username").toString().toLowerCase(Locale.ROOT);
    }

    String adminEmail() {
        return blank(values.get("AdminEmail")) ? null : values.get("AdminEmail").toString();
    }

    /** Features as sf sends them ({@code A;B}); recorded, not modelled (docs/local-org.md "Dev Hub"). */
    List<String> features() {
        Object f = values.get("Features");
        return blank(f) ? List.of() : List.of(f.toString().split("\\s*;\\s*"));
    }

    /** {@code Developer} → {@code Developer Edition}, the Organization.OrganizationType the new org reports. */
    String organizationType() {
        return edition() + " Edition";
    }

    private static int parseInt(Object o) {
        try {
            return Integer.parseInt(o.toString().trim());
        } catch (NumberFormatException e) {
            throw new OrgException(
                    "INVALID_TYPE_ON_FIELD_IN_RECORD",
                    "DurationDays: value not of required type: " + o,
                    List.of("DurationDays"));
        }
    }

    private static boolean blank(Object o) {
        return o == null || o.toString().isBlank();
    }
}
