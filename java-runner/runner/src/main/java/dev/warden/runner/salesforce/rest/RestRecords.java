package dev.warden.runner.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.runner.org.OrgModel;
import dev.warden.runner.org.RecordStream.Row;
import dev.warden.runner.salesforce.RowOutcomes;
import dev.warden.runner.salesforce.SoqlRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The REST transport under {@link SoqlRecords} (which holds the SOQL and the row mapping): {@code query} for reads,
 * {@code sobjects} for one record, {@code composite/sobjects} for assignment writes (one call each).
 */
public final class RestRecords extends SoqlRecords {
    private final RestClient rest;

    public RestRecords(RestClient rest) {
        this.rest = rest;
    }

    @Override
    protected List<Row> query(String soql) {
        return rest.query(soql).stream().map(RestRecords::row).toList();
    }

    /** A REST record as a {@link Row}: {@code Profile.UserLicense.Name} walks the nested relationship objects. */
    static Row row(JsonNode record) {
        return path -> {
            JsonNode node = record;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        };
    }

    @Override
    protected String currentUserId() {
        return rest.get("/services/oauth2/userinfo", "rest.userinfo")
                .path("user_id")
                .asText();
    }

    @Override
    protected String create(String type, Map<String, Object> fields, String what) {
        return rest.post(RestClient.data("/sobjects/" + type), fields, "rest.sobjects", what)
                .path("id")
                .asText();
    }

    @Override
    protected void update(String type, String id, Map<String, Object> fields, String what) {
        rest.patch(RestClient.data("/sobjects/" + type + "/" + id), fields, "rest.sobjects", what);
    }

    @Override
    protected List<RowOutcomes.Row> createAll(String type, List<Map<String, Object>> rows, String what) {
        ArrayNode records = rest.arrayNode();
        for (Map<String, Object> fields : rows) {
            ObjectNode r = records.addObject();
            r.putObject("attributes").put("type", type);
            fields.forEach((k, v) -> r.set(k, rest.json().valueToTree(v)));
        }
        ObjectNode body = rest.json().createObjectNode();
        body.put("allOrNone", false);
        body.set("records", records);
        JsonNode results = rest.post(RestClient.data("/composite/sobjects"), body, "rest.composite", what);
        List<RowOutcomes.Row> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(outcome(results.path(i)));
        }
        return out;
    }

    @Override
    protected List<RowOutcomes.Row> deleteAll(List<String> ids, String what) {
        JsonNode results = rest.delete(
                RestClient.data("/composite/sobjects?allOrNone=false&ids=" + String.join(",", ids)),
                "rest.composite",
                what);
        List<RowOutcomes.Row> out = new ArrayList<>();
        results.forEach(r -> out.add(outcome(r)));
        return out;
    }

    private static RowOutcomes.Row outcome(JsonNode r) {
        return new RowOutcomes.Row(
                r.path("success").asBoolean(false),
                r.path("id").asText(null),
                RestClient.rowErrorCode(r),
                String.join("; ", RestClient.rowErrors(r)));
    }

    @Override
    public OrgModel.ApiUsage apiUsage() {
        JsonNode daily = rest.get(RestClient.data("/limits"), "rest.limits").path("DailyApiRequests");
        long max = daily.path("Max").asLong();
        long remaining = daily.path("Remaining").asLong();
        return new OrgModel.ApiUsage(max - remaining, max);
    }
}
