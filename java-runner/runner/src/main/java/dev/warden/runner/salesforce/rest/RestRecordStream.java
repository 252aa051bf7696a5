package dev.warden.runner.salesforce.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.runner.org.RecordStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/** {@link RecordStream} over REST: {@code query} then {@code nextRecordsUrl}, one page in memory at a time. */
public final class RestRecordStream implements RecordStream {
    private final RestClient rest;

    public RestRecordStream(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public long each(String soql, Consumer<Row> sink) {
        return rest.queryEach(soql, node -> sink.accept(path -> text(node, path)));
    }

    @Override
    public Set<String> fields(String sobject) {
        Set<String> out = new LinkedHashSet<>();
        rest.get(RestClient.data("/sobjects/" + sobject + "/describe"), "rest.describe")
                .path("fields")
                .forEach(f -> out.add(f.path("name").asText()));
        return out;
    }

    static String text(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
