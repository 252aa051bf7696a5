package dev.warden.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {
    @Test
    void aFailedStageNamesItsErrorInTheEnvelopeNotABareRunFailed() throws Exception {
        Report r = new Report("scan");
        r.section(new Report.Section("scan", "Scan", false, List.of("3 candidate(s)", "error: Verdict call failed: HTTP 503 SERVER_UNAVAILABLE: busy"),
                Map.of(), List.of()));
        JsonNode env = new ObjectMapper().readTree(JsonReport.render(r));
        assertEquals(1, env.path("status").asInt());
        assertEquals("Scan: error: Verdict call failed: HTTP 503 SERVER_UNAVAILABLE: busy", env.path("message").asText());
        assertTrue(!env.path("message").asText().equals("the run failed"));
    }
}
