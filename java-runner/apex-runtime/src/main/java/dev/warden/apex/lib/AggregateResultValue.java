package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of an aggregate query: get(alias) (expr0, expr1, ... when unaliased). */
public record AggregateResultValue(LinkedHashMap<String, Object> fields) implements Native {
    @Override
    public String apexType() {
        return "AggregateResult";
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        if (m.equals("get")) {
            String k = Args.strNotNull(f, a, 0);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (e.getKey().equalsIgnoreCase(k)) {
                    Object v = e.getValue();
                    return v instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE
                            ? (Object) l.intValue()
                            : v;
                }
            }
            throw dev.warden.apex.exec.Errors.apex(
                    f, "SObjectException", "Invalid field " + k + " for AggregateResult");
        }
        throw Args.noSuch(f, "AggregateResult", m, a);
    }
}
