package dev.warden.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.quarantine.api.QuarantineApi;

/** Calls to the org's Apex REST classes ({@code /services/apexrest/…}) as the handle's user. */
public final class ApexRest {
    private final QuarantineApi api;

    ApexRest(QuarantineApi api) {
        this.api = api;
    }

    /** The answer as it came, whatever its status. */
    public record Answer(int status, JsonNode body) {}

    /** {@code POST /services/apexrest/<path>} with a JSON body (a Map, record or JsonNode). */
    public Answer post(String path, Object body) {
        JsonNode json = body == null ? null : body instanceof JsonNode n ? n : OrgHolder.JSON.valueToTree(body);
        QuarantineApi.HttpAnswer a = api.postApexRest(path, json);
        return new Answer(a.status(), a.body());
    }
}
