package dev.warden.localorg.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** The active fault rules and their counters. */
public final class Faults {
    private final List<Active> active = new ArrayList<>();

    private static final class Active {
        final FaultRule rule;
        final Pattern path;
        final Random random;
        int matches;
        int fired;

        Active(FaultRule rule) {
            this.rule = rule;
            this.path = rule.match() == null || rule.match().path() == null
                    ? null
                    : glob(rule.match().path());
            this.random = rule.seed() == null ? new Random() : new Random(rule.seed());
        }
    }

    public synchronized void add(List<FaultRule> rules) {
        for (FaultRule r : rules) {
            active.add(new Active(r.validated()));
        }
    }

    public synchronized void clear() {
        active.clear();
    }

    public synchronized int size() {
        return active.size();
    }

    /** The fault to apply to this request, or null. Counts the request against every matching rule. */
    public synchronized FaultRule.Fault check(String method, String path, String soapOperation) {
        FaultRule.Fault hit = null;
        for (Active a : active) {
            FaultRule.Match m = a.rule.match();
            if (m != null) {
                if (m.method() != null && !m.method().equalsIgnoreCase(method)) {
                    continue;
                }
                if (a.path != null && !a.path.matcher(path).matches()) {
                    continue;
                }
                if (m.soapOperation() != null && !m.soapOperation().equalsIgnoreCase(soapOperation)) {
                    continue;
                }
            }
            a.matches++;
            int nth = a.rule.nth() == null ? 1 : a.rule.nth();
            boolean eligible = a.matches >= nth && (a.rule.times() == null || a.fired < a.rule.times());
            if (eligible
                    && (a.rule.probability() == null || a.random.nextDouble() < a.rule.probability())
                    && hit == null) {
                a.fired++;
                hit = a.rule.fault();
            }
        }
        return hit;
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
