package dev.warden.apex.lib;

import dev.warden.apex.exec.AsyncJob;
import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.exec.Queries;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch Apex: {@code Database.executeBatch(batchable[, scope])} queues one async job that calls start, then execute
 * once per chunk of {@code scope} rows (default 200), then finish, with a {@code Database.BatchableContext}. In a
 * test the job runs at Test.stopTest; elsewhere after the enqueuing transaction commits. Known difference: every
 * execute runs in the job's one transaction and limit context (Salesforce gives each execute its own).
 */
final class BatchApex {
    private BatchApex() {}

    /** Database.QueryLocator: the rows of its query, read when created (UNCONFIRMED: Salesforce reads them lazily). */
    record QueryLocator(String query, ApexList rows) implements Native {
        @Override
        public String apexType() {
            return "Database.QueryLocator";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            if (m.equals("getquery")) {
                return query;
            }
            throw Args.noSuch(f, "Database.QueryLocator", m, a);
        }
    }

    /** Database.BatchableContext: the job's id. */
    record Context(String jobId) implements Native {
        @Override
        public String apexType() {
            return "Database.BatchableContext";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            if (m.equals("getjobid") || m.equals("getchildjobid")) {
                return ApexId.parse(jobId);
            }
            throw Args.noSuch(f, "Database.BatchableContext", m, a);
        }
    }

    static Object queryLocator(Frame f, Object arg) {
        if (arg instanceof String soql) {
            return new QueryLocator(soql, (ApexList) Queries.dynamic(f, soql, false));
        }
        if (arg instanceof ApexList rows) {
            return new QueryLocator(null, rows);
        }
        throw Errors.unsupported("Database.getQueryLocator of " + dev.warden.apex.value.Values.typeName(arg), f);
    }

    static Object executeBatch(Frame f, Object batch, Object scopeArg) {
        if (!(batch instanceof ApexObject o)) {
            throw Errors.npe(f);
        }
        int scope = scopeArg == null ? 200 : ((Number) scopeArg).intValue();
        if (scope < 1 || scope > 2000) {
            // UNCONFIRMED wording
            throw Errors.apex(f, "AsyncException", "The scope parameter must be between 1 and 2000");
        }
        String id = f.tx.nextAsyncJobId();
        f.tx.asyncQueue.add(new AsyncJob(
                "BatchApex", o.type.name(), id, f.tx.user().id(), run -> {
                    Frame root = new Frame(run, null, o.type, null, 0, "Class." + o.type.name() + ".execute");
                    Context ctx = new Context(id);
                    Object started = Invoker.invoke(root, method(root, o, "start", 1), o, new Object[] {ctx});
                    List<Object> rows = started instanceof QueryLocator q
                            ? q.rows().items
                            : started instanceof ApexList l ? l.items : null;
                    if (rows == null) {
                        throw Errors.unsupported(
                                "Batch Apex whose start answers " + dev.warden.apex.value.Values.typeName(started),
                                root);
                    }
                    TypeRef element =
                            started instanceof QueryLocator q ? q.rows().elementType : ((ApexList) started).elementType;
                    for (int i = 0; i < rows.size(); i += scope) {
                        ApexList chunk = new ApexList(
                                element, new ArrayList<>(rows.subList(i, Math.min(rows.size(), i + scope))));
                        Invoker.invoke(root, method(root, o, "execute", 2), o, new Object[] {ctx, chunk});
                    }
                    Invoker.invoke(root, method(root, o, "finish", 1), o, new Object[] {ctx});
                }));
        return ApexId.parse(id);
    }

    private static MethodInfo method(Frame f, ApexObject o, String name, int arity) {
        MethodInfo m = Invoker.virtualTarget(f, o, name, arity, new Object[arity]);
        if (m == null) {
            throw Errors.unsupported("Batch Apex class " + o.type.name() + " without " + name, f);
        }
        return m;
    }
}
