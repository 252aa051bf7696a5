package dev.warden.localorg.apex;

import dev.warden.apex.exec.Program;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.lower.Decl;
import dev.warden.apex.test.Coverage;
import dev.warden.apex.test.TestResult;
import dev.warden.apex.test.TestRunner;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs deployed Apex tests against the org's store: the whole run on one deep-stack thread inside one database
 * transaction that is always rolled back (each method also runs over its own savepoint, see {@link TestRunner}), with
 * SeeAllData=false isolation: records that existed before the run are invisible to the test's queries, except setup
 * objects, users, profiles, the organization, Apex, static resources and custom metadata, which tests always see.
 */
public final class ApexTests {
    /** One class to run: all its test methods ({@code methods} null) or the named ones. */
    public record Selection(String className, List<String> methods) {}

    public record Run(List<TestResult> results, Coverage coverage, long millis) {}

    private static final Set<String> ALWAYS_VISIBLE = Set.of(
            "user",
            "profile",
            "organization",
            "recordtype",
            "apexclass",
            "apextrigger",
            "staticresource",
            "group",
            "userrole",
            "businesshours");

    /** Thrown out of the run's transaction so that nothing a test wrote survives, carrying the results. */
    private static final class Done extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Run run;

        Done(Run run) {
            super(null, null, false, false);
            this.run = run;
        }
    }

    private ApexTests() {}

    /** The org's test classes (RunLocalTests: every @IsTest class; the org has no managed namespaces). */
    public static List<Selection> localTests(Program program) {
        List<Selection> out = new ArrayList<>();
        for (ClassInfo c : program.classes()) {
            if (c.outer == null && c.isTest()) {
                out.add(new Selection(c.name(), null));
            }
        }
        return out;
    }

    public static Run run(Org org, List<Selection> selections) {
        OrgApex apex = OrgApex.of(org);
        Program program = apex.program();
        OrgApexHost host = apex.host();
        OrgDatabase db = org.db();
        long start = System.nanoTime();
        try {
            onTestThread(() -> db.transaction(() -> {
                Set<String> before = existingIds(org);
                TestRunner runner = new TestRunner(program, host);
                List<TestResult> results = new ArrayList<>();
                try {
                    for (Selection s : selections) {
                        ClassInfo cls = program.classNamed(s.className());
                        boolean seeAllData = cls != null && seeAllData(cls);
                        host.testVisibility(seeAllData ? null : (object, id) -> visible(org, before, object, id));
                        results.addAll(runner.run(s.className(), s.methods()));
                    }
                } finally {
                    host.testVisibility(null);
                }
                throw new Done(new Run(results, runner.coverage(), (System.nanoTime() - start) / 1_000_000));
            }));
            throw new IllegalStateException("the test run ended without results");
        } catch (Done d) {
            return d.run;
        }
    }

    /** A caller already on the test thread (a deploy running its tests under its own lock) runs in place. */
    private static <T> T onTestThread(java.util.function.Supplier<T> work) {
        return Thread.currentThread().getName().equals(TestRunner.THREAD_NAME)
                ? work.get()
                : TestRunner.onTestThread(work);
    }

    static boolean seeAllData(ClassInfo cls) {
        Decl.Annotation a = cls.decl == null ? null : cls.decl.annotation("IsTest");
        return a != null && "true".equalsIgnoreCase(a.params().get("seealldata"));
    }

    private static Set<String> existingIds(Org org) {
        Set<String> ids = new HashSet<>();
        for (SObjectType t : org.schema().all()) {
            if (alwaysVisible(t) || !t.capabilities().queryable() || t.kind() == ObjectKind.PLATFORM_EVENT) {
                continue;
            }
            for (Record r : org.db().rows(t.name(), true)) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    private static boolean alwaysVisible(SObjectType t) {
        return t.capabilities().setup()
                || t.kind() == ObjectKind.CUSTOM_METADATA
                || ALWAYS_VISIBLE.contains(t.name().toLowerCase(Locale.ROOT));
    }

    private static boolean visible(Org org, Set<String> before, String object, String id) {
        SObjectType t = org.schema().get(object);
        return t == null || alwaysVisible(t) || !before.contains(id);
    }
}
