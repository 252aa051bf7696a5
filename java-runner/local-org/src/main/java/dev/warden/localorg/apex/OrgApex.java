package dev.warden.localorg.apex;

import dev.warden.apex.ApexSource;
import dev.warden.apex.exec.AsyncJob;
import dev.warden.apex.exec.Program;
import dev.warden.apex.exec.Transaction;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The Apex of one local org: the compiled package (the org's ApexClass and active ApexTrigger records compiled
 * together with the Apex runtime, cached until the deployed Apex changes), one {@link ApexTriggerHook} per object
 * with active triggers, and the Apex {@link Transaction} of each API call (statics live exactly as long as the
 * org's outermost database transaction; see {@link OrgDatabase#addTransactionListener}).
 */
public final class OrgApex {
    private static final Map<Org, OrgApex> BY_ORG = Collections.synchronizedMap(new WeakHashMap<>());

    private final Org org;
    private final OrgApexHost host;
    private String compiledFingerprint;
    private Program program;
    private final Map<String, ApexTriggerHook> hooks = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong triggerChunks = new java.util.concurrent.atomic.AtomicLong();
    /** The Apex transaction opened for the current outermost database transaction, if any; its thread only. */
    private final ThreadLocal<Transaction> opened = new ThreadLocal<>();

    private final java.util.concurrent.atomic.AtomicInteger asyncPending =
            new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> asyncFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private java.util.concurrent.ExecutorService asyncExecutor;

    private OrgApex(Org org) {
        this.org = org;
        this.host = new OrgApexHost(org);
        org.db().addTransactionListener(new OrgDatabase.TransactionListener() {
            @Override
            public void begin() {}

            @Override
            public void end(boolean committed) {
                Transaction tx = opened.get();
                if (tx != null) {
                    opened.remove();
                    tx.exit();
                    if (committed) {
                        afterCommit(tx);
                    }
                }
            }
        });
    }

    /** The org's Apex, created (and its trigger hooks registered) on first use. */
    public static OrgApex of(Org org) {
        OrgApex a;
        synchronized (BY_ORG) {
            a = BY_ORG.computeIfAbsent(org, OrgApex::new);
        }
        a.refreshTriggers();
        return a;
    }

    /** How many times a chunk ran the org's Apex triggers (one per object, event and chunk of at most 200 rows). */
    public long triggerChunksFired() {
        return triggerChunks.get();
    }

    void countTriggerChunk() {
        triggerChunks.incrementAndGet();
    }

    public OrgApexHost host() {
        return host;
    }

    /** The deployed Apex compiled (cached while the deployed classes and triggers stay the same). */
    public Program program() {
        // The store is read before taking this object's lock: a writer holding the store's lock may be waiting for it.
        List<ApexSource> sources = sources();
        String fp = fingerprint(sources);
        synchronized (this) {
            if (program == null || !fp.equals(compiledFingerprint)) {
                program = Program.compile(sources, host);
                compiledFingerprint = fp;
            }
            return program;
        }
    }

    /** Every deployed class and active trigger as the runtime compiles them. */
    List<ApexSource> sources() {
        OrgDatabase db = org.db();
        List<ApexSource> out = new ArrayList<>();
        for (Record r : db.rows("ApexClass", false)) {
            out.add(new ApexSource(r.getString("Name"), String.valueOf(r.get("Body")), false));
        }
        for (Record r : db.rows("ApexTrigger", false)) {
            if ("Active".equals(r.getString("Status"))) {
                out.add(new ApexSource(r.getString("Name"), String.valueOf(r.get("Body")), true));
            }
        }
        return out;
    }

    private static String fingerprint(List<ApexSource> sources) {
        StringBuilder b = new StringBuilder();
        for (ApexSource s : sources) {
            b.append(s.trigger() ? 'T' : 'C')
                    .append(s.name())
                    .append(':')
                    .append(s.body().hashCode())
                    .append(':')
                    .append(s.body().length())
                    .append(';');
        }
        return b.toString();
    }

    /**
     * Makes the registered trigger hooks match the active ApexTrigger records: one hook per object that has any.
     * Cheap when nothing changed (compares the objects named by the trigger records).
     */
    public void refreshTriggers() {
        Map<String, String> objects = triggerObjects();
        synchronized (this) {
            for (String key : new ArrayList<>(hooks.keySet())) {
                if (!objects.containsKey(key)) {
                    ApexTriggerHook h = hooks.remove(key);
                    org.db().removeTriggerHook(h.objectName(), h);
                }
            }
            for (Map.Entry<String, String> e : objects.entrySet()) {
                if (!hooks.containsKey(e.getKey()) && org.schema().get(e.getValue()) != null) {
                    ApexTriggerHook h = new ApexTriggerHook(this, e.getValue());
                    hooks.put(e.getKey(), h);
                    org.db().addTriggerHook(e.getValue(), h);
                }
            }
        }
    }

    /** Objects with active triggers, lower-case name → API name. */
    private Map<String, String> triggerObjects() {
        Map<String, String> objects = new LinkedHashMap<>();
        for (Record r : org.db().rows("ApexTrigger", false)) {
            if ("Active".equals(r.getString("Status")) && r.getString("TableEnumOrId") != null) {
                String object = r.getString("TableEnumOrId");
                if (org.schema().get(object) != null) {
                    objects.put(
                            object.toLowerCase(Locale.ROOT),
                            org.schema().get(object).name());
                }
            }
        }
        return objects;
    }

    /**
     * The Apex transaction of the running API call: the thread's current one (Apex DML re-entering the write path,
     * an Apex REST call), else a new one for the current database transaction, running as {@code userId}; it ends
     * with that database transaction.
     */
    Transaction transaction(String userId) {
        Transaction current = Transaction.current();
        if (current != null) {
            return current;
        }
        Transaction tx = newTransaction(userId);
        if (org.db().inTransaction()) {
            tx.enter();
            opened.set(tx);
        }
        return tx;
    }

    /**
     * The async Apex a committed transaction queued (@future calls, System.enqueueJob): each job runs later on this
     * org's async thread in a database and Apex transaction of its own (fresh statics, async limits), as the user
     * who queued it; work a job queues follows once that job commits. A job that fails is rolled back and logged
     * ({@link #asyncFailures()}). A rolled-back transaction's jobs are never handed here.
     */
    public void afterCommit(Transaction tx) {
        if (tx == null) {
            return;
        }
        for (AsyncJob job : tx.takeAsyncJobs()) {
            asyncPending.incrementAndGet();
            asyncThread().execute(() -> {
                try {
                    runAsyncJob(job);
                } finally {
                    synchronized (asyncPending) {
                        asyncPending.decrementAndGet();
                        asyncPending.notifyAll();
                    }
                }
            });
        }
    }

    private void runAsyncJob(AsyncJob job) {
        Transaction[] ran = new Transaction[1];
        try {
            org.db().transaction(() -> {
                Transaction tx = newTransaction(job.userId());
                ran[0] = tx;
                tx.enter();
                try {
                    tx.runAsAsyncJob(job);
                } finally {
                    tx.exit();
                }
                return null;
            });
            afterCommit(ran[0]);
        } catch (RuntimeException | Error e) {
            String failure = job.kind() + " " + job.name() + " (" + job.jobId() + ") failed and was rolled back: "
                    + e.getMessage();
            asyncFailures.add(failure);
            System.getLogger(OrgApex.class.getName()).log(System.Logger.Level.WARNING, failure);
        }
    }

    private synchronized java.util.concurrent.ExecutorService asyncThread() {
        if (asyncExecutor == null) {
            // one daemon thread per org, with the deep stack Apex needs (see TestRunner)
            asyncExecutor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(null, r, "apex-async", 512L << 20);
                t.setDaemon(true);
                return t;
            });
        }
        return asyncExecutor;
    }

    /** Waits until no async Apex of this org is queued or running; false when {@code millis} passed first. */
    public boolean awaitAsyncIdle(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        synchronized (asyncPending) {
            while (asyncPending.get() > 0) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                asyncPending.wait(left);
            }
        }
        return true;
    }

    /** Async jobs that failed (each rolled back), oldest first. */
    public List<String> asyncFailures() {
        return List.copyOf(asyncFailures);
    }

    /** A fresh Apex transaction over the deployed program, running as {@code userId} (or the admin). */
    public Transaction newTransaction(String userId) {
        Transaction tx = new Transaction(program(), host);
        if (userId != null && host.user(userId) != null) {
            tx.users.clear();
            tx.users.push(host.user(userId));
        }
        return tx;
    }
}
