package dev.warden.apex.test;

import dev.warden.apex.exec.ApexThrow;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.exec.Program;
import dev.warden.apex.exec.Transaction;
import dev.warden.apex.host.ApexHost;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.UnsupportedFeature;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs @IsTest methods as Salesforce does: @TestSetup once per class in its own transaction, then each method in a
 * fresh transaction (fresh statics and limits) on top of the setup data, rolled back afterwards through the host's
 * savepoints. Collects line coverage of every class and trigger executed.
 */
public final class TestRunner {
    private final Program program;
    private static final String UNSUPPORTED = "not supported by the local org's Apex runtime";
    private final ApexHost host;
    private final Map<String, BitSet> covered = new HashMap<>();

    public TestRunner(Program program, ApexHost host) {
        this.program = program;
        this.host = host;
    }

    /** Every test method of a class, in declaration order ({@code methods} null), or the named ones. */
    public List<TestResult> run(String className, List<String> methods) {
        ClassInfo cls = program.classNamed(className);
        List<TestResult> results = new ArrayList<>();
        List<String> problems = program.problems().get(className);
        // Only unsupported constructs: the class compiled around them, and a test reaching one fails with its name.
        if (problems != null && cls != null && problems.stream().allMatch(p -> p.contains(UNSUPPORTED))) {
            problems = null;
        }
        if (cls == null || problems != null) {
            String message = problems == null ? "No such class: " + className : String.join("\n", problems);
            for (String m : methods == null ? List.of("<compile>") : methods) {
                results.add(new TestResult(className, m, "CompileFail", message, "", 0));
            }
            return results;
        }
        List<MethodInfo> tests = new ArrayList<>();
        MethodInfo setup = null;
        for (List<MethodInfo> ms : cls.methods.values()) {
            for (MethodInfo m : ms) {
                if (m.isTestSetup()) {
                    setup = m;
                } else if (m.isTest() && (methods == null || methods.stream().anyMatch(m::named))) {
                    tests.add(m);
                }
            }
        }
        tests.sort(java.util.Comparator.comparingInt(m -> m.decl.pos().line()));
        Object classMark = host.setSavepoint();
        try {
            TestResult setupFailure = null;
            if (setup != null) {
                TestResult r = runOne(cls, setup);
                if (!r.passed()) {
                    setupFailure = r;
                }
            }
            for (MethodInfo m : tests) {
                if (setupFailure != null) {
                    results.add(new TestResult(
                            className, m.name(), "Fail", setupFailure.message(), setupFailure.stackTrace(), 0));
                    continue;
                }
                Object mark = host.setSavepoint();
                try {
                    results.add(runOne(cls, m));
                } finally {
                    host.rollback(mark);
                }
            }
        } finally {
            host.rollback(classMark);
        }
        return results;
    }

    /** Apex allows 1,000 nested calls; an interpreted call takes many Java frames, so tests get a deep stack. */
    private static final long STACK_BYTES = 512L << 20;

    /** The name of threads that already have the deep stack; a host may run a whole test run on one. */
    public static final String THREAD_NAME = "apex-test";

    /**
     * Runs {@code work} on a new thread with the deep stack tests need and waits for it. A host whose store is bound to
     * the calling thread (a write lock, a savepoint) runs its whole test run this way; methods then run on that thread.
     */
    public static <T> T onTestThread(java.util.function.Supplier<T> work) {
        Object[] out = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        out[0] = work.get();
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                },
                THREAD_NAME,
                STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running Apex tests", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T result = (T) out[0];
        return result;
    }

    private TestResult runOne(ClassInfo cls, MethodInfo m) {
        if (Thread.currentThread().getName().equals(THREAD_NAME)) {
            return runOnThisThread(cls, m);
        }
        TestResult[] out = new TestResult[1];
        Thread t = new Thread(null, () -> out[0] = runOnThisThread(cls, m), THREAD_NAME, STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cls.name() + "." + m.name(), e);
        }
        return out[0];
    }

    private TestResult runOnThisThread(ClassInfo cls, MethodInfo m) {
        long start = System.nanoTime();
        Transaction tx = new Transaction(program, host);
        tx.runningTest = true;
        Map<String, BitSet> mine = new HashMap<>();
        tx.coverage = mine;
        Frame root = new Frame(tx, null, cls, null, 0, "Class." + cls.name() + "." + m.name());
        tx.enter();
        try {
            Invoker.invoke(root, m, null, new Object[0]);
            return new TestResult(cls.name(), m.name(), "Pass", null, null, millis(start), mine);
        } catch (ApexThrow e) {
            return new TestResult(
                    cls.name(), m.name(), "Fail", e.getMessage(), e.apexStackTrace(), millis(start), mine);
        } catch (dev.warden.apex.link.CompileError e) {
            return new TestResult(
                    cls.name(), m.name(), "CompileFail", e.getMessage(), tx.stackTrace(), millis(start), mine);
        } catch (UnsupportedFeature e) {
            return new TestResult(cls.name(), m.name(), "Fail", e.getMessage(), tx.stackTrace(), millis(start), mine);
        } catch (StackOverflowError e) {
            // UNCONFIRMED: the message Salesforce gives for runaway recursion
            return new TestResult(
                    cls.name(),
                    m.name(),
                    "Fail",
                    "System.LimitException: Maximum stack depth reached: 1001",
                    "",
                    millis(start),
                    mine);
        } catch (RuntimeException e) {
            // an interpreter defect: reported loudly, never as a pass
            return new TestResult(
                    cls.name(),
                    m.name(),
                    "Fail",
                    "Internal error of the local Apex runtime: " + e,
                    tx.stackTrace(),
                    millis(start),
                    mine);
        } finally {
            tx.exit();
            mine.forEach((unit, lines) ->
                    covered.computeIfAbsent(unit, k -> new BitSet()).or(lines));
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Coverage so far over all runs of this runner. */
    public Coverage coverage() {
        return new Coverage(program.executableLines(), covered);
    }
}
