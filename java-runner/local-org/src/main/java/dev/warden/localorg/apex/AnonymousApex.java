package dev.warden.localorg.apex;

import dev.warden.apex.ApexSource;
import dev.warden.apex.exec.ApexThrow;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.exec.Program;
import dev.warden.apex.exec.Transaction;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.test.TestRunner;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anonymous Apex ({@code sf apex run}): the code is compiled as {@code AnonymousBlock} together with the deployed
 * classes and run as the session user in one transaction on a deep-stack thread; an uncaught exception rolls the
 * transaction back. The outcome has the fields the SOAP Apex API's ExecuteAnonymousResult carries.
 */
public final class AnonymousApex {
    /** ExecuteAnonymousResult plus the debug log; line/column are -1 when not applicable. */
    public record Result(
            boolean compiled,
            boolean success,
            int line,
            int column,
            String compileProblem,
            String exceptionMessage,
            String exceptionStackTrace,
            String debugLog) {}

    private static final Pattern AT = Pattern.compile("line (\\d+), column (\\d+): (.*)", Pattern.DOTALL);

    /** Thrown out of the database transaction to roll it back, carrying the result. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Result result;

        Failed(Result result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private AnonymousApex() {}

    public static Result execute(Org org, String userId, String code) {
        OrgApex apex = OrgApex.of(org);
        List<ApexSource> sources = new ArrayList<>(apex.sources());
        sources.add(new ApexSource("AnonymousBlock", code, false));
        Program program = Program.compile(sources, apex.host());
        List<String> problems = program.problems().get("AnonymousBlock");
        if (problems == null) {
            problems = program.problems().get("anonymousblock");
        }
        if (problems != null && !problems.isEmpty()) {
            Matcher m = AT.matcher(problems.get(0));
            return m.matches()
                    ? new Result(
                            false,
                            false,
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            m.group(3),
                            null,
                            null,
                            "")
                    : new Result(false, false, -1, -1, problems.get(0), null, null, "");
        }
        Transaction[] ran = new Transaction[1];
        try {
            Result done = TestRunner.onTestThread(() -> org.db().transaction(() -> {
                Transaction tx = new Transaction(program, apex.host());
                ran[0] = tx;
                if (apex.host().user(userId) != null) {
                    tx.users.clear();
                    tx.users.push(apex.host().user(userId));
                }
                ClassInfo anon = program.classNamed("AnonymousBlock");
                tx.enter();
                try {
                    Invoker.invoke(
                            new Frame(tx, null, anon, null, 0, "AnonymousBlock"),
                            anon.methods.get("run").get(0),
                            null,
                            new Object[0]);
                    return new Result(true, true, -1, -1, null, null, null, log(tx));
                } catch (ApexThrow e) {
                    throw new Failed(
                            new Result(true, false, -1, -1, null, e.getMessage(), e.apexStackTrace(), log(tx)));
                } catch (CompileError | UnsupportedFeature e) {
                    throw new Failed(new Result(true, false, -1, -1, null, e.getMessage(), "", log(tx)));
                } finally {
                    tx.exit();
                }
            }));
            // async Apex the block queued runs after its commit (dropped with a rollback)
            apex.afterCommit(ran[0]);
            return done;
        } catch (Failed f) {
            return f.result;
        }
    }

    private static String log(Transaction tx) {
        return String.join("\n", tx.debugLog);
    }
}
