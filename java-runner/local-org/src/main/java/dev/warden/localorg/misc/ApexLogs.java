package dev.warden.localorg.misc;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Debug logs: an {@code ApexLog} row per log (what {@code sf apex list log} queries) and its body (what
 * {@code sf apex get log} reads from {@code /tooling/sobjects/ApexLog/{id}/Body}). Nothing writes logs yet: the Apex
 * runtime is to call {@link #append} when it runs code, so until then the list is empty (documented).
 */
public final class ApexLogs {
    private static final Map<Org, Map<String, String>> BODIES = Collections.synchronizedMap(new WeakHashMap<>());

    private ApexLogs() {}

    /** Stores a log for {@code userId} and returns the ApexLog id. */
    public static String append(
            Org org, String userId, String operation, String request, String status, long durationMillis, String body) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("LogUserId", userId);
        row.put("LogLength", body.getBytes(StandardCharsets.UTF_8).length);
        row.put("Request", request);
        row.put("Operation", operation);
        row.put("Application", "Unknown");
        row.put("Status", status);
        row.put("DurationMilliseconds", (int) durationMillis);
        row.put("StartTime", org.db().clock().instant());
        row.put("Location", "SystemLog");
        String id = org.db().insert(Caller.system(userId), "ApexLog", row);
        bodies(org).put(id, body);
        return id;
    }

    /** The body of a log, or null when the log is unknown or deleted. */
    public static String body(Org org, String id) {
        return org.db().live(id) == null ? null : bodies(org).get(id);
    }

    private static Map<String, String> bodies(Org org) {
        return BODIES.computeIfAbsent(org, o -> new ConcurrentHashMap<>());
    }
}
