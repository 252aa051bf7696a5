package dev.warden.test;

import java.util.List;
import java.util.Map;

/**
 * The embedded org's request log ({@code GET /_local/requests}): calls by API, the daily usage, and the newest
 * requests (at most 5,000).
 */
public record RequestLog(Map<String, Long> counts, List<Request> requests) {

    public record Request(
            String method, String path, String query, String api, String soapOperation, int status, long millis) {}

    public long count(String api) {
        return counts.getOrDefault(api, 0L);
    }

    /** Requests whose method and path match ({@code *} wildcards in the path; method null = any). */
    public List<Request> matching(String method, String pathPattern) {
        String regex = java.util.Arrays.stream(pathPattern.split("\\*", -1))
                .map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return requests.stream()
                .filter(r -> (method == null || method.equalsIgnoreCase(r.method()))
                        && r.path().matches(regex))
                .toList();
    }
}
