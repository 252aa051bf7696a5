package dev.warden.apex.exec;

import dev.warden.apex.host.ApexHost;
import dev.warden.apex.host.HostUser;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.lower.Pos;
import dev.warden.apex.value.ApexObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Apex transaction: static state per class, limit counters, the call stack, the running user (System.runAs),
 * the debug log and line coverage. Statics start fresh in each transaction, as in Apex.
 */
public final class Transaction {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int MAX_DEPTH = 1000;

    public final Program program;
    public final ApexHost host;
    private final Map<ClassInfo, Object[]> statics = new HashMap<>();
    public Limits limits = new Limits();
    /** The transaction's limits while Test.startTest's fresh context is active. */
    public Limits outerLimits;

    public final Deque<Frame> stack = new ArrayDeque<>();
    public final Deque<HostUser> users = new ArrayDeque<>();
    public final List<String> debugLog = new ArrayList<>();
    /** Covered lines per unit (class or trigger name); shared across transactions by the test runner. */
    public Map<String, BitSet> coverage = new HashMap<>();

    public boolean runningTest;
    /** The CPU limit of this transaction (Limits.CPU_MILLIS unless a caller lowers it, e.g. in tests). */
    public long cpuLimitMillis = Limits.CPU_MILLIS;

    public boolean inStartTest;
    public boolean startTestUsed;
    /** Values Apex code reads from the platform: Trigger context, RestContext. */
    public final Map<String, Object> context = new HashMap<>();

    private long cpuStartThreadNanos = threadCpu();

    /** Async work queued by @future calls and System.enqueueJob: run by Test.stopTest (or the host after commit). */
    public final List<AsyncJob> asyncQueue = new ArrayList<>();
    /** True while queued async work runs (a @future method then runs at once). */
    public boolean runningAsync;

    private static final java.util.concurrent.atomic.AtomicLong ASYNC_IDS =
            new java.util.concurrent.atomic.AtomicLong();

    private static final ThreadLocal<Transaction> CURRENT = new ThreadLocal<>();

    /** A fake AsyncApexJob id (707...) for System.enqueueJob. */
    public String nextAsyncJobId() {
        // unique across transactions: jobs queued by async work run by the host carry on the numbering
        String n = String.valueOf(ASYNC_IDS.incrementAndGet());
        return dev.warden.apex.value.ApexId.parse("707" + "0".repeat(12 - n.length()) + n)
                .toString();
    }

    /**
     * Runs queued async work in this transaction, including work it queues (Salesforce runs it all at
     * Test.stopTest). Each job gets a fresh limit context with async limits (200 SOQL, 60 s CPU); statics are shared
     * with the test (UNCONFIRMED: whether Salesforce resets them for async work run by stopTest).
     */
    public void runAsync() {
        boolean was = runningAsync;
        Limits saved = limits;
        long savedCpu = cpuLimitMillis;
        runningAsync = true;
        try {
            while (!asyncQueue.isEmpty()) {
                AsyncJob job = asyncQueue.remove(0);
                limits = Limits.async();
                cpuLimitMillis = Math.max(cpuLimitMillis, Limits.ASYNC_CPU_MILLIS);
                resetCpu();
                job.body().accept(this);
            }
        } finally {
            runningAsync = was;
            limits = saved;
            cpuLimitMillis = savedCpu;
        }
    }

    /**
     * Runs one job queued by another, committed transaction in this one (the host's after-commit path): async
     * limits, running as the user who queued it; work it queues stays in this transaction's queue for the host.
     */
    public void runAsAsyncJob(AsyncJob job) {
        runningAsync = true;
        limits = Limits.async();
        cpuLimitMillis = Limits.ASYNC_CPU_MILLIS;
        resetCpu();
        job.body().accept(this);
    }

    /** The queued jobs, removed from the queue (the host takes them after a commit, or drops them on rollback). */
    public List<AsyncJob> takeAsyncJobs() {
        List<AsyncJob> out = new ArrayList<>(asyncQueue);
        asyncQueue.clear();
        return out;
    }

    /** The transaction running on this thread (a host's trigger hook joins it), or null. */
    public static Transaction current() {
        return CURRENT.get();
    }

    /** Marks this transaction as the thread's current one until {@link #exit()}. */
    public void enter() {
        CURRENT.set(this);
    }

    public void exit() {
        CURRENT.remove();
    }

    public Transaction(Program program, ApexHost host) {
        this.program = program;
        this.host = host;
        users.push(host.defaultUser());
    }

    public HostUser user() {
        return users.peek();
    }

    /** Static slots of a class, running its static initialisers on first use in this transaction. */
    public Object[] statics(ClassInfo c) {
        Object[] s = statics.get(c);
        if (s == null) {
            s = new Object[Math.max(1, c.staticSlotCount)];
            statics.put(c, s);
            if (c.outer != null) {
                statics(c.outer);
            }
            if (c.staticInit != null) {
                Frame f = new Frame(this, null, c, null, 0, "Class." + c.name() + ".<clinit>");
                push(f);
                try {
                    c.staticInit.run(f);
                } finally {
                    pop();
                }
            }
        }
        return s;
    }

    public void push(Frame f) {
        if (stack.size() >= MAX_DEPTH) {
            throw Errors.limit(this, "Maximum stack depth reached: " + (MAX_DEPTH + 1));
        }
        stack.push(f);
    }

    public void pop() {
        stack.pop();
    }

    /** Called by every statement: coverage, the step counter and the CPU limit (runaway loops end here). */
    public void step(String unit, Pos pos, Frame f) {
        f.pos = pos;
        BitSet b = coverage.get(unit);
        if (b == null) {
            b = new BitSet();
            coverage.put(unit, b);
        }
        b.set(pos.line());
        if ((++limits.steps & 0x3FF) == 0 && cpuMillis() > cpuLimitMillis) {
            throw Errors.limit(this, "Apex CPU time limit exceeded");
        }
    }

    public long cpuMillis() {
        return (threadCpu() - cpuStartThreadNanos) / 1_000_000;
    }

    public void resetCpu() {
        cpuStartThreadNanos = threadCpu();
    }

    private static long threadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The current Apex stack, innermost first, as "Class.X.m: line N, column M" lines. */
    public String stackTrace() {
        StringBuilder b = new StringBuilder();
        for (Frame f : stack) {
            if (f.pos == null) {
                continue;
            }
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(f.stackName)
                    .append(": line ")
                    .append(f.pos.line())
                    .append(", column ")
                    .append(f.pos.column());
        }
        return b.toString();
    }

    public void debug(String level, String message) {
        Frame f = stack.peek();
        int line = f == null || f.pos == null ? 0 : f.pos.line();
        // Salesforce's debug log line: time (HH:mm:ss.SSS (nanos)) | USER_DEBUG | [line] | LEVEL | message
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now(host.clock()));
        debugLog.add(time + " (" + System.nanoTime() % 1_000_000_000L + ")|USER_DEBUG|[" + line + "]|" + level + "|"
                + message);
    }

    public ApexObject newException(String typeName, String message) {
        return Errors.create(this, typeName, message);
    }
}
