package dev.warden.localorg.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.RowError;
import dev.warden.localorg.data.RowResult;
import dev.warden.localorg.model.ChildRelationshipDef;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.server.ApiKind;
import dev.warden.localorg.server.LocalOrgContext;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST composite/tree/{type}} (sObject Tree, used by {@code sf data import tree}): records with nested child
 * records by child relationship name, each with a {@code referenceId}; created all-or-none, level by level (all top
 * records first, then their children, ...), each level and type one batch through the write path. Success: 201
 * {@code {hasErrors:false, results:[{referenceId, id}]}} in that order; failure: 400 {@code {hasErrors:true,
 * results:[{referenceId, errors}]}} naming only the records that failed.
 */
final class SObjectTreeApi {
    static final int MAX_RECORDS = 200;
    static final int MAX_LEVELS = 5;
    private final RestApi rest;

    private SObjectTreeApi(RestApi rest) {
        this.rest = rest;
    }

    static void register(LocalOrgContext ctx, RestApi rest) {
        SObjectTreeApi api = new SObjectTreeApi(rest);
        ctx.routes().add("POST", RestApi.V + "/composite/tree/(\\w+)/?", ApiKind.REST, true, api::create);
    }

    /** One record of the tree: its fields, and the parent it hangs under (by which lookup field). */
    private static final class Node {
        final String referenceId;
        final SObjectType type;
        final Map<String, Object> fields;
        final Node parent;
        final String lookupField;
        final int level;
        String id;

        Node(
                String referenceId,
                SObjectType type,
                Map<String, Object> fields,
                Node parent,
                String lookupField,
                int level) {
            this.referenceId = referenceId;
            this.type = type;
            this.fields = fields;
            this.parent = parent;
            this.lookupField = lookupField;
            this.level = level;
        }
    }

