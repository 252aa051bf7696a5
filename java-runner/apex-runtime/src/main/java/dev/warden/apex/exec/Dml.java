package dev.warden.apex.exec;

import dev.warden.apex.host.AccessMode;
import dev.warden.apex.host.DmlError;
import dev.warden.apex.host.DmlOperation;
import dev.warden.apex.host.DmlRowResult;
import dev.warden.apex.lib.SaveResultValue;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.SObjectValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** DML statements and Database.insert/update/upsert/delete: limits, the host's bulk call, ids written back. */
public final class Dml {
    private Dml() {}

    static void statement(Frame f, String op, Object records, boolean userMode, String extId) {
        run(f, op, records, true, userMode, extId);
    }

    /** Database.X(records, allOrNone, accessLevel): one SaveResult per row (a single one for a single record). */
    public static Object database(Frame f, String op, Object records, boolean allOrNone, boolean userMode) {
        List<DmlRowResult> results = run(f, op, records, allOrNone, userMode, null);
        List<Object> out = new ArrayList<>();
        String type = switch (op) {
            case "delete" -> "Database.DeleteResult";
            case "upsert" -> "Database.UpsertResult";
            case "undelete" -> "Database.UndeleteResult";
            default -> "Database.SaveResult";
        };
        for (DmlRowResult r : results) {
            out.add(new SaveResultValue(type, r));
        }
        if (records instanceof SObjectValue) {
            return out.get(0);
        }
        return new ApexList(RType.simple(RType.Kind.NATIVE, type).ref(), out);
    }

    private static List<DmlRowResult> run(
            Frame f, String op, Object records, boolean allOrNone, boolean userMode, String extId) {
        Transaction tx = f.tx;
        if (records == null) {
            throw Errors.npe(f);
        }
        if (extId != null) {
            throw Errors.unsupported("upsert with an external id field", f);
        }
        List<SObjectValue> rows = new ArrayList<>();
        if (records instanceof SObjectValue s) {
            rows.add(s);
        } else if (records instanceof ApexList l) {
            for (Object o : l.items) {
                if (o == null) {
                    throw Errors.npe(f);
                }
                rows.add((SObjectValue) o);
            }
        } else {
            throw Errors.unsupported("DML on " + dev.warden.apex.value.Values.typeName(records), f);
        }
        if (++tx.limits.dmlStatements > Limits.DML_STATEMENTS) {
            throw Errors.limit(tx, "Too many DML statements: " + tx.limits.dmlStatements);
        }
        tx.limits.dmlRows += rows.size();
        if (tx.limits.dmlRows > Limits.DML_ROWS) {
            throw Errors.limit(tx, "Too many DML rows: " + tx.limits.dmlRows);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        String object = rows.get(0).typeName();
        for (SObjectValue s : rows) {
            if (!s.typeName().equals(object)) {
                throw Errors.unsupported("DML on a list mixing " + object + " and " + s.typeName(), f);
            }
        }
        DmlOperation operation = DmlOperation.valueOf(op.toUpperCase(Locale.ROOT));
        List<Map<String, Object>> maps = new ArrayList<>();
        List<DmlRowResult> early = new ArrayList<>();
        for (SObjectValue s : rows) {
            if (operation == DmlOperation.INSERT && s.id() != null) {
                early.add(DmlRowResult.failed(
                        null,
                        new DmlError(
                                "INVALID_FIELD_FOR_INSERT_UPDATE",
                                "cannot specify Id in an insert call",
                                List.of("Id"))));
            } else if ((operation == DmlOperation.UPDATE || operation == DmlOperation.DELETE) && s.id() == null) {
                early.add(DmlRowResult.failed(
                        null, new DmlError("MISSING_ARGUMENT", "Id not specified in an " + op + " call", List.of())));
            } else {
                early.add(null);
            }
            maps.add(fields(s, operation));
        }
        List<DmlRowResult> results;
        if (early.stream().anyMatch(r -> r != null) && allOrNone) {
            results = early.stream()
                    .map(r -> r == null ? new DmlRowResult(null, false, false, List.of()) : r)
                    .toList();
        } else {
            results = tx.host.dml(
                    operation,
                    object,
                    maps,
                    allOrNone,
                    userMode ? AccessMode.USER : AccessMode.SYSTEM,
                    tx.user().id());
        }
        for (int i = 0; i < rows.size(); i++) {
            DmlRowResult r = results.get(i);
            if (r.success()
                    && r.id() != null
                    && (operation == DmlOperation.INSERT || operation == DmlOperation.UPSERT)) {
                rows.get(i).put("Id", ApexId.parse(r.id()));
            }
        }
        if (allOrNone) {
            for (int i = 0; i < results.size(); i++) {
                DmlRowResult r = results.get(i);
                if (!r.success() && !r.errors().isEmpty()) {
                    throw dmlException(f, op, i, results);
                }
            }
        }
        return results;
    }

    private static Map<String, Object> fields(SObjectValue s, DmlOperation op) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : s.fieldNames()) {
            Object v = s.get(name);
            if (v instanceof SObjectValue || v instanceof ApexList) {
                continue;
            }
            if (op == DmlOperation.DELETE && !name.equalsIgnoreCase("Id")) {
                continue;
            }
            m.put(s.schema.field(name) == null ? name : s.schema.field(name).name(), Queries.toSoql(v));
        }
        return m;
    }

    private static ApexThrow dmlException(Frame f, String op, int first, List<DmlRowResult> results) {
        DmlError e = results.get(first).errors().get(0);
        String verb = Character.toUpperCase(op.charAt(0)) + op.substring(1);
        // UNCONFIRMED in detail: "Insert failed. First exception on row 0; first error: CODE, message: [fields]"
        String message = verb + " failed. First exception on row " + first + "; first error: " + e.statusCode() + ", "
                + e.message() + ": [" + String.join(", ", e.fields()) + "]";
        ApexObject ex = Errors.create(f.tx, "DmlException", message);
        List<Map<String, Object>> dml = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            DmlRowResult r = results.get(i);
            if (!r.success() && !r.errors().isEmpty()) {
                DmlError err = r.errors().get(0);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", i);
                row.put("id", r.id() == null ? null : ApexId.parse(r.id()));
                row.put("statusCode", err.statusCode());
                row.put("message", err.message());
                row.put("fields", new ApexList(RType.STRING_T.ref(), new ArrayList<>(err.fields())));
                dml.add(row);
            }
        }
        ex.state.put("dml", dml);
        return new ApexThrow(ex);
    }

    @SuppressWarnings("unchecked")
    static Object numDml(ApexObject e) {
        Object d = e.state.get("dml");
        return d == null ? 0 : ((List<Object>) d).size();
    }

    @SuppressWarnings("unchecked")
    static Object dmlField(Frame f, ApexObject e, List<Object> args, String field) {
        List<Map<String, Object>> d = (List<Map<String, Object>>) e.state.get("dml");
        int i = ((Number) args.get(0)).intValue();
        if (d == null || i < 0 || i >= d.size()) {
            throw Errors.apex(f, "ListException", "List index out of bounds: " + i);
        }
        Object v = d.get(i).get(field);
        if (field.equals("statusCode")) {
            return new dev.warden.apex.value.EnumValue("System.StatusCode", (String) v, 0);
        }
        return v;
    }
}
