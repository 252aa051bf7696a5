package dev.warden.apex.lib;

import dev.warden.apex.exec.Errors;
import dev.warden.apex.exec.Frame;
import dev.warden.apex.exec.Invoker;
import dev.warden.apex.link.MethodInfo;
import dev.warden.apex.lower.TypeRef;
import dev.warden.apex.value.ApexList;
import dev.warden.apex.value.ApexObject;
import dev.warden.apex.value.Blob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP callouts as far as tests use them: {@code HttpRequest}, {@code HttpResponse} and {@code Http.send}, answered
 * by the {@code HttpCalloutMock} a test registered with {@code Test.setMock}. No callout ever leaves the process: a
 * test without a mock gets Salesforce's CalloutException, code outside tests fails loudly.
 */
public final class HttpLib {
    /** Where Test.setMock keeps the HttpCalloutMock of the running test. */
    public static final String MOCK = "Test.mock.HttpCalloutMock";

    private HttpLib() {}

    static Native create(String name) {
        return switch (name) {
            case "HttpRequest" -> new Message("HttpRequest");
            case "HttpResponse" -> new Message("HttpResponse");
            default -> new Http();
        };
    }

    /** HttpRequest and HttpResponse: endpoint, method, body, headers, status. */
    static final class Message implements Native {
        private final String type;
        private final Map<String, Object> props = new LinkedHashMap<>();
        /** Header names keep their case; lookups ignore it. */
        private final Map<String, String> headers = new LinkedHashMap<>();

        Message(String type) {
            this.type = type;
        }

        @Override
        public String apexType() {
            return type;
        }

        @Override
        public String toString() {
            return type.equals("HttpResponse")
                    ? "System.HttpResponse[Status=" + props.get("status") + ", StatusCode=" + props.get("statuscode")
                            + "]"
                    : "System.HttpRequest[Endpoint=" + props.get("endpoint") + ", Method=" + props.get("method") + "]";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            if (m.startsWith("set") && a.size() == 1) {
                String p = m.substring(3);
                switch (p) {
                    case "endpoint",
                            "method",
                            "body",
                            "status",
                            "statuscode",
                            "timeout",
                            "compressed",
                            "clientcertificatename" -> props.put(p, a.get(0));
                    case "bodyasblob" ->
                        props.put(
                                "body",
                                a.get(0) == null
                                        ? null
                                        : new String(((Blob) a.get(0)).bytes(), StandardCharsets.UTF_8));
                    default -> throw Errors.unsupported(type + "." + m, f);
                }
                return null;
            }
            switch (m) {
                case "setheader":
                    headers.put(String.valueOf(a.get(0)), a.get(1) == null ? null : String.valueOf(a.get(1)));
                    return null;
                case "getheader": {
                    for (Map.Entry<String, String> h : headers.entrySet()) {
                        if (h.getKey().equalsIgnoreCase(String.valueOf(a.get(0)))) {
                            return h.getValue();
                        }
                    }
                    return null;
                }
                case "getheaderkeys":
                    return new ApexList(TypeRef.of("String", null), new ArrayList<>(headers.keySet()));
                case "getendpoint", "getmethod", "getbody", "getstatus", "getcompressed":
                    return props.get(m.substring(3));
                case "getstatuscode":
                    return props.get("statuscode") == null ? 0 : props.get("statuscode");
                case "getbodyasblob":
                    return props.get("body") == null
                            ? null
                            : new Blob(String.valueOf(props.get("body")).getBytes(StandardCharsets.UTF_8));
                default:
                    throw Args.noSuch(f, type, m, a);
            }
        }
    }

    /** Http: send(request) answered by the test's HttpCalloutMock. */
    static final class Http implements Native {
        @Override
        public String apexType() {
            return "Http";
        }

        @Override
        public Object call(Frame f, String m, List<Object> a) {
            if (!m.equals("send") || a.size() != 1) {
                throw Args.noSuch(f, "Http", m, a);
            }
            if (a.get(0) == null) {
                throw Errors.npe(f);
            }
            Object mock = f.tx.context.get(MOCK);
            if (mock instanceof ApexObject provider) {
                MethodInfo respond = Invoker.virtualTarget(f, provider, "respond", 1, new Object[] {a.get(0)});
                if (respond == null) {
                    throw Errors.unsupported(
                            "an HttpCalloutMock without respond(HTTPRequest) (" + provider.type.name() + ")", f);
                }
                return Invoker.invoke(f, respond, provider, new Object[] {a.get(0)});
            }
            if (f.tx.runningTest) {
                // Salesforce's words for a callout in a test without a mock
                throw Errors.apex(
                        f, "CalloutException", "Methods defined as TestMethod do not support Web service callouts");
            }
            throw Errors.unsupported(
                    "HTTP callouts outside tests (Http.send to " + ((Native) a.get(0)).call(f, "getendpoint", List.of())
                            + ")",
                    f);
        }
    }

    /** Test.setMock(HttpCalloutMock.class, mock); other mock interfaces fail loudly. */
    static Object setMock(Frame f, Object type, Object mock) {
        String name = type == null ? "null" : type.toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith("httpcalloutmock")) {
            throw Errors.unsupported("Test.setMock of " + name, f);
        }
        f.tx.context.put(MOCK, mock);
        return null;
    }
}
