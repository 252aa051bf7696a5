package dev.warden.localorg.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.data.TriggerBatch;
import dev.warden.localorg.data.TriggerHook;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REST writes through the batch write path: one hook batch per call, hook errors in REST's shapes, upsert, tree. */
class WritePathRestTest {
    private static final String V = "/services/data/v67.0";
    static LocalOrgServer server;
    static OrgClient api;
    private final List<String> calls = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = LocalOrgServer.start(LocalOrgOptions.defaults());
        api = new OrgClient(server.instanceUrl(), server.adminAccessToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Counts hook invocations and refuses any record named "refused". */
    private final TriggerHook counting = new TriggerHook() {
        @Override
        public void before(TriggerBatch b) {
            calls.add("before " + b.operation() + " " + b.size());
            for (int i = 0; i < b.newRows().size(); i++) {
                if ("refused".equals(b.newRows().get(i).get("Name"))) {
                    b.addError(i, "Widgets may not be called refused");
                }
            }
        }

        @Override
        public void after(TriggerBatch b) {
            calls.add("after " + b.operation() + " " + b.size());
        }
    };

    @BeforeEach
    void reset() {
        assertEquals(200, api.post("/_local/reset", Map.of()).status());
        server.org()
                .schema()
                .define(ObjectDefinition.custom(
                        "Widget__c",
                        "Widget",
                        List.of(
                                FieldDef.of("Size__c", FieldType.DOUBLE).build(),
                                FieldDef.of("Code__c", FieldType.STRING)
                                        .length(40)
                                        .externalId()
                                        .build())));
        server.org()
                .schema()
                .define(ObjectDefinition.custom(
                        "Part__c",
                        "Part",
                        List.of(
                                FieldDef.of("Widget__c", FieldType.REFERENCE)
                                        .references("Widget__r", "Widget__c")
                                        .childRelationship("Parts__r")
                                        .build(),
                                FieldDef.of("Weight__c", FieldType.DOUBLE).build())));
        server.org().db().addTriggerHook("Widget__c", counting);
    }

    private static List<Map<String, Object>> widgets(int n) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(Map.of("attributes", Map.of("type", "Widget__c"), "Name", "W" + i, "Code__c", "C" + i));
        }
        return records;
    }

    private int count(String object) {
        return api.get(V + "/query?q=" + OrgClient.q("SELECT COUNT() FROM " + object))
                .json()
                .get("totalSize")
                .asInt();
    }

    @Test
    void compositeSobjectsOfTwoHundredFiresEachHookPhaseOncePerCall() {
        JsonNode created = api.post(V + "/composite/sobjects", Map.of("allOrNone", true, "records", widgets(200)))
                .json();
        assertEquals(200, created.size());
        assertTrue(created.get(199).get("success").asBoolean());
        assertEquals(List.of("before INSERT 200", "after INSERT 200"), calls);

        calls.clear();
        List<Map<String, Object>> changes = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        for (JsonNode r : created) {
            changes.add(Map.of(
                    "attributes", Map.of("type", "Widget__c"), "id", r.get("id").asText(), "Size__c", 2));
            ids.append(ids.length() == 0 ? "" : ",").append(r.get("id").asText());
        }
        JsonNode updated =
                api.patch(V + "/composite/sobjects", Map.of("records", changes)).json();
        assertTrue(updated.get(0).get("success").asBoolean(), updated.get(0).toString());
        assertEquals(List.of("before UPDATE 200", "after UPDATE 200"), calls);

        calls.clear();
        JsonNode deleted = api.delete(V + "/composite/sobjects?ids=" + ids).json();
        assertTrue(deleted.get(0).get("success").asBoolean());
        assertEquals(List.of("before DELETE 200", "after DELETE 200"), calls);
        assertEquals(0, count("Widget__c"));
    }

    @Test
    void aHookErrorReachesASingleCreateInTheRestErrorShape() {
        OrgClient.Answer a = api.post(V + "/sobjects/Widget__c", Map.of("Name", "refused"));
        assertEquals(400, a.status());
        JsonNode e = a.json().get(0);
        assertEquals("FIELD_CUSTOM_VALIDATION_EXCEPTION", e.get("errorCode").asText());
        assertEquals("Widgets may not be called refused", e.get("message").asText());
        assertEquals(0, count("Widget__c"));
    }

    @Test
    void aHookErrorFailsOneRowOfAPartialCollectionAndAllRowsOfAnAllOrNoneOne() {
        List<Map<String, Object>> records = new ArrayList<>(widgets(2));
        records.add(Map.of("attributes", Map.of("type", "Widget__c"), "Name", "refused"));
        JsonNode partial =
                api.post(V + "/composite/sobjects", Map.of("records", records)).json();
        assertTrue(partial.get(0).get("success").asBoolean());
        JsonNode err = partial.get(2).get("errors").get(0);
        assertEquals("FIELD_CUSTOM_VALIDATION_EXCEPTION", err.get("statusCode").asText());
        assertTrue(err.get("fields").isArray());
        assertTrue(partial.get(2).get("id").isNull());
        assertEquals(2, count("Widget__c"));

        JsonNode all = api.post(V + "/composite/sobjects", Map.of("allOrNone", true, "records", records))
                .json();
        assertEquals(
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                all.get(0).get("errors").get(0).get("statusCode").asText());
        assertEquals(
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                all.get(2).get("errors").get(0).get("statusCode").asText());
        assertEquals(2, count("Widget__c"));
    }

    @Test
    void upsertByExternalIdCreatesThenUpdatesAndListsSeveralMatches() {
        OrgClient.Answer created = api.patch(V + "/sobjects/Widget__c/Code__c/X-1", Map.of("Name", "first"));
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().get("created").asBoolean());
        String id = created.json().get("id").asText();

        OrgClient.Answer updated = api.patch(V + "/sobjects/Widget__c/Code__c/x-1", Map.of("Name", "second"));
        assertEquals(200, updated.status(), updated.body());
        assertFalse(updated.json().get("created").asBoolean());
        assertEquals(id, updated.json().get("id").asText());
        assertEquals("second", server.org().db().retrieve(id).get("Name"));
        OrgClient.Answer read = api.get(V + "/sobjects/Widget__c/Code__c/X-1?fields=Name");
        assertEquals(200, read.status(), read.body());
        assertEquals("second", read.json().get("Name").asText());
        assertEquals(404, api.get(V + "/sobjects/Widget__c/Code__c/none").status());
        assertEquals(List.of("before INSERT 1", "after INSERT 1", "before UPDATE 1", "after UPDATE 1"), calls);

        api.post(V + "/sobjects/Widget__c", Map.of("Name", "twin", "Code__c", "X-1"));
        OrgClient.Answer several = api.patch(V + "/sobjects/Widget__c/Code__c/X-1", Map.of("Name", "third"));
        assertEquals(300, several.status());
        assertEquals(300, api.get(V + "/sobjects/Widget__c/Code__c/X-1").status());
        assertEquals(300, api.delete(V + "/sobjects/Widget__c/Code__c/X-1").status());
        api.patch(V + "/sobjects/Widget__c/" + id, Map.of("Code__c", "X-2"));
        assertEquals(204, api.delete(V + "/sobjects/Widget__c/Code__c/X-2").status());
        assertEquals(404, api.get(V + "/sobjects/Widget__c/Code__c/X-2").status());
        assertEquals(2, several.json().size());
        assertTrue(several.json().get(0).asText().startsWith(V + "/sobjects/Widget__c/"));
    }

    @Test
    void upsertRefusesAFieldThatIsNoExternalIdAnUnknownFieldAndAnIdInTheBody() {
        OrgClient.Answer notKey = api.patch(V + "/sobjects/Widget__c/Name/abc", Map.of("Size__c", 1));
        assertEquals(400, notKey.status());
        assertEquals("INVALID_FIELD", notKey.json().get(0).get("errorCode").asText());
        assertEquals(
                "Field name provided, Name is not an External ID or indexed field for Widget__c",
                notKey.json().get(0).get("message").asText());
        OrgClient.Answer unknown = api.patch(V + "/sobjects/Widget__c/Nope__c/abc", Map.of("Size__c", 1));
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.json().get(0).get("errorCode").asText());
        OrgClient.Answer withId =
                api.patch(V + "/sobjects/Widget__c/Code__c/abc", Map.of("Id", "a00000000000001AAA", "Name", "x"));
        assertEquals(400, withId.status());
        assertEquals(0, count("Widget__c"));
    }

    @Test
    void aParentReferenceByExternalIdInTheBodyBecomesTheLookup() {
        String widget = api.post(V + "/sobjects/Widget__c", Map.of("Name", "parent", "Code__c", "EXT-9"))
                .json()
                .get("id")
                .asText();
        OrgClient.Answer part =
                api.post(V + "/sobjects/Part__c", Map.of("Name", "child", "Widget__r", Map.of("Code__c", "EXT-9")));
        assertEquals(201, part.status(), part.body());
        assertEquals(
                widget,
                server.org().db().retrieve(part.json().get("id").asText()).get("Widget__c"));
        OrgClient.Answer missing =
                api.post(V + "/sobjects/Part__c", Map.of("Name", "orphan", "Widget__r", Map.of("Code__c", "EXT-0")));
        assertEquals("INVALID_FIELD", missing.json().get(0).get("errorCode").asText());
        assertEquals(
                "Foreign key external ID: EXT-0 not found for field Code__c in entity Widget__c",
                missing.json().get(0).get("message").asText());
    }

    @Test
    void collectionsUpsertSaysWhichRecordsWereCreated() {
        api.post(V + "/sobjects/Widget__c", Map.of("Name", "old", "Code__c", "K1"));
        List<Map<String, Object>> records = List.of(
                Map.of("attributes", Map.of("type", "Widget__c"), "Name", "renamed", "Code__c", "K1"),
                Map.of("attributes", Map.of("type", "Widget__c"), "Name", "new", "Code__c", "K2"));
        JsonNode r = api.patch(
                        V + "/composite/sobjects/Widget__c/Code__c", Map.of("allOrNone", false, "records", records))
                .json();
        assertFalse(r.get(0).get("created").asBoolean());
        assertTrue(r.get(1).get("created").asBoolean());
        assertTrue(r.get(1).get("success").asBoolean());
        assertEquals(2, count("Widget__c"));
    }

    @Test
    void compositeBatchRunsIndependentSubrequestsAndHaltsOnErrorWhenAsked() {
        Map<String, Object> body = Map.of(
                "haltOnError",
                true,
                "batchRequests",
                List.of(
                        Map.of("method", "POST", "url", "v67.0/sobjects/Widget__c", "richInput", Map.of("Name", "ok")),
                        Map.of("method", "POST", "url", "v67.0/sobjects/Widget__c", "richInput", Map.of("Size__c", 1)),
                        Map.of("method", "GET", "url", "v67.0/limits")));
        JsonNode r = api.post(V + "/composite/batch", body).json();
        assertTrue(r.get("hasErrors").asBoolean());
        assertEquals(201, r.get("results").get(0).get("statusCode").asInt());
        assertEquals(400, r.get("results").get(1).get("statusCode").asInt());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                r.get("results").get(1).get("result").get(0).get("errorCode").asText());
        assertEquals(412, r.get("results").get(2).get("statusCode").asInt());
        assertEquals(
                "BATCH_PROCESSING_HALTED",
                r.get("results").get(2).get("result").get(0).get("errorCode").asText());
        assertEquals(1, count("Widget__c"), "batch subrequests are not rolled back");
    }

    @Test
    void compositeTreeCreatesParentsThenChildrenAllOrNone() {
        Map<String, Object> tree = Map.of(
                "records",
                List.of(
                        record(
                                "Widget__c",
                                "w1",
                                Map.of(
                                        "Name",
                                        "Parent one",
                                        "Parts__r",
                                        Map.of(
                                                "records",
                                                List.of(
                                                        record("Part__c", "p1", Map.of("Name", "A", "Weight__c", 1)),
                                                        record("Part__c", "p2", Map.of("Name", "B")))))),
                        record("Widget__c", "w2", Map.of("Name", "Parent two"))));
        OrgClient.Answer a = api.post(V + "/composite/tree/Widget__c", tree);
        assertEquals(201, a.status(), a.body());
        JsonNode results = a.json().get("results");
        assertFalse(a.json().get("hasErrors").asBoolean());
        assertEquals(
                List.of("w1", "w2", "p1", "p2"),
                List.of(
                        results.get(0).get("referenceId").asText(),
                        results.get(1).get("referenceId").asText(),
                        results.get(2).get("referenceId").asText(),
                        results.get(3).get("referenceId").asText()));
        String parent = results.get(0).get("id").asText();
        assertEquals(
                parent,
                server.org().db().retrieve(results.get(2).get("id").asText()).get("Widget__c"));
        assertEquals(List.of("before INSERT 2", "after INSERT 2"), calls, "the top level is one batch");

        Map<String, Object> bad = Map.of(
                "records",
                List.of(record(
                        "Widget__c",
                        "w3",
                        Map.of(
                                "Name",
                                "Parent three",
                                "Parts__r",
                                Map.of("records", List.of(record("Part__c", "p3", Map.of("Weight__c", 1))))))));
        OrgClient.Answer failed = api.post(V + "/composite/tree/Widget__c", bad);
        assertEquals(400, failed.status());
        assertTrue(failed.json().get("hasErrors").asBoolean());
        JsonNode only = failed.json().get("results");
        assertEquals(1, only.size());
        assertEquals("p3", only.get(0).get("referenceId").asText());
        assertEquals(
                "REQUIRED_FIELD_MISSING",
                only.get(0).get("errors").get(0).get("statusCode").asText());
        assertEquals(2, count("Widget__c"), "the parent of the failed child is rolled back too");
    }

    @Test
    void compositeGraphCommitsOrRollsBackEachGraphWhole() {
        Map<String, Object> good = Map.of(
                "graphId",
                "g1",
                "compositeRequest",
                List.of(
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                V + "/sobjects/Widget__c",
                                "referenceId",
                                "w",
                                "body",
                                Map.of("Name", "G")),
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                V + "/sobjects/Part__c",
                                "referenceId",
                                "p",
                                "body",
                                Map.of("Name", "P", "Widget__c", "@{w.id}"))));
        Map<String, Object> bad = Map.of(
                "graphId",
                "g2",
                "compositeRequest",
                List.of(
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                V + "/sobjects/Widget__c",
                                "referenceId",
                                "w",
                                "body",
                                Map.of("Name", "H")),
                        Map.of(
                                "method",
                                "POST",
                                "url",
                                V + "/sobjects/Part__c",
                                "referenceId",
                                "p",
                                "body",
                                Map.of("Size", 1))));
        JsonNode graphs = api.post(V + "/composite/graph", Map.of("graphs", List.of(good, bad)))
                .json()
                .get("graphs");
        assertTrue(graphs.get(0).get("isSuccessful").asBoolean());
        assertFalse(graphs.get(1).get("isSuccessful").asBoolean());
        assertEquals(
                201,
                graphs.get(0)
                        .get("graphResponse")
                        .get("compositeResponse")
                        .get(1)
                        .get("httpStatusCode")
                        .asInt());
        assertEquals(1, count("Widget__c"));
        assertEquals(1, count("Part__c"));
    }

    private static Map<String, Object> record(String type, String ref, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attributes", Map.of("type", type, "referenceId", ref));
        m.putAll(fields);
        return m;
    }

    @Test
    void aRolledBackCreateReportsNoId() {
        List<Map<String, Object>> records = new ArrayList<>(widgets(1));
        records.add(Map.of("attributes", Map.of("type", "Nope__c"), "Name", "x"));
        JsonNode r = api.post(V + "/composite/sobjects", Map.of("allOrNone", true, "records", records))
                .json();
        assertNull(r.get(0).get("id").textValue());
        assertEquals(
                "NOT_FOUND", r.get(1).get("errors").get(0).get("statusCode").asText());
        assertEquals(List.of(), calls, "a request-level failure with allOrNone writes nothing");
    }
}
