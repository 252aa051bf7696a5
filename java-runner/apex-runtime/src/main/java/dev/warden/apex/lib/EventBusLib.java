package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Queries;
import dev.warden.apex.host.DmlRowResult;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.SObjectValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** EventBus.publish: platform events to the host; one SaveResult per event. */
final class EventBusLib implements Builtin {
    @Override
    public String name() {
        return "EventBus";
    }

    @Override
    public Set<String> statics() {
        return Set.of("publish");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        Object arg = a.get(0);
        if (arg == null) {
            throw Errors.npe(f);
        }
        List<SObjectValue> events = new ArrayList<>();
        if (arg instanceof SObjectValue s) {
            events.add(s);
        } else {
            for (Object o : ((ApexList) arg).items) {
                events.add((SObjectValue) o);
            }
        }
        // UNCONFIRMED: publishing counts as one DML statement here (Warden's assertions are upper bounds)
        if (++f.tx.limits.dmlStatements > dev.warden.apex.exec.Limits.DML_STATEMENTS) {
            throw Errors.limit(f.tx, "Too many DML statements: " + f.tx.limits.dmlStatements);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SObjectValue s : events) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String n : s.fieldNames()) {
                row.put(n, Queries.toSoql(s.get(n)));
            }
            rows.add(row);
        }
        List<DmlRowResult> results =
                events.isEmpty() ? List.of() : f.tx.host.publish(events.get(0).typeName(), rows);
        List<Object> out = new ArrayList<>();
        for (DmlRowResult r : results) {
            out.add(new SaveResultValue("Database.SaveResult", r));
        }
        return arg instanceof SObjectValue ? out.get(0) : new ApexList(TypeRef.of("Database.SaveResult", null), out);
    }
}
