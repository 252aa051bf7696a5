package dev.warden.localorg.apex;

import dev.warden.apex.exec.ApexThrow;
import dev.warden.apex.exec.Program;
import dev.warden.apex.exec.Transaction;
import dev.warden.apex.exec.Triggers;
import dev.warden.apex.host.DmlError;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.RecordChange.Operation;
import dev.warden.localorg.data.TriggerBatch;
import dev.warden.localorg.data.TriggerHook;
import dev.warden.localorg.model.FieldDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deployed Apex triggers of one object, as one batch hook of the write path: each chunk (at most 200 rows) runs
 * every active trigger of the object for the event once, inside the API call's Apex transaction. Values a before
 * trigger sets are written back into the chunk; rows a trigger rejects with {@code addError} fail with its message.
 */
final class ApexTriggerHook implements TriggerHook {
    private final OrgApex apex;
    private final String objectName;

    ApexTriggerHook(OrgApex apex, String objectName) {
        this.apex = apex;
        this.objectName = objectName;
    }

    String objectName() {
        return objectName;
    }

    @Override
    public void before(TriggerBatch batch) {
        fire(batch, "before");
    }

    @Override
    public void after(TriggerBatch batch) {
        fire(batch, "after");
    }

    private void fire(TriggerBatch batch, String phase) {
        String event = phase + " " + batch.operation().name().toLowerCase(Locale.ROOT);
        Program program = apex.program();
        if (!Triggers.has(program, objectName, event)) {
            return;
        }
        Transaction tx = apex.transaction(batch.caller().userId());
        boolean entered = Transaction.current() != tx;
        if (entered) {
            tx.enter(); // outside a database transaction (not expected: the pipeline always runs in one)
        }
        List<Map<String, Object>> olds = new ArrayList<>();
        for (Record r : batch.oldRecords()) {
            olds.add(r.toMap());
        }
        List<Map<String, Object>> news = new ArrayList<>();
        for (Map<String, Object> m : batch.newRows()) {
            news.add(new java.util.LinkedHashMap<>(m));
        }
        if (batch.operation() == Operation.DELETE) {
            news = List.of();
        }
        Triggers.Chunk chunk;
        apex.countTriggerChunk();
        try {
            chunk = Triggers.fireChunk(tx, objectName, event, news, olds);
        } catch (ApexThrow e) {
            throw new OrgException(
                    "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                    triggerName(program, event)
                            + ": execution of " + eventWord(event) + "\n\ncaused by: " + e.getMessage() + "\n\n"
                            + e.apexStackTrace());
        } catch (CompileError | UnsupportedFeature e) {
            throw new OrgException(
                    "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", triggerName(program, event) + ": " + e.getMessage());
        } finally {
            if (entered) {
                tx.exit();
            }
        }
        if (phase.equals("before") && batch.operation() != Operation.DELETE) {
            for (int i = 0; i < chunk.rows().size() && i < batch.size(); i++) {
                Map<String, Object> target = batch.newRows().get(i);
                for (Map.Entry<String, Object> e : chunk.rows().get(i).entrySet()) {
                    FieldDef f = batch.type().field(e.getKey());
                    if (f == null || !target.containsKey(f.name()) && e.getValue() == null) {
                        continue;
                    }
                    if (!OrgDatabase.sameValue(target.get(f.name()), e.getValue())) {
                        target.put(f.name(), e.getValue());
                    }
                }
            }
        }
        for (int i = 0; i < chunk.errors().size() && i < batch.size(); i++) {
            for (DmlError err : chunk.errors().get(i)) {
                batch.addError(i, err.fields().isEmpty() ? null : err.fields().get(0), err.message());
            }
        }
    }

    /** The first trigger of the object handling the event, for error texts ("WardenCapture: execution of ..."). */
    private String triggerName(Program program, String event) {
        for (var t : program.triggers()) {
            if (t.decl.trigger().objectName().equalsIgnoreCase(objectName)
                    && t.decl.trigger().events().contains(event)) {
                return t.name();
            }
        }
        return objectName;
    }

    /** "after insert" → "AfterInsert", as Salesforce names the event in trigger exception texts. */
    private static String eventWord(String event) {
        String[] p = event.split(" ");
        return Character.toUpperCase(p[0].charAt(0))
                + p[0].substring(1)
                + Character.toUpperCase(p[1].charAt(0))
                + p[1].substring(1);
    }

    @Override
    public String name() {
        return "ApexTriggers(" + objectName + ")";
    }
}
