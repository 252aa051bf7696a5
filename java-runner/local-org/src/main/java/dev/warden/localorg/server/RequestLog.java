package dev.warden.localorg.server;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every request the org answered (newest {@value #KEEP} kept) and per-API call counts. Holds no tokens or bodies;
 * query strings are kept because tests assert on SOQL (they never carry secrets).
 */
public final class RequestLog {
    static final int KEEP = 5000;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Map<ApiKind, Integer> counts = new EnumMap<>(ApiKind.class);

    public record Entry(
            Instant at,
            String method,
            String path,
            String query,
            ApiKind api,
            String soapOperation,
            int status,
            long millis) {
        public Entry {
            query = LoggedQueries.redact(query); // package installation keys never reach the log
        }
    }

    public synchronized void add(Entry e) {
        entries.addLast(e);
        if (entries.size() > KEEP) {
            entries.removeFirst();
        }
        counts.merge(e.api(), 1, Integer::sum);
    }

    public synchronized void clear() {
        entries.clear();
        counts.clear();
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** {@code rest, soapPartner, soapMetadata, oauth, apexRest, other} (admin calls are not counted). */
    public synchronized Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("rest", counts.getOrDefault(ApiKind.REST, 0));
        m.put("soapPartner", counts.getOrDefault(ApiKind.SOAP_PARTNER, 0));
        m.put("soapMetadata", counts.getOrDefault(ApiKind.SOAP_METADATA, 0));
        m.put("oauth", counts.getOrDefault(ApiKind.OAUTH, 0));
        m.put("apexRest", counts.getOrDefault(ApiKind.APEX_REST, 0));
        m.put("other", counts.getOrDefault(ApiKind.OTHER, 0));
        return m;
    }
}
