package dev.warden.apex.lib;

import dev.warden.apex.exec.Dml;
import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Limits;
import dev.warden.apex.exec.Queries;
import dev.warden.apex.value.EnumValue;
import java.util.List;
import java.util.Set;

/** Database: DML with SaveResults, query, savepoints. */
final class DatabaseLib implements Builtin {
    @Override
    public String name() {
        return "Database";
    }

    @Override
    public Set<String> statics() {
        return Set.of(
                "insert",
                "update",
                "delete",
                "upsert",
                "undelete",
                "query",
                "querywithbinds",
                "setsavepoint",
                "rollback",
                "countquery",
                "getquerylocator",
                "executebatch");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "insert":
            case "update":
            case "delete":
            case "upsert":
            case "undelete": {
                boolean allOrNone = true;
                boolean userMode = false;
                for (int i = 1; i < a.size(); i++) {
                    if (a.get(i) instanceof Boolean b) {
                        allOrNone = b;
                    } else if (a.get(i) instanceof EnumValue e && e.typeName().equals("AccessLevel")) {
                        userMode = e.name().equals("USER_MODE");
                    } else if (a.get(i) != null) {
                        throw Errors.unsupported(
                                "Database." + m + " with " + dev.warden.apex.value.Values.typeName(a.get(i)), f);
                    }
                }
                return Dml.database(f, m, a.get(0), allOrNone, userMode);
            }
            case "getquerylocator":
                return BatchApex.queryLocator(f, a.get(0));
            case "executebatch":
                return BatchApex.executeBatch(f, a.get(0), Args.arg(a, 1));
            case "query":
                return Queries.dynamic(
                        f,
                        Args.strNotNull(f, a, 0),
                        a.size() > 1
                                && a.get(1) instanceof EnumValue e
                                && e.name().equals("USER_MODE"));
            case "querywithbinds":
                return Queries.dynamicWithBinds(
                        f,
                        Args.strNotNull(f, a, 0),
                        (dev.warden.apex.value.ApexMap) a.get(1),
                        a.size() > 2
                                && a.get(2) instanceof EnumValue e
                                && e.name().equals("USER_MODE"));
            case "countquery": {
                Object r = Queries.dynamic(f, Args.strNotNull(f, a, 0), false);
                return r;
            }
            case "setsavepoint": {
                // UNCONFIRMED: a savepoint counts as a DML statement (the package's tests say so in a comment)
                countDml(f);
                return new SavepointValue(f.tx.host.setSavepoint());
            }
            case "rollback": {
                countDml(f);
                if (!(a.get(0) instanceof SavepointValue sp)) {
                    throw Errors.npe(f);
                }
                f.tx.host.rollback(sp.mark());
                return null;
            }
            default:
                throw Args.noSuch(f, "Database", m, a);
        }
    }

    private static void countDml(Frame f) {
        if (++f.tx.limits.dmlStatements > Limits.DML_STATEMENTS) {
            throw Errors.limit(f.tx, "Too many DML statements: " + f.tx.limits.dmlStatements);
        }
    }

    record SavepointValue(Object mark) implements Native {
        @Override
        public String apexType() {
            return "Savepoint";
        }

        @Override
        public Object call(Frame f, String method, List<Object> args) {
            throw Args.noSuch(f, "Savepoint", method, args);
        }
    }
}
