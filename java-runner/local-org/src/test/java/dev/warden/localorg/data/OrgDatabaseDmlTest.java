package dev.warden.localorg.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.setup.Org;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch write path: chunks, order of execution, trigger hooks, all-or-none and partial saves, upsert. */
class OrgDatabaseDmlTest {
    private final Org org = Org.seeded("admin@dml.test", Clock.systemUTC());
    private final OrgDatabase db = org.db();
    private Caller api;

    /** Records each phase's batch: operation, phase, size and depth. */
    private static final class Recorder implements TriggerHook {
        final List<String> calls = new ArrayList<>();

        @Override
        public void before(TriggerBatch b) {
            calls.add("before " + b.operation() + " " + b.size());
        }

        @Override
        public void after(TriggerBatch b) {
            calls.add("after " + b.operation() + " " + b.size());
        }
    }

    @BeforeEach
    void schema() {
        org.schema()
                .define(ObjectDefinition.custom(
                        "Widget__c",
                        "Widget",
                        List.of(
                                FieldDef.of("Size__c", FieldType.DOUBLE).build(),
                                FieldDef.of("Code__c", FieldType.STRING)
                                        .length(20)
                                        .externalId()
                                        .build(),
                                FieldDef.of("Note__c", FieldType.STRING)
                                        .length(15)
                                        .build())));
        org.schema()
                .define(ObjectDefinition.custom(
                        "Part__c",
                        "Part",
                        List.of(FieldDef.of("Widget__c", FieldType.REFERENCE)
                                .references("Parts__r", "Widget__c")
                                .build())));
        api = Caller.api(org.adminUserId());
    }

