package dev.warden.runner.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.org.AppUsagePort;

/**
 * The embedded org's admin endpoints ({@code /_local/*}, design.md), used only where Salesforce has a Setup page and
 * no API: "Connected Apps OAuth Usage > Install". Never used against a real org.
 */
public final class LocalOrgAdmin implements AppUsagePort {
    private final RestClient rest;

    public LocalOrgAdmin(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public Boolean installed(String appName) {
        JsonNode state = rest.get("/_local/state?objects=ExternalClientApplication", "local.admin");
        JsonNode app = find(state.path("metadata"), appName);
        return app == null ? null : app.path("installed").asBoolean(false);
    }

    private static JsonNode find(JsonNode node, String appName) {
        if (node.isObject() && appName.equalsIgnoreCase(node.path("name").asText()) && node.has("installed")) {
            return node;
        }
        for (JsonNode child : node) {
            JsonNode hit = child.isContainerNode() ? find(child, appName) : null;
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /**
     * Posts fault rules (design.md, {@code /_local/faults}) to the embedded org; benchmarks and soaks only. A refusal
     * comes back as the org's {@link dev.warden.runner.salesforce.SalesforceException}.
     */
    public void injectFaults(String rulesJson) {
        JsonNode rules;
        try {
            rules = rest.json().readTree(rulesJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("fault rules are not JSON: " + e.getMessage());
        }
        rest.send("POST", "/_local/faults", rules, "local.admin", "inject fault rules");
    }

    @Override
    public void install(String appName) {
        rest.post(
                "/_local/eca/" + appName + "/install",
                null,
                "local.admin",
                "install " + appName + " (embedded org: stands for Setup > Connected Apps OAuth Usage > Install)");
    }
}
