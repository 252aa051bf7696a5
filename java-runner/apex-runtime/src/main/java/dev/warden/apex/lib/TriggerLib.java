package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Trigger context variables, read from the transaction's context ("Trigger.new", ...) that trigger dispatch fills;
 * outside a trigger they are null/false as in Apex.
 */
final class TriggerLib implements Builtin {
    private static final Set<String> PROPS = Set.of(
            "new",
            "old",
            "newmap",
            "oldmap",
            "isexecuting",
            "isinsert",
            "isupdate",
            "isdelete",
            "isundelete",
            "isbefore",
            "isafter",
            "size",
            "operationtype");

    @Override
    public String name() {
        return "Trigger";
    }

    @Override
    public Set<String> statics() {
        return Set.of();
    }

    @Override
    public Set<String> properties() {
        return PROPS;
    }

    @Override
    public Object property(Frame f, String n) {
        String k = n.toLowerCase(Locale.ROOT);
        Object v = f.tx.context.get("Trigger." + k);
        if (v == null && k.startsWith("is")) {
            return false;
        }
        return v;
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        throw Args.noSuch(f, "Trigger", m, a);
    }
}
