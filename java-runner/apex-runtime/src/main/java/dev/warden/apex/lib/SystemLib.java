package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.EnumValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** System: debug, now/today, the classic assert methods. */
final class SystemLib implements Builtin {
    @Override
    public String name() {
        return "System";
    }

    @Override
    public Set<String> statics() {
        return Set.of(
                "debug",
                "now",
                "today",
                "assert",
                "assertequals",
                "assertnotequals",
                "currenttimemillis",
                "isbatch",
                "isfuture",
                "isqueueable",
                "isscheduled",
                "enqueuejob");
    }

    private static dev.warden.apex.link.MethodInfo executeMethod(Frame f, dev.warden.apex.value.ApexObject o) {
        dev.warden.apex.link.MethodInfo m =
                dev.warden.apex.exec.Invoker.virtualTarget(f, o, "execute", 1, new Object[] {null});
        if (m == null) {
            // a static execute(QueueableContext) also satisfies Queueable (apex-recipes' QueueableRecipes declares one)
            for (dev.warden.apex.link.MethodInfo x : o.type.findMethods("execute")) {
                if (x.arity() == 1 && x.isStatic()) {
                    return x;
                }
            }
        }
        if (m == null) {
            throw dev.warden.apex.exec.Errors.unsupported(
                    "System.enqueueJob of " + o.type.name() + " without execute(QueueableContext)", f);
        }
        return m;
    }

    /** QueueableContext: the job id. */
    record QueueableContextValue(String jobId) implements Native {
        @Override
        public String apexType() {
            return "QueueableContext";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            if (m.equals("getjobid")) {
                return dev.warden.apex.value.ApexId.parse(jobId);
            }
            throw Args.noSuch(f, "QueueableContext", m, a);
        }
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        switch (m) {
            case "debug":
                if (a.size() == 2 && a.get(0) instanceof EnumValue level) {
                    f.tx.debug(level.name(), dev.warden.apex.exec.Arithmetic.text(f, a.get(1)));
                } else {
                    f.tx.debug("DEBUG", dev.warden.apex.exec.Arithmetic.text(f, a.get(0)));
                }
                return null;
            case "now":
                return Instant.now(f.tx.host.clock()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            case "today":
                return LocalDate.ofInstant(Instant.now(f.tx.host.clock()), ZoneOffset.UTC);
            case "currenttimemillis":
                return f.tx.host.clock().millis();
            case "assert":
                return AssertLib.check(f, Args.bool(f, a, 0), null, Args.arg(a, 1));
            case "assertequals":
                return AssertLib.equalsCheck(f, a.get(0), a.get(1), Args.arg(a, 2), true);
            case "assertnotequals":
                return AssertLib.equalsCheck(f, a.get(0), a.get(1), Args.arg(a, 2), false);
            case "enqueuejob": {
                Object job = a.get(0);
                if (!(job instanceof dev.warden.apex.value.ApexObject o)) {
                    throw dev.warden.apex.exec.Errors.npe(f);
                }
                String id = f.tx.nextAsyncJobId();
                f.tx.asyncQueue.add(new dev.warden.apex.exec.AsyncJob(
                        "Queueable", o.type.name(), id, f.tx.user().id(), run -> {
                            dev.warden.apex.exec.Frame root = new dev.warden.apex.exec.Frame(
                                    run, null, o.type, null, 0, "Class." + o.type.name() + ".execute");
                            dev.warden.apex.link.MethodInfo execute = executeMethod(root, o);
                            dev.warden.apex.exec.Invoker.invoke(
                                    root, execute, execute.isStatic() ? null : o, new Object[] {
                                        new QueueableContextValue(id)
                                    });
                        }));
                return dev.warden.apex.value.ApexId.parse(id);
            }
            case "isqueueable":
            case "isfuture":
                return f.tx.runningAsync;
            case "isbatch":
            case "isscheduled":
                return false;
            default:
                throw Args.noSuch(f, "System", m, a);
        }
    }
}
