package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Limits;
import java.util.List;
import java.util.Set;

/** Limits: usage of the current limit context and the synchronous maxima. */
final class LimitsLib implements Builtin {
    @Override
    public String name() {
        return "Limits";
    }

    @Override
    public Set<String> statics() {
        return Set.of(
                "getqueries",
                "getlimitqueries",
                "getdmlstatements",
                "getlimitdmlstatements",
                "getqueryrows",
                "getlimitqueryrows",
                "getdmlrows",
                "getlimitdmlrows",
                "getcputime",
                "getlimitcputime",
                "getheapsize",
                "getlimitheapsize");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        Limits l = f.tx.limits;
        return switch (m) {
            case "getqueries" -> l.queries;
            case "getlimitqueries" -> l.maxQueries;
            case "getdmlstatements" -> l.dmlStatements;
            case "getlimitdmlstatements" -> Limits.DML_STATEMENTS;
            case "getqueryrows" -> l.queryRows;
            case "getlimitqueryrows" -> Limits.QUERY_ROWS;
            case "getdmlrows" -> l.dmlRows;
            case "getlimitdmlrows" -> Limits.DML_ROWS;
            case "getcputime" -> (int) f.tx.cpuMillis();
            case "getlimitcputime" -> (int) f.tx.cpuLimitMillis;
            case "getheapsize" -> 0;
            case "getlimitheapsize" -> 6_000_000;
            default -> throw Args.noSuch(f, "Limits", m, a);
        };
    }
}
