package dev.warden.runner.quarantine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.warden.runner.blueprint.Namespace;
import java.time.Instant;
import java.util.List;

/**
 * The quarantine flow (smoke, scan) on a namespaced package: names go out qualified (SOQL, record keys, sObject types,
 * composite URLs, Apex REST paths) and come back in the contract's words, so the flow itself keeps
 * {@code Scan_Request__c} and {@code warden/v1/verdicts} and works unchanged on an unnamespaced source deploy.
 */
public final class NamespacedQuarantineApi implements QuarantineApi {
    private final QuarantineApi api;
    private final Namespace ns;

    private NamespacedQuarantineApi(QuarantineApi api, Namespace ns) {
        this.api = api;
        this.ns = ns;
    }

    /** {@code api} itself without a namespace. */
    public static QuarantineApi wrap(QuarantineApi api, Namespace ns) {
        return ns.none() ? api : new NamespacedQuarantineApi(api, ns);
    }

    @Override
    public List<JsonNode> query(String soql) {
        return api.query(ns.qualifyCustomNames(soql)).stream().map(this::in).toList();
    }

    @Override
    public List<SaveResult> create(List<ObjectNode> records) {
        return api.create(records.stream().map(r -> (ObjectNode) out(r)).toList());
    }

    @Override
    public List<SaveResult> update(List<ObjectNode> records) {
        return api.update(records.stream().map(r -> (ObjectNode) out(r)).toList());
    }

    @Override
    public List<SaveResult> delete(List<String> ids) {
        return api.delete(ids);
    }

    @Override
    public List<SubResponse> composite(List<SubRequest> subrequests) {
        return api
                .composite(subrequests.stream()
                        .map(s -> new SubRequest(
                                s.referenceId(),
                                s.method(),
                                ns.qualifyCustomNames(s.url()),
                                s.body() == null ? null : out(s.body())))
                        .toList())
                .stream()
                .map(r -> new SubResponse(r.referenceId(), r.httpStatusCode(), r.body() == null ? null : in(r.body())))
                .toList();
    }

    @Override
    public byte[] blob(String sobject, String id, String field) {
        return api.blob(ns.qualifyCustomNames(sobject), id, ns.qualifyCustomNames(field));
    }

    @Override
    public java.io.InputStream blobStream(String sobject, String id, String field) {
        return api.blobStream(ns.qualifyCustomNames(sobject), id, ns.qualifyCustomNames(field));
    }

    @Override
    public HttpAnswer postApexRest(String path, JsonNode body) {
        return api.postApexRest(ns.apexRestPath(path), body);
    }

    @Override
    public ApiUsage usage() {
        return api.usage();
    }

    @Override
    public long callCount() {
        return api.callCount();
    }

    @Override
    public Instant serverNow() {
        return api.serverNow();
    }

    @Override
    public List<String> callLog() {
        return api.callLog();
    }

    @Override
    public String userId() {
        return api.userId();
    }

    /** Outgoing: keys and {@code attributes.type} qualified; values untouched (they are data). */
    JsonNode out(JsonNode node) {
        return rename(node, true);
    }

    /** Incoming: the org's qualified keys and types back to the contract's names. */
    JsonNode in(JsonNode node) {
        return rename(node, false);
    }

    private JsonNode rename(JsonNode node, boolean qualify) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> {
                String key = qualify ? ns.qualifyCustomNames(e.getKey()) : ns.unqualify(e.getKey());
                JsonNode value = e.getValue();
                if ("type".equals(e.getKey()) && value.isTextual()) {
                    value = new TextNode(
                            qualify ? ns.qualifyCustomNames(value.asText()) : ns.unqualify(value.asText()));
                }
                copy.set(key, rename(value, qualify));
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(rename(n, qualify)));
            return copy;
        }
        return node;
    }
}
