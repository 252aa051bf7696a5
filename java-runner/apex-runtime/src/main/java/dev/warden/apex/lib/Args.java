package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.ApexId;
import dev.warden.apex.value.Values;
import java.math.BigDecimal;
import java.util.List;

/** Reading platform method arguments, with Apex's errors for nulls and wrong kinds. */
public final class Args {
    private Args() {}

    public static String str(Frame f, List<Object> a, int i) {
        Object v = a.get(i);
        return v == null ? null : v instanceof String s ? s : v instanceof ApexId ? v.toString() : Values.text(v);
    }

    public static String strNotNull(Frame f, List<Object> a, int i) {
        String s = str(f, a, i);
        if (s == null) {
            throw Errors.npe(f);
        }
        return s;
    }

    public static int integer(Frame f, List<Object> a, int i) {
        Object v = a.get(i);
        if (v == null) {
            throw Errors.npe(f);
        }
        return ((Number) (v instanceof BigDecimal d ? d.intValue() : v)).intValue();
    }

    public static boolean bool(Frame f, List<Object> a, int i) {
        Object v = a.get(i);
        if (v == null) {
            throw Errors.npe(f);
        }
        return (Boolean) v;
    }

    public static Object arg(List<Object> a, int i) {
        return i < a.size() ? a.get(i) : null;
    }

    /** "Method does not exist" for an arity the runtime does not know: fail loudly. */
    public static RuntimeException noSuch(Frame f, String type, String method, List<Object> a) {
        return Errors.unsupported(type + "." + method + "(" + a.size() + " arguments)", f);
    }
}
