package dev.warden.localorg.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.LocalOrgServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * simple-salesforce (a venv built by {@code scripts/simple-salesforce-contract} in {@code target/simple-salesforce},
 * never committed) runs {@code src/test/simple-salesforce/contract.py} against an https local org started here.
 * Skipped when the venv is missing (CI machines have neither PyPI nor the source snapshots).
 */
class SimpleSalesforceContractTest {
    @Test
    void simpleSalesforceEverydayCallsPass() throws Exception {
        Path module = SfCli.repoRoot().resolve("java-runner/local-org");
        Path python = module.resolve("target/simple-salesforce/venv/bin/python");
        Assumptions.assumeTrue(
                Files.isExecutable(python),
                "simple-salesforce is not installed: run scripts/simple-salesforce-contract");
        try (LocalOrgServer server = LocalOrgServer.start(new LocalOrgOptions(0, true, null, null))) {
            ProcessBuilder pb = new ProcessBuilder(
                    python.toString(),
                    module.resolve("src/test/simple-salesforce/contract.py").toString(),
                    "--json");
            pb.environment().put("LOCAL_ORG_URL", server.instanceUrl());
            pb.environment().put("LOCAL_ORG_TOKEN", server.adminAccessToken());
            pb.environment().put("LOCAL_ORG_CERT", server.certificatePath().toString());
            Path out = Files.createTempFile("simple-salesforce", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "simple-salesforce contract did not finish in 180 s");
            List<String> lines = Files.readAllLines(out);
            JsonNode r = Json.MAPPER.readTree(lines.get(lines.size() - 1));
            List<String> failed = new ArrayList<>();
            r.get("failed")
                    .fields()
                    .forEachRemaining(
                            e -> failed.add(e.getKey() + ": " + e.getValue().asText()));
            assertEquals(List.of(), failed, String.join("\n", lines));
            assertTrue(r.get("passed").size() >= 15, r.toString());
        }
    }
}
