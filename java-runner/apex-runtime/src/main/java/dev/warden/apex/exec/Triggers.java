package dev.warden.apex.exec;

import dev.warden.apex.host.DmlError;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.SObjectValue;
import dev.warden.soql.FieldInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trigger dispatch, called by the host's DML pipeline once per chunk of at most 200 rows, before and after the write
 * (the order of execution is the host's). Trigger context variables come from the chunk; {@code before} triggers
 * may change {@code Trigger.new}, and the changed rows are handed back to the host to write.
 */
public final class Triggers {
    private Triggers() {}

    /** Whether any active trigger of the program handles this object and event ("before insert", ...). */
    public static boolean has(Program p, String objectName, String event) {
        return !matching(p, objectName, event).isEmpty();
    }

    private static List<ClassInfo> matching(Program p, String objectName, String event) {
        List<ClassInfo> out = new ArrayList<>();
        for (ClassInfo t : p.triggers()) {
            if (t.decl.trigger().objectName().equalsIgnoreCase(objectName)
                    && t.decl.trigger().events().contains(event.toLowerCase(Locale.ROOT))) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Fires the triggers for one chunk. Rows are field maps in the host's value conventions (ids as Strings);
     * {@code oldRows} is empty for inserts. Answers the new rows as the triggers left them (for before triggers).
     */
    public static List<Map<String, Object>> fire(
            Transaction tx,
            String objectName,
            String event,
            List<Map<String, Object>> newRows,
            List<Map<String, Object>> oldRows) {
        return fireChunk(tx, objectName, event, newRows, oldRows).rows();
    }

    /**
     * The rows as the triggers left them, and per row the errors they added with addError (empty when none); the host
     * fails those rows with these errors, as Salesforce fails a record a trigger rejects.
     */
    public record Chunk(List<Map<String, Object>> rows, List<List<DmlError>> errors) {}

    public static Chunk fireChunk(
            Transaction tx,
            String objectName,
            String event,
            List<Map<String, Object>> newRows,
            List<Map<String, Object>> oldRows) {
        List<ClassInfo> triggers = matching(tx.program, objectName, event);
        if (triggers.isEmpty()) {
            List<List<DmlError>> none = new ArrayList<>();
            for (int i = 0; i < Math.max(newRows.size(), oldRows.size()); i++) {
                none.add(List.of());
            }
            return new Chunk(newRows, none);
        }
        SObjectSchema schema = tx.program.describe(objectName);
        boolean before = event.startsWith("before");
        List<SObjectValue> news = new ArrayList<>();
        for (Map<String, Object> r : newRows) {
            SObjectValue s = sobject(schema, r);
            s.readOnly = !before;
            news.add(s);
        }
        List<SObjectValue> olds = new ArrayList<>();
        for (Map<String, Object> r : oldRows) {
            SObjectValue s = sobject(schema, r);
            s.readOnly = true;
            olds.add(s);
        }
        Map<String, Object> saved = new HashMap<>(tx.context);
        String op = event.substring(event.indexOf(' ') + 1);
        try {
            tx.context.put("Trigger.isexecuting", true);
            tx.context.put("Trigger.isbefore", before);
            tx.context.put("Trigger.isafter", !before);
            tx.context.put("Trigger.isinsert", op.equals("insert"));
            tx.context.put("Trigger.isupdate", op.equals("update"));
            tx.context.put("Trigger.isdelete", op.equals("delete"));
            tx.context.put("Trigger.isundelete", op.equals("undelete"));
            tx.context.put("Trigger.size", Math.max(news.size(), olds.size()));
            tx.context.put(
                    "Trigger.operationtype",
                    new dev.warden.apex.value.EnumValue(
                            "System.TriggerOperation",
                            event.toUpperCase(Locale.ROOT).replace(' ', '_'),
                            0));
            tx.context.put("Trigger.new", op.equals("delete") ? null : list(schema, news));
            tx.context.put("Trigger.old", op.equals("insert") || op.equals("undelete") ? null : list(schema, olds));
            tx.context.put(
                    "Trigger.newmap", before && op.equals("insert") || op.equals("delete") ? null : map(schema, news));
            tx.context.put("Trigger.oldmap", op.equals("insert") || op.equals("undelete") ? null : map(schema, olds));
            for (ClassInfo t : triggers) {
                MethodInfo run = t.methods.get("run").get(0);
                Frame root = new Frame(tx, null, t, null, 0, "Trigger." + t.name());
                Invoker.invoke(root, run, null, new Object[0]);
            }
        } finally {
            tx.context.clear();
            tx.context.putAll(saved);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<List<DmlError>> errors = new ArrayList<>();
        for (SObjectValue s : news.isEmpty() ? olds : news) {
            List<DmlError> es = new ArrayList<>();
            for (Object e : s.errors) {
                es.add((DmlError) e);
            }
            errors.add(es);
        }
        for (SObjectValue s : news) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String n : s.fieldNames()) {
                Object v = s.get(n);
                if (!(v instanceof SObjectValue) && !(v instanceof ApexList)) {
                    m.put(n, Queries.toSoql(v));
                }
            }
            out.add(m);
        }
        return new Chunk(out, errors);
    }

    private static SObjectValue sobject(SObjectSchema schema, Map<String, Object> r) {
        SObjectValue s = new SObjectValue(schema);
        for (Map.Entry<String, Object> e : r.entrySet()) {
            FieldInfo fi = schema.field(e.getKey());
            s.put(fi == null ? e.getKey() : fi.name(), Queries.fromStore(fi, e.getValue()));
        }
        return s;
    }

    private static ApexList list(SObjectSchema schema, List<SObjectValue> rows) {
        return new ApexList(RType.sobject(schema).ref(), new ArrayList<>(rows));
    }

    private static ApexMap map(SObjectSchema schema, List<SObjectValue> rows) {
        ApexMap m = new ApexMap(RType.ID_T.ref(), RType.sobject(schema).ref());
        for (SObjectValue s : rows) {
            ApexId id = s.id();
            if (id != null) {
                m.put(id, s);
            }
        }
        return m;
    }
}