    private Response create(Request req) {
        RestApi.version(req);
        SObjectType top = rest.type(req, req.pathGroup(2));
        List<Node> nodes = new ArrayList<>();
        List<JsonNode> records = RestApi.list(req.json().get("records"));
        if (records.isEmpty()) {
            throw new OrgException("INVALID_INPUT", "records must be a non-empty array");
        }
        Set<String> refs = new HashSet<>();
        for (JsonNode rec : records) {
            parse(req, rec, top, null, null, 0, nodes, refs);
        }
        if (nodes.size() > MAX_RECORDS) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "LIMIT_EXCEEDED",
                    "A tree request can create at most " + MAX_RECORDS + " records; this one has " + nodes.size());
        }
        List<Map<String, Object>> failures = new ArrayList<>();
        try {
            req.org().db().transaction(() -> {
                for (int level = 0; level < MAX_LEVELS; level++) {
                    if (!insertLevel(req, nodes, level, failures)) {
                        throw new Rollback();
                    }
                }
            });
        } catch (Rollback e) {
            return Response.json(400, Map.of("hasErrors", true, "results", failures));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (int level = 0; level < MAX_LEVELS; level++) {
            for (Node n : nodes) {
                if (n.level == level) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("referenceId", n.referenceId);
                    m.put("id", n.id);
                    results.add(m);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hasErrors", false);
        body.put("results", results);
        return Response.json(201, body);
    }

    /** Inserts one level, a batch per run of one type; false (with the failed records) when any row failed. */
    private boolean insertLevel(Request req, List<Node> nodes, int level, List<Map<String, Object>> failures) {
        List<Node> atLevel = nodes.stream().filter(n -> n.level == level).toList();
        int i = 0;
        while (i < atLevel.size()) {
            SObjectType type = atLevel.get(i).type;
            List<Node> run = new ArrayList<>();
            while (i < atLevel.size() && atLevel.get(i).type == type) {
                run.add(atLevel.get(i++));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Node n : run) {
                Map<String, Object> values = new LinkedHashMap<>(n.fields);
                if (n.parent != null) {
                    values.put(n.lookupField, n.parent.id);
                }
                rows.add(values);
            }
            List<RowResult> rs = req.org().db().dml(rest.caller(req), Operation.INSERT, type.name(), rows, true);
            boolean ok = true;
            for (int k = 0; k < rs.size(); k++) {
                RowResult r = rs.get(k);
                run.get(k).id = r.id();
                if (!r.success() && !r.firstError().statusCode().equals("ALL_OR_NONE_OPERATION_ROLLED_BACK")) {
                    failures.add(failure(run.get(k).referenceId, r.errors()));
                }
                ok &= r.success();
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void parse(
            Request req,
            JsonNode rec,
            SObjectType expected,
            Node parent,
            String lookupField,
            int level,
            List<Node> nodes,
            Set<String> refs) {
        if (level >= MAX_LEVELS) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "INVALID_INPUT", "A tree request can nest records at most " + MAX_LEVELS + " levels deep");
        }
        if (rec == null || !rec.isObject()) {
            throw new OrgException("JSON_PARSER_ERROR", "Each record must be a JSON object");
        }
        JsonNode attrs = rec.path("attributes");
        String type = attrs.path("type").asText(null);
        String ref = attrs.path("referenceId").asText(null);
        if (type == null || ref == null || ref.isEmpty()) {
            // Wording UNCONFIRMED.
            throw new OrgException("INVALID_INPUT", "Each record needs attributes.type and attributes.referenceId");
        }
        if (!type.equalsIgnoreCase(expected.name())) {
            // Wording UNCONFIRMED.
            throw new OrgException(
                    "INVALID_INPUT",
                    "Record " + ref + " is of type " + type + " where " + expected.name() + " is expected");
        }
        if (!refs.add(ref.toLowerCase(java.util.Locale.ROOT))) {
            // Wording UNCONFIRMED.
            throw new OrgException("INVALID_INPUT", "Duplicate referenceId " + ref + ": each record needs its own");
        }
        rest.checkAccess(req, expected, Operation.INSERT);
        Map<String, Object> fields = new LinkedHashMap<>();
        List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : rec.properties()) {
            if (e.getKey().equals("attributes")) {
                continue;
            }
            if (e.getValue().isObject() && e.getValue().has("records")) {
                children.add(e);
            } else if (e.getValue().isContainerNode()) {
                throw new OrgException(
                        "INVALID_FIELD",
                        "Cannot deserialize instance of " + e.getKey()
                                + ": nested values other than child records are not supported by the local org",
                        List.of(e.getKey()));
            } else {
                fields.put(e.getKey(), RecordJson.scalar(e.getValue()));
            }
        }
        Node node = new Node(ref, expected, fields, parent, lookupField, level);
        nodes.add(node);
        for (Map.Entry<String, JsonNode> child : children) {
            ChildRelationshipDef relationship = req.org().schema().childRelationships(expected.name()).stream()
                    .filter(r -> r.relationshipName().equalsIgnoreCase(child.getKey()))
                    .findFirst()
                    .orElse(null);
            if (relationship == null) {
                // Wording UNCONFIRMED.
                throw new OrgException(
                        "INVALID_FIELD",
                        "No such relationship '" + child.getKey() + "' on sobject of type " + expected.name(),
                        List.of(child.getKey()));
            }
            SObjectType childType = req.org().schema().get(relationship.childObject());
            for (JsonNode c : RestApi.list(child.getValue().get("records"))) {
                parse(req, c, childType, node, relationship.field(), level + 1, nodes, refs);
            }
        }
    }

    private static Map<String, Object> failure(String referenceId, List<RowError> errors) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RowError e : errors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("statusCode", e.statusCode());
            m.put("message", e.message());
            m.put("fields", e.fields());
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("referenceId", referenceId);
        m.put("errors", list);
        return m;
    }

    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super(null, null, false, false);
        }
    }
}
