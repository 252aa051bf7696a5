package dev.warden.localorg.apex;

import dev.warden.apex.exec.ApexThrow;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.exec.Program;
import dev.warden.apex.exec.Transaction;
import dev.warden.apex.lib.ApexRestBinding;
import dev.warden.apex.lib.Native;
import dev.warden.apex.lib.NativeFactory;
import dev.warden.apex.link.ClassInfo;
import dev.warden.apex.link.CompileError;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.Decl;
import dev.warden.apex.lower.UnsupportedFeature;
import dev.warden.apex.value.ApexMap;
import dev.warden.apex.value.Blob;
import dev.warden.localorg.rules.Access;
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
        Map<String, String> headers = new LinkedHashMap<>();
        req.headers().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
        return call(
                req.org(),
                req.session().userId(),
                req.method(),
                path,
                req.rawQuery(),
                req.clientIp(),
                req.body(),
                headers);
    }

    /** One Apex REST call as {@code userId}; {@code path} is the part after /services/apexrest. */
    public static Response call(
            Org org, String userId, String verb, String path, String rawQuery, String clientIp, byte[] requestBody) {
        return call(org, userId, verb, path, rawQuery, clientIp, requestBody, Map.of());
    }

    /** One Apex REST call with the request's headers (names in any case). */
    public static Response call(
            Org org,
            String userId,
            String verb,
            String path,
            String rawQuery,
            String clientIp,
            byte[] requestBody,
            Map<String, String> headers) {
        OrgApex apex = OrgApex.of(org);
        Program program = apex.program();
        ClassInfo resource = ApexRestNamespaces.resourceFor(org, program, path);
        if (resource == null) {
            return Response.sfError(404, "NOT_FOUND", "Could not find a match for URL " + path, List.of());
        }
        if (!Access.ofUser(org.db(), userId).canRunClass(resource.name())) {
            // the class must be enabled for the caller (profile or permission set classAccesses). UNCONFIRMED:
            // Salesforce's exact status, code and words for this refusal
            return Response.json(
                    403,
                    List.of(error("FORBIDDEN", "You do not have access to the Apex class named: " + resource.name())));
        }
        MethodInfo method = handler(resource, verb);
        if (method == null) {
            return Response.json(
                    405,
                    List.of(error(
                            "METHOD_NOT_ALLOWED",
                            "HTTP Method '" + verb + "' not allowed. Allowed are "
                                    + String.join(",", allowed(resource)))));
        }
        boolean hasParams = !method.decl.params().isEmpty();
        String contentType = header(headers, "Content-Type");
        if (hasParams
                && contentType != null
                && contentType.toLowerCase(Locale.ROOT).contains("xml")) {
            return unsupported("XML request bodies bound to the parameters of @Http" + cap(verb) + " methods ("
                    + resource.name() + "." + method.name() + "); send application/json");
        }
        boolean wantsXml = wantsXml(header(headers, "Accept"), path);
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
                    // with parameters the body goes into them, not into requestBody (Salesforce's docs)
                    request.set(
                            null,
                            "requestBody",
                            hasParams ? null : new Blob(requestBody == null ? new byte[0] : requestBody));
                    ApexMap params = (ApexMap) request.get(null, "params");
                    query(rawQuery).forEach(params::put);
                    ApexMap requestHeaders = (ApexMap) request.get(null, "headers");
                    headers.forEach(requestHeaders::put);
                    tx.context.put("RestContext.request", request);
                    tx.context.put("RestContext.response", response);
                    Frame root =
                            new Frame(tx, null, resource, null, 0, "Class." + resource.name() + "." + method.name());
                    Object[] args;
                    try {
                        args = hasParams ? ApexRestBinding.arguments(root, method, requestBody) : new Object[0];
                    } catch (ApexRestBinding.BadBody e) {
                        throw new Failed(Response.json(400, List.of(error(e.errorCode(), e.getMessage()))));
                    } catch (ApexThrow e) {
                        // a value of the wrong type for a parameter. UNCONFIRMED: Salesforce's code and words
                        throw new Failed(Response.json(400, List.of(error("JSON_PARSER_ERROR", e.getMessage()))));
                    }
                    Object returned = Invoker.invoke(root, method, null, args);
                    boolean voidMethod = method.decl.returnType() == null
                            || "void".equalsIgnoreCase(method.decl.returnType().name());
                    Object status = response.get(null, "statusCode");
                    int code = status instanceof Number n ? n.intValue() : 200;
                    byte[] bytes;
                    String type = Response.JSON;
                    if (!voidMethod && returned != null) {
                        if (wantsXml) {
                            throw new Failed(unsupported("XML responses of Apex REST methods (" + resource.name() + "."
                                    + method.name() + "); ask for application/json"));
                        }
                        // UNCONFIRMED: a returned value wins over a responseBody the method also set
                        bytes = ApexRestBinding.serialize(root, returned);
                    } else {
                        Object body = response.get(null, "responseBody");
                        bytes = body instanceof Blob b ? b.bytes() : new byte[0];
                    }
                    Response out = Response.bytes(code, type, bytes);
                    ApexMap responseHeaders = (ApexMap) response.get(null, "headers");
                    for (Map.Entry<Object, Object> h : responseHeaders.entries.values()) {
                        if (h.getKey() == null || h.getValue() == null) {
                            continue;
                        }
                        String name = h.getKey().toString();
                        if (name.equalsIgnoreCase("Content-Type")) {
                            out = new Response(out.status(), h.getValue().toString(), out.body(), out.headers());
                        } else {
                            out = out.withHeader(name, h.getValue().toString());
                        }
                    }
                    return out;
                } catch (ApexThrow e) {
                    String stack = e.apexStackTrace();
                    throw new Failed(Response.json(
                            500,
                            List.of(error("APEX_ERROR", e.getMessage() + (stack.isEmpty() ? "" : "\n\n" + stack)))));
                } catch (CompileError | UnsupportedFeature e) {
                    throw new Failed(Response.json(500, List.of(error("APEX_ERROR", e.getMessage()))));
                } finally {
                    tx.exit();
                }
            });
            apex.afterCommit(ran[0]);
            return answer;
        } catch (Failed f) {
            return f.response;
        }
    }

    private static Response unsupported(String what) {
        return Response.json(
                500, List.of(error("APEX_ERROR", "not supported by the local org's Apex runtime: " + what)));
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** XML is asked for by an Accept header that names XML and not JSON, or by a path ending in .xml. */
    private static boolean wantsXml(String accept, String path) {
        if (path.toLowerCase(Locale.ROOT).endsWith(".xml")) {
            return true;
        }
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("xml") && !a.contains("json") && !a.contains("*/*");
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
        return resourceFor(program, path, c -> true);
    }

    /** The resource for {@code path} among some classes only (those of one namespace: ApexRestNamespaces). */
    static ClassInfo resourceFor(Program program, String path, java.util.function.Predicate<ClassInfo> among) {
        ClassInfo best = null;
        int bestLength = -1;
        for (ClassInfo c : program.classes()) {
            if (!among.test(c)) {
                continue;
            }
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
