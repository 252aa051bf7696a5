package dev.warden.apex.lib;

import dev.warden.apex.exec.Frame;
import java.util.Set;

/** {@code new X()} for platform types implemented in Java. */
public final class NativeFactory {
    private static final Set<String> CREATABLE =
            Set.of("RestRequest", "RestResponse", "HttpRequest", "HttpResponse", "Http");

    private NativeFactory() {}

    public static boolean canCreate(String name) {
        return CREATABLE.contains(name);
    }

    public static Object create(Frame f, String name, Object[] args) {
        if (name.startsWith("Http")) {
            return HttpLib.create(name);
        }
        return new RestContextLib.RestValue(name);
    }
}
