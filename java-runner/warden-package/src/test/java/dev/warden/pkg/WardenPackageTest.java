package dev.warden.pkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WardenPackageTest {
    static final Path ROOT =
            Path.of(System.getProperty("warden.root", "../..")).toAbsolutePath().normalize();

    @Test
    void theExtractedProjectIsTheRepositorysForceApp(@TempDir Path dir) throws Exception {
        Path out = WardenPackage.extractTo(dir.resolve("project"));
        assertTrue(Files.isRegularFile(out.resolve("sfdx-project.json")));
        try (var files = Files.walk(ROOT.resolve("force-app"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path copy = out.resolve("force-app")
                        .resolve(ROOT.resolve("force-app").relativize(f).toString());
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(copy), f.toString());
            }
        }
    }
}
