package dev.warden.runner.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings compared with an earlier {@code warden audit --json} report, by their stable keys: new ones (the run
 * exits 3 only for those), resolved ones, and how many are unchanged.
 */
public final class Baseline {
    private Baseline() {}

    /** A finding as the earlier report listed it. */
    public record Entry(String key, String severity, String title, String evidence) {}

    public record Diff(List<Finding> added, List<Entry> resolved, int unchanged) {
        public Diff {
            added = List.copyOf(added);
            resolved = List.copyOf(resolved);
        }
    }

    /**
     * The findings of an earlier report's envelope ({@code result.audit.findings}).
     *
     * @throws IllegalArgumentException when the document is not an audit report
     */
    public static Map<String, Entry> entries(JsonNode envelope) {
        JsonNode list = envelope.path("result").path("audit").path("findings");
        if (!list.isArray()) {
            throw new IllegalArgumentException("not a warden audit --json report (no result.audit.findings)");
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (JsonNode f : list) {
            String key = f.path("key").asText(null);
            if (key == null) {
                throw new IllegalArgumentException("a finding without a key in result.audit.findings");
            }
            out.put(
                    key,
                    new Entry(
                            key,
                            f.path("severity").asText(""),
                            f.path("title").asText(""),
                            f.path("evidence").asText("")));
        }
        return out;
    }

    public static Diff diff(Map<String, Entry> before, List<Finding> now) {
        List<Finding> added = new ArrayList<>();
        Map<String, Entry> left = new LinkedHashMap<>(before);
        int unchanged = 0;
        for (Finding f : now) {
            if (left.remove(f.key()) != null) {
                unchanged++;
            } else {
                added.add(f);
            }
        }
        return new Diff(added, new ArrayList<>(left.values()), unchanged);
    }
}