    private static List<Map<String, Object>> widgets(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Map.of("Name", "W" + i, "Size__c", i));
        }
        return rows;
    }

    private int count() {
        return db.rows("Widget__c", false).size();
    }

    @Test
    void hooksFireOncePerPhasePerChunkOfTwoHundred() {
        Recorder rec = new Recorder();
        db.addTriggerHook("Widget__c", rec);
        List<RowResult> results = db.dml(api, Operation.INSERT, "Widget__c", widgets(450), true);
        assertEquals(450, results.stream().filter(RowResult::success).count());
        assertEquals(
                List.of(
                        "before INSERT 200",
                        "after INSERT 200",
                        "before INSERT 200",
                        "after INSERT 200",
                        "before INSERT 50",
                        "after INSERT 50"),
                rec.calls);
        assertEquals(449, results.get(449).index());
    }

    @Test
    void perRecordListenersStillRunOncePerRecordInsideTheChunk() {
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        db.addListener("Widget__c", new RecordChangeListener() {
            @Override
            public void beforeChange(RecordChange c) {
                before.incrementAndGet();
            }

            @Override
            public void afterChange(RecordChange c) {
                after.incrementAndGet();
            }
        });
        db.dml(api, Operation.INSERT, "Widget__c", widgets(250), false);
        assertEquals(250, before.get());
        assertEquals(250, after.get());
    }

    @Test
    void beforeHookChangesAreWrittenAndTheAfterHookSeesTheStoredRecords() {
        List<Map<String, Object>> seenAfter = new ArrayList<>();
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void before(TriggerBatch b) {
                for (Map<String, Object> row : b.newRows()) {
                    row.put("note__c", "set by " + b.operation().name().toLowerCase());
                }
                if (b.operation() == Operation.UPDATE) {
                    assertEquals("W0", b.newRows().get(0).get("Name"), "update rows hold the whole record");
                    assertEquals(0.0, b.oldRecords().get(0).get("Size__c"));
                }
            }

            @Override
            public void after(TriggerBatch b) {
                seenAfter.addAll(b.newRows());
                assertThrows(
                        UnsupportedOperationException.class,
                        () -> b.newRows().get(0).put("Name", "x"));
            }
        });
        String id = db.dml(api, Operation.INSERT, "Widget__c", widgets(1), true)
                .get(0)
                .id();
        assertEquals("set by insert", db.retrieve(id).get("Note__c"));
        assertEquals(id, seenAfter.get(0).get("Id"));
        db.dml(api, Operation.UPDATE, null, List.of(Map.of("Id", id, "Size__c", 5)), true);
        assertEquals("set by update", db.retrieve(id).get("Note__c"));
        assertEquals(5.0, db.retrieve(id).get("Size__c"));
    }

    @Test
    void aBeforeHookValueThatBreaksValidationFailsTheRow() {
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void before(TriggerBatch b) {
                for (Map<String, Object> row : b.newRows()) {
                    if ("W1".equals(row.get("Name"))) {
                        row.put("Note__c", "far too long for fifteen");
                    }
                }
            }
        });
        List<RowResult> r = db.dml(api, Operation.INSERT, "Widget__c", widgets(3), false);
        assertEquals("STRING_TOO_LONG", r.get(1).firstError().statusCode());
        assertTrue(r.get(0).success() && r.get(2).success());
        assertEquals(2, count());
    }

    @Test
    void addErrorFailsOnlyThatRowInAPartialSaveAndTheGoodRowsAreRetriedOnce() {
        Recorder rec = new Recorder();
        db.addTriggerHook("Widget__c", rec);
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void before(TriggerBatch b) {
                for (int i = 0; i < b.size(); i++) {
                    if ("W1".equals(b.newRows().get(i).get("Name"))) {
                        b.addError(i, "Size__c", "W1 is not allowed");
                    }
                }
            }
        });
        List<RowResult> r = db.dml(api, Operation.INSERT, "Widget__c", widgets(3), false);
        RowError e = r.get(1).firstError();
        assertEquals(new RowError("FIELD_CUSTOM_VALIDATION_EXCEPTION", "W1 is not allowed", List.of("Size__c")), e);
        assertNull(r.get(1).id());
        assertTrue(r.get(0).success() && r.get(2).success());
        assertEquals(2, count(), "the retry saves the good rows exactly once");
        // First attempt with all three rows, then a retry with the two good ones (Salesforce's partial save).
        assertEquals(List.of("before INSERT 3", "after INSERT 2", "before INSERT 2", "after INSERT 2"), rec.calls);
    }

    @Test
    void aPartialSaveGivesUpAfterThreeAttemptsWithSalesforcesMessage() {
        Recorder rec = new Recorder();
        db.addTriggerHook("Widget__c", rec);
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void after(TriggerBatch b) {
                b.addError(0, "always the first row"); // a different record on every attempt
            }
        });
        List<RowResult> r = db.dml(api, Operation.INSERT, "Widget__c", widgets(5), false);
        assertEquals("always the first row", r.get(0).firstError().message());
        assertEquals("always the first row", r.get(2).firstError().message());
        assertEquals(
                "Too many batch retries in the presence of Apex triggers and partial failures.",
                r.get(3).firstError().message());
        assertEquals(0, count());
        assertEquals(
                List.of(
                        "before INSERT 5",
                        "after INSERT 5",
                        "before INSERT 4",
                        "after INSERT 4",
                        "before INSERT 3",
                        "after INSERT 3"),
                rec.calls);
    }

    @Test
    void allOrNoneRollsTheWholeCallBackAndTheOtherRowsSayWhy() {
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void after(TriggerBatch b) {
                b.addError(b.size() - 1, "last row refused");
            }
        });
        List<RowResult> r = db.dml(api, Operation.INSERT, "Widget__c", widgets(250), true);
        assertEquals(0, count());
        assertEquals("ALL_OR_NONE_OPERATION_ROLLED_BACK", r.get(0).firstError().statusCode());
        assertEquals(
                "Record rolled back because not all records were valid and the request was using AllOrNone header",
                r.get(0).firstError().message());
        assertNull(r.get(0).id());
        assertEquals("last row refused", r.get(199).firstError().message());
        assertEquals(
                "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                r.get(249).firstError().statusCode(),
                "the chunk after the failing one is not run");
    }

    @Test
    void systemValidationFailuresNeverReachTheHooks() {
        Recorder rec = new Recorder();
        db.addTriggerHook("Widget__c", rec);
        List<Map<String, Object>> rows = new ArrayList<>(widgets(2));
        rows.add(Map.of("Name", "bad", "Nope__c", 1));
        List<RowResult> r = db.dml(api, Operation.INSERT, "Widget__c", rows, false);
        assertEquals("INVALID_FIELD", r.get(2).firstError().statusCode());
        assertEquals(List.of("before INSERT 2", "after INSERT 2"), rec.calls);
        assertEquals(2, count());
    }

    @Test
    void aHookThatThrowsFailsEveryRowOfItsChunk() {
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void before(TriggerBatch b) {
                throw new OrgException(
                        "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "WidgetTrigger: execution of BeforeInsert");
            }
        });
        List<RowResult> r = db.dml(api, Operation.INSERT, "Widget__c", widgets(3), false);
        assertTrue(r.stream()
                .allMatch(x ->
                        !x.success() && x.firstError().statusCode().equals("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY")));
        assertEquals(0, count());
        OrgException single = assertThrows(OrgException.class, () -> db.insert(api, "Widget__c", Map.of("Name", "x")));
        assertEquals("WidgetTrigger: execution of BeforeInsert", single.getMessage());
    }

    @Test
    void hookDmlJoinsTheTransactionAndRecursesUntilTheHookStops() {
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void after(TriggerBatch b) {
                if (b.depth() < 5) {
                    List<RowResult> r = db.dml(
                            b.caller(),
                            Operation.INSERT,
                            "Widget__c",
                            List.of(Map.of("Name", "level " + (b.depth() + 1))),
                            true);
                    assertTrue(r.get(0).success());
                }
            }
        });
        db.insert(api, "Widget__c", Map.of("Name", "level 1"));
        assertEquals(5, count());
    }

    @Test
    void recursionPastSixteenLevelsFailsWithMaximumTriggerDepthExceededAndSavesNothing() {
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void after(TriggerBatch b) {
                RowResult r = db.dml(b.caller(), Operation.INSERT, "Widget__c", List.of(Map.of("Name", "again")), true)
                        .get(0);
                if (!r.success()) {
                    throw r.firstError().toException();
                }
            }

            @Override
            public String name() {
                return "WidgetTrigger";
            }
        });
        OrgException e = assertThrows(OrgException.class, () -> db.insert(api, "Widget__c", Map.of("Name", "top")));
        assertEquals("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", e.errorCode());
        assertEquals("WidgetTrigger: maximum trigger depth exceeded", e.getMessage());
        assertEquals(0, count());
    }

    @Test
    void deleteHooksSeeOldRecordsAndUndeleteHasOnlyAnAfterPhase() {
        List<String> ids = db.dml(api, Operation.INSERT, "Widget__c", widgets(3), true).stream()
                .map(RowResult::id)
                .toList();
        Recorder rec = new Recorder();
        List<Object> oldNames = new ArrayList<>();
        db.addTriggerHook("Widget__c", rec);
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void before(TriggerBatch b) {
                b.oldRecords().forEach(o -> oldNames.add(o.get("Name")));
                assertTrue(b.newRows().isEmpty());
            }
        });
        List<Map<String, Object>> byId =
                ids.stream().map(id -> Map.<String, Object>of("Id", id)).toList();
        assertTrue(db.dml(api, Operation.DELETE, null, byId, true).stream().allMatch(RowResult::success));
        assertEquals(List.of("W0", "W1", "W2"), oldNames);
        assertEquals(0, count());
        assertTrue(db.dml(api, Operation.UNDELETE, "Widget__c", byId, true).stream()
                .allMatch(RowResult::success));
        assertEquals(3, count());
        assertEquals(List.of("before DELETE 3", "after DELETE 3", "after UNDELETE 3"), rec.calls);
    }

    @Test
    void mixedTypesByIdAreChunkedPerType() {
        String w = db.insert(api, "Widget__c", Map.of("Name", "w"));
        String g = db.insert(api, "Group", Map.of("Name", "g"));
        List<RowResult> r = db.dml(
                api,
                Operation.UPDATE,
                null,
                List.of(Map.of("Id", w, "Size__c", 2), Map.of("Id", g, "Name", "g2")),
                true);
        assertTrue(r.get(0).success() && r.get(1).success(), r.toString());
        assertEquals("g2", db.retrieve(g).get("Name"));
        RowResult wrongType = db.dml(api, Operation.UPDATE, "Widget__c", List.of(Map.of("Id", g, "Name", "x")), false)
                .get(0);
        assertEquals("MALFORMED_ID", wrongType.firstError().statusCode());
    }

    @Test
    void dmlJoinsTheCallersTransactionAndCommitsOnlyWithIt() {
        assertThrows(
                IllegalStateException.class,
                () -> db.transaction(() -> {
                    db.dml(api, Operation.INSERT, "Widget__c", widgets(3), true);
                    assertEquals(3, count());
                    throw new IllegalStateException("caller fails later");
                }));
        assertEquals(0, count());
    }

    @Test
    void savepointsRollBackPartOfATransaction() {
        db.transaction(() -> {
            db.insert(api, "Widget__c", Map.of("Name", "kept"));
            OrgDatabase.Savepoint sp = db.setSavepoint();
            db.insert(api, "Widget__c", Map.of("Name", "undone"));
            db.rollback(sp);
        });
        assertEquals(
                List.of("kept"),
                db.rows("Widget__c", false).stream().map(r -> r.get("Name")).toList());
        assertThrows(IllegalStateException.class, db::setSavepoint);
    }

    @Test
    void transactionListenersSeeOnlyTheOutermostTransactionAndWhetherItCommitted() {
        List<String> seen = new ArrayList<>();
        db.addTransactionListener(new OrgDatabase.TransactionListener() {
            @Override
            public void begin() {
                seen.add("begin");
            }

            @Override
            public void end(boolean committed) {
                seen.add(committed ? "commit" : "rollback");
            }
        });
        db.addTriggerHook("Widget__c", new TriggerHook() {
            @Override
            public void after(TriggerBatch b) {
                if (b.depth() == 1) {
                    db.insert(b.caller(), "Widget__c", Map.of("Name", "nested"));
                }
            }
        });
        db.dml(api, Operation.INSERT, "Widget__c", widgets(2), true);
        assertThrows(OrgException.class, () -> db.insert(api, "Widget__c", Map.of("Size__c", 1)));
        assertEquals(List.of("begin", "commit", "begin", "rollback"), seen);
    }

    @Test
    void upsertOnAnExternalIdInsertsOrUpdatesAndSaysWhich() {
        db.insert(api, "Widget__c", Map.of("Name", "old", "Code__c", "A-1"));
        Recorder rec = new Recorder();
        db.addTriggerHook("Widget__c", rec);
        List<RowResult> r = db.upsert(
                api,
                "Widget__c",
                "Code__c",
                List.of(Map.of("Name", "renamed", "Code__c", "a-1"), Map.of("Name", "new", "Code__c", "B-2")),
                true);
        assertFalse(r.get(0).created());
        assertTrue(r.get(1).created());
        assertEquals("renamed", db.retrieve(r.get(0).id()).get("Name"));
        assertEquals(2, count());
        assertEquals(List.of("before INSERT 1", "after INSERT 1", "before UPDATE 1", "after UPDATE 1"), rec.calls);
    }

    @Test
    void upsertRefusesKeysThatAreNoExternalIdAndReportsAmbiguousMatches() {
        OrgException notKey = assertThrows(
                OrgException.class, () -> db.upsert(api, "Widget__c", "Note__c", List.of(Map.of("Name", "x")), true));
        assertEquals("INVALID_FIELD", notKey.errorCode());
        db.insert(api, "Widget__c", Map.of("Name", "one", "Code__c", "D"));
        db.insert(api, "Widget__c", Map.of("Name", "two", "Code__c", "D"));
        List<RowResult> r = db.upsert(
                api,
                "Widget__c",
                "Code__c",
                List.of(
                        Map.of("Name", "x", "Code__c", "D"),
                        Map.of("Name", "y", "Code__c", "E"),
                        Map.of("Name", "z", "Code__c", "e")),
                false);
        assertEquals("DUPLICATE_EXTERNAL_ID", r.get(0).firstError().statusCode());
        assertEquals("DUPLICATE_EXTERNAL_ID", r.get(1).firstError().statusCode(), "the same key twice in one call");
        assertEquals("DUPLICATE_EXTERNAL_ID", r.get(2).firstError().statusCode());
        assertEquals(2, count());
    }

    @Test
    void aParentReferenceByExternalIdResolvesToTheParentsId() {
        String widget = db.insert(api, "Widget__c", Map.of("Name", "parent", "Code__c", "P-1"));
        List<RowResult> r = db.dml(
                api,
                Operation.INSERT,
                "Part__c",
                List.of(
                        Map.of("Name", "by relationship name", "Parts__r", Map.of("Code__c", "p-1")),
                        Map.of("Name", "by field name", "Widget__r", Map.of("Code__c", "P-1")),
                        Map.of("Name", "unknown", "Widget__r", Map.of("Code__c", "nope")),
                        Map.of("Name", "not a key", "Widget__r", Map.of("Note__c", "x"))),
                false);
        assertEquals(widget, db.retrieve(r.get(0).id()).get("Widget__c"));
        assertEquals(widget, db.retrieve(r.get(1).id()).get("Widget__c"));
        assertEquals(
                new RowError(
                        "INVALID_FIELD",
                        "Foreign key external ID: nope not found for field Code__c in entity" + " Widget__c",
                        List.of("Widget__c")),
                r.get(2).firstError());
        assertEquals(
                "Field name provided, Note__c is not an External ID or indexed field for Widget__c",
                r.get(3).firstError().message());
    }

    @Test
    void singleRowWritesKeepTheirErrorsAndHttpStatus() {
        OrgException missing =
                assertThrows(OrgException.class, () -> db.insert(api, "Widget__c", Map.of("Size__c", 1)));
        assertEquals("REQUIRED_FIELD_MISSING", missing.errorCode());
        OrgException notFound =
                assertThrows(OrgException.class, () -> db.update(api, "a00000000000999AAA", Map.of("Name", "x")));
        assertEquals(404, notFound.httpStatus());
        OrgException malformed = assertThrows(OrgException.class, () -> db.delete(api, "nope"));
        assertEquals("MALFORMED_ID", malformed.errorCode());
    }
}
