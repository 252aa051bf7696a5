package dev.warden.apex.exec;

import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.Values;
import java.util.List;

/** Exception constructors and methods shared by platform and custom exceptions. */
public final class ExceptionSupport {
    private ExceptionSupport() {}

    /** (), (String message), (Exception cause), (String message, Exception cause). */
    static void init(Frame f, ApexObject e, Object[] args) {
        for (Object a : args) {
            if (a instanceof ApexObject cause && cause.type.isException()) {
                e.state.put("cause", cause);
            } else if (a != null) {
                e.state.put("message", Values.text(a));
            }
        }
    }

    /** Methods every exception has; null when {@code method} is not one of them. */
    public static Object call(Frame f, ApexObject e, String method, List<Object> args, boolean[] handled) {
        handled[0] = true;
        switch (method) {
            case "getmessage":
                return e.state.get("message");
            case "setmessage":
                e.state.put("message", args.get(0));
                return null;
            case "gettypename":
                return e.type.name();
            case "getcause":
                return e.state.get("cause");
            case "initcause":
                e.state.put("cause", args.get(0));
                return null;
            case "getstacktracestring":
                return e.state.getOrDefault("stack", "");
            case "getlinenumber": {
                String s = String.valueOf(e.state.getOrDefault("stack", ""));
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile("line (\\d+)").matcher(s);
                return m.find() ? Integer.valueOf(m.group(1)) : -1;
            }
            case "getnumdml":
                return Dml.numDml(e);
            case "getdmlmessage":
                return Dml.dmlField(f, e, args, "message");
            case "getdmltype":
                return Dml.dmlField(f, e, args, "statusCode");
            case "getdmlid":
                return Dml.dmlField(f, e, args, "id");
            case "getdmlindex":
                return Dml.dmlField(f, e, args, "index");
            case "getdmlfieldnames":
                return Dml.dmlField(f, e, args, "fields");
            default:
                handled[0] = false;
                return null;
        }
    }
}
