package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.value.Values;
import java.util.List;
import java.util.Set;

/**
 * Assert.* and System.assert*: failures throw System.AssertException. Message shapes follow the reference notes
 * ("Assertion Failed: Expected: 3, Actual: 2: msg"); UNCONFIRMED against a real org.
 */
final class AssertLib implements Builtin {
    @Override
    public String name() {
        return "Assert";
    }

    @Override
    public Set<String> statics() {
        return Set.of(
                "areequal",
                "arenotequal",
                "istrue",
                "isfalse",
                "isnull",
                "isnotnull",
                "fail",
                "isinstanceoftype",
                "isnotinstanceoftype");
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        Object msg = Args.arg(
                a,
                m.equals("areequal")
                                || m.equals("arenotequal")
                                || m.startsWith("isinstance")
                                || m.startsWith("isnotinstance")
                        ? 2
                        : 1);
        switch (m) {
            case "areequal":
                return equalsCheck(f, a.get(0), a.get(1), msg, true);
            case "arenotequal":
                return equalsCheck(f, a.get(0), a.get(1), msg, false);
            case "istrue":
                return check(f, Boolean.TRUE.equals(a.get(0)), "Expected: true, Actual: " + Values.text(a.get(0)), msg);
            case "isfalse":
                return check(
                        f, Boolean.FALSE.equals(a.get(0)), "Expected: false, Actual: " + Values.text(a.get(0)), msg);
            case "isnull":
                return check(f, a.get(0) == null, "Expected: null, Actual: " + Values.text(a.get(0)), msg);
            case "isnotnull":
                return check(f, a.get(0) != null, "Expected: not null, Actual: null", msg);
            case "isinstanceoftype":
            case "isnotinstanceoftype": {
                boolean is = a.get(1) instanceof TypeLib.TypeToken t
                        && dev.warden.apex.exec.Types.isInstance(a.get(0), t.type());
                boolean want = m.equals("isinstanceoftype");
                // UNCONFIRMED wording
                return check(
                        f,
                        is == want,
                        (want ? "Expected instance of " : "Expected not an instance of ")
                                + (a.get(1) instanceof TypeLib.TypeToken t
                                        ? t.type().toString()
                                        : "null") + ", Actual: "
                                + Values.typeName(a.get(0)),
                        msg);
            }
            case "fail":
                throw Errors.apex(
                        f,
                        "AssertException",
                        a.isEmpty() || a.get(0) == null
                                ? "Assertion Failed"
                                : "Assertion Failed: " + Values.text(a.get(0)));
            default:
                throw Args.noSuch(f, "Assert", m, a);
        }
    }

    static Object check(Frame f, boolean ok, String detail, Object msg) {
        if (!ok) {
            String text = "Assertion Failed" + (detail == null ? "" : ": " + detail)
                    + (msg == null ? "" : ": " + Values.text(msg));
            throw Errors.apex(f, "AssertException", text);
        }
        return null;
    }

    static Object equalsCheck(Frame f, Object expected, Object actual, Object msg, boolean equal) {
        boolean same = Values.apexEquals(expected, actual)
                && (!(expected instanceof String) || !(actual instanceof String) || expected.equals(actual));
        if (same != equal) {
            String detail = equal
                    ? "Expected: " + Values.text(expected) + ", Actual: " + Values.text(actual)
                    : "Same value: " + Values.text(actual);
            throw Errors.apex(
                    f, "AssertException", "Assertion Failed: " + detail + (msg == null ? "" : ": " + Values.text(msg)));
        }
        return null;
    }
}
