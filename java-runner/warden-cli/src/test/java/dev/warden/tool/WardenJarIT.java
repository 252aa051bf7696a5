package dev.warden.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, as a user runs it: {@code java -jar warden.jar up} from an empty directory outside the repository. */
class WardenJarIT {
    static final Path ROOT =
            Path.of(System.getProperty("warden.root", "../..")).toAbsolutePath().normalize();

    record Run(int exit, String out, String err) {}

    static Run java(Path dir, Path home, String... args) throws Exception {
        // Set by the jar-it execution (after package); anywhere else the jar may be stale or missing.
        assumeTrue(
                System.getProperty("warden.version") != null && System.getProperty("warden.jar") != null,
                "runs in the jar-it execution, after package");
        Path jar = Path.of(System.getProperty("warden.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no " + jar + " (mvn package first)");
        List<String> cmd = new java.util.ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectOutput(home.resolve("out.txt").toFile())
                .redirectError(home.resolve("err.txt").toFile());
        pb.environment().put("WARDEN_HOME", home.toString());
        pb.environment().put("WARDEN_SF", ROOT.resolve("scripts/lib/sf").toString());
        pb.environment().remove("WARDEN_PROJECT_DIR");
        pb.environment().remove("WARDEN_LOCAL_ORG_STATE");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "java -jar warden.jar " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Run(
                p.exitValue(), Files.readString(home.resolve("out.txt")), Files.readString(home.resolve("err.txt")));
    }

    @Test
    void upFromAnEmptyDirectoryRunsTheMainJobOnTheEmbeddedOrgAndLeavesTheDirectoryEmpty(@TempDir Path tmp)
            throws Exception {
        assumeTrue(
                Files.exists(ROOT.resolve(".tools/node_modules/@salesforce/cli")),
                "pinned sf CLI not installed (scripts/setup)");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Run up = java(empty, home, "up", "--json");
        assertEquals(0, up.exit(), up.out() + up.err());
        JsonNode env = new ObjectMapper().readTree(up.out());
        assertTrue(env.path("result").path("org").path("embedded").asBoolean(), up.out());
        assertTrue(
                env.path("result").path("deploy").path("success").asBoolean(),
                "Warden's own force-app deployed: " + up.out());
        assertTrue(env.path("result").path("checks").size() > 10, up.out());
        env.path("result")
                .path("checks")
                .forEach(c -> assertEquals("PASS", c.path("status").asText(), c.toString()));
        try (Stream<Path> left = Files.list(empty)) {
            assertEquals(List.of(), left.toList(), "nothing written into the working directory");
        }
        assertTrue(Files.isRegularFile(home.resolve("package")
                .resolve(System.getProperty("warden.version"))
                .resolve("sfdx-project.json")));
    }

    @Test
    void versionIsTheBuiltVersion(@TempDir Path tmp) throws Exception {
        Run v = java(tmp, tmp, "--version");
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().startsWith("warden " + System.getProperty("warden.version") + " (Java "), v.out());
    }
}
