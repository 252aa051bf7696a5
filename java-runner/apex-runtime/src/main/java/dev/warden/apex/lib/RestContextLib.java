package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.Blob;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** RestContext.request / response (set by Apex REST dispatch, or by tests themselves). */
final class RestContextLib implements Builtin {
    @Override
    public String name() {
        return "RestContext";
    }

    @Override
    public Set<String> statics() {
        return Set.of();
    }

    @Override
    public Set<String> properties() {
        return Set.of("request", "response");
    }

    @Override
    public Object property(Frame f, String n) {
        return f.tx.context.get("RestContext." + n.toLowerCase(Locale.ROOT));
    }

    @Override
    public void setProperty(Frame f, String n, Object v) {
        f.tx.context.put("RestContext." + n.toLowerCase(Locale.ROOT), v);
    }

    @Override
    public Object call(Frame f, String m, List<Object> a) {
        throw Errors.unsupported("RestContext." + m, f);
    }

    /** RestRequest and RestResponse: public properties plus addHeader/addParameter. */
    static final class RestValue implements Native {
        private final String type;
        final java.util.Map<String, Object> props = new java.util.HashMap<>();

        RestValue(String type) {
            this.type = type;
            props.put("headers", new ApexMap(TypeRef.of("String", null), TypeRef.of("String", null)));
            if (type.equals("RestRequest")) {
                props.put("params", new ApexMap(TypeRef.of("String", null), TypeRef.of("String", null)));
            }
        }

        @Override
        public String apexType() {
            return type;
        }

        private static final Set<String> REQUEST =
                Set.of("requestbody", "requesturi", "httpmethod", "headers", "params", "remoteaddress", "resourcepath");
        private static final Set<String> RESPONSE = Set.of("responsebody", "statuscode", "headers");

        private String key(Frame f, String p) {
            String k = p.toLowerCase(Locale.ROOT);
            if (!(type.equals("RestRequest") ? REQUEST : RESPONSE).contains(k)) {
                throw Errors.unsupported(type + "." + p, f);
            }
            return k;
        }

        @Override
        public Object get(Frame f, String p) {
            return props.get(key(f, p));
        }

        @Override
        public void set(Frame f, String p, Object v) {
            String k = key(f, p);
            if ((k.equals("requestbody") || k.equals("responsebody")) && v != null && !(v instanceof Blob)) {
                throw Errors.apex(
                        f,
                        "TypeException",
                        "Invalid conversion from runtime type " + dev.warden.apex.value.Values.typeName(v)
                                + " to Blob");
            }
            props.put(k, v);
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            switch (m) {
                case "addheader":
                    ((ApexMap) props.get("headers")).put(a.get(0), a.get(1));
                    return null;
                case "addparameter":
                    ((ApexMap) props.get("params")).put(a.get(0), a.get(1));
                    return null;
                default:
                    throw Args.noSuch(f, type, m, a);
            }
        }
    }
}
