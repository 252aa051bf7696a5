package dev.warden.apex;

import dev.warden.apex.exec.ApexThrow;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.exec.Program;
import dev.warden.apex.exec.Transaction;
import dev.warden.apex.link.ClassInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs anonymous Apex (plus optional classes) on a fresh in-memory host; answers the debug output or the error. */
final class Anon {
    record Outcome(List<String> debug, String error, String stack, Map<String, List<String>> problems) {
        String out() {
            return String.join("\n", debug);
        }
    }

    private Anon() {}

    static Outcome run(String code, String... classes) {
        List<ApexSource> sources = new ArrayList<>();
        for (String c : classes) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(class|interface|enum)\\s+(\\w+)")
                    .matcher(c);
            m.find();
            sources.add(new ApexSource(m.group(2), c, false));
        }
        sources.add(new ApexSource("AnonymousBlock", code, false));
        InMemoryHost host = new InMemoryHost();
        Program p = Program.compile(sources, host);
        if (!p.problems().isEmpty()) {
            return new Outcome(List.of(), null, null, p.problems());
        }
        Transaction tx = new Transaction(p, host);
        tx.runningTest = true;
        tx.cpuLimitMillis = 1000;
        tx.enter();
        ClassInfo anon = p.classNamed("AnonymousBlock");
        try {
            Invoker.invoke(
                    new Frame(tx, null, anon, null, 0, "AnonymousBlock"),
                    anon.methods.get("run").get(0),
                    null,
                    new Object[0]);
            return new Outcome(messages(tx), null, null, Map.of());
        } catch (ApexThrow e) {
            return new Outcome(messages(tx), e.getMessage(), e.apexStackTrace(), Map.of());
        } finally {
            tx.exit();
        }
    }

    private static List<String> messages(Transaction tx) {
        List<String> out = new ArrayList<>();
        for (String line : tx.debugLog) {
            out.add(line.substring(line.indexOf("|DEBUG|") + "|DEBUG|".length()));
        }
        return out;
    }
}
