package dev.warden.localorg.apex;

import dev.warden.apex.exec.ApexThrow;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.exec.Program;
import dev.warden.apex.exec.Transaction;
import dev.warden.apex.lib.Native;
import dev.warden.apex.lib.NativeFactory;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.Decl;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.Blob;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /services/apexrest/*}: served by the deployed {@code @RestResource} classes. The urlMapping that equals the
 * path wins, else the longest wildcard mapping that matches; the class's static {@code @HttpPost} (...) method runs
 * as the session user in its own transaction with {@code RestContext.request/response} set. An uncaught Apex
 * exception rolls the transaction back and answers 500 APEX_ERROR with the exception and its Apex stack.
 */
public final class ApexRest {
    private static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private ApexRest() {}

    /** Thrown out of the database transaction to roll it back, carrying the answer. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Response response;

        Failed(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    public static Response handle(Request req) {
        String path = req.pathGroup(1) == null || req.pathGroup(1).isEmpty() ? "/" : req.pathGroup(1);
        return call(req.org(), req.session().userId(), req.method(), path, req.rawQuery(), req.clientIp(), req.body());
    }

    /** One Apex REST call as {@code userId}; {@code path} is the part after /services/apexrest. */
    public static Response call(Org org, String userId, String verb, String path, String rawQuery, String clientIp,
            byte[] requestBody) {
        OrgApex apex = OrgApex.of(org);
        Program program = apex.program();
        ClassInfo resource = resourceFor(program, path);
        if (resource == null) {
            return Response.sfError(404, "NOT_FOUND", "Could not find a match for URL " + path, List.of());
        }
        MethodInfo method = handler(resource, verb);
        if (method == null) {
            return Response.json(405, List.of(error("METHOD_NOT_ALLOWED", "HTTP Method '" + verb
                    + "' not allowed. Allowed are " + String.join(",", allowed(resource)))));
        }
        if (!method.decl.params().isEmpty()) {
            return Response.json(500, List.of(error("APEX_ERROR", "not supported by the local org's Apex runtime: "
                    + "parameters of @Http" + cap(verb) + " methods (" + resource.name() + "." + method.name() + ")")));
        }
        Transaction[] ran = new Transaction[1];
        try {
            Response answer = org.db().transaction(() -> {
                Transaction tx = apex.newTransaction(userId);
                ran[0] = tx;
                tx.enter();
                try {
                    Native request = (Native) NativeFactory.create(null, "RestRequest", new Object[0]);
                    Native response = (Native) NativeFactory.create(null, "RestResponse", new Object[0]);
                    request.set(null, "httpMethod", verb);
                    request.set(null, "requestURI", path);
                    request.set(null, "resourcePath", "/services/apexrest" + mapping(resource));
                    request.set(null, "remoteAddress", clientIp);
                    request.set(null, "requestBody", new Blob(requestBody == null ? new byte[0] : requestBody));
                    ApexMap params = (ApexMap) request.get(null, "params");
                    query(rawQuery).forEach(params::put);
                    tx.context.put("RestContext.request", request);
                    tx.context.put("RestContext.response", response);
                    Frame root = new Frame(tx, null, resource, null, 0,
                            "Class." + resource.name() + "." + method.name());
                    Object returned = Invoker.invoke(root, method, null, new Object[0]);
                    if (returned != null) {
                        throw new Failed(Response.json(500, List.of(error("APEX_ERROR", "not supported by the local "
                                + "org's Apex runtime: serializing the value an @Http method returns ("
                                + resource.name() + "." + method.name() + ")"))));
                    }
                    Object status = response.get(null, "statusCode");
                    Object body = response.get(null, "responseBody");
                    byte[] bytes = body instanceof Blob b ? b.bytes() : new byte[0];
                    return Response.bytes(status instanceof Number n ? n.intValue() : 200, Response.JSON, bytes);
                } catch (ApexThrow e) {
                    String stack = e.apexStackTrace();
                    throw new Failed(Response.json(500, List.of(error("APEX_ERROR",
                            e.getMessage() + (stack.isEmpty() ? "" : "\n\n" + stack)))));
                } catch (CompileError | UnsupportedFeature e) {
                    throw new Failed(Response.json(500, List.of(error("APEX_ERROR", e.getMessage()))));
                } finally {
                    tx.exit();
                }
            });
            runAsync(org, ran[0]);
            return answer;
        } catch (Failed f) {
            return f.response;
        }
    }

    /** Queueables and @future work the call queued run after its commit, in their own transaction. */
    private static void runAsync(Org org, Transaction tx) {
        if (tx == null || tx.asyncQueue.isEmpty()) {
            return;
        }
        try {
            org.db().transaction(() -> {
                tx.enter();
                try {
                    tx.runAsync();
                } finally {
                    tx.exit();
                }
            });
        } catch (RuntimeException e) {
            System.getLogger(ApexRest.class.getName()).log(System.Logger.Level.WARNING,
                    "async Apex after an Apex REST call failed: " + e.getMessage());
        }
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorCode", code);
        m.put("message", message);
        return m;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    static String mapping(ClassInfo c) {
        Decl.Annotation a = c.decl == null ? null : c.decl.annotation("RestResource");
        if (a == null) {
            return null;
        }
        String m = a.params().get("urlmapping");
        return m == null ? a.params().get("value") : m;
    }

    /** Exact urlMapping first, then the longest matching wildcard mapping ({@code *} matches any text). */
    static ClassInfo resourceFor(Program program, String path) {
        ClassInfo best = null;
        int bestLength = -1;
        for (ClassInfo c : program.classes()) {
            String m = mapping(c);
            if (m == null || program.problems().containsKey(c.name())) {
                continue;
            }
            if (m.equals(path)) {
                return c;
            }
            if (m.contains("*") && wildcard(m).matcher(path).matches() && m.length() > bestLength) {
                best = c;
                bestLength = m.length();
            }
        }
        return best;
    }

    private static Pattern wildcard(String mapping) {
        StringBuilder b = new StringBuilder();
        for (String part : mapping.split("\\*", -1)) {
            if (b.length() > 0) {
                b.append(".*");
            }
            b.append(Pattern.quote(part));
        }
        return Pattern.compile(b.toString());
    }

    private static MethodInfo handler(ClassInfo c, String verb) {
        for (List<MethodInfo> ms : c.methods.values()) {
            for (MethodInfo m : ms) {
                if (m.isStatic() && m.decl.annotations().stream().anyMatch(a -> a.is("Http" + cap(verb)))) {
                    return m;
                }
            }
        }
        return null;
    }

    private static List<String> allowed(ClassInfo c) {
        List<String> out = new ArrayList<>();
        for (String v : VERBS) {
            if (handler(c, v) != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static String cap(String verb) {
        String v = verb.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(v.charAt(0)) + v.substring(1);
    }
}
