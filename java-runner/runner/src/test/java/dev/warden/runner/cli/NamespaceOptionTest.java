package dev.warden.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --namespace and --no-namespace of up, verify, smoke and scan: bad ones are exit 2 before any org is opened. */
class NamespaceOptionTest {
    @TempDir
    Path tmp;

    @Test
    void aPrefixSalesforceWouldRefuseIsExit2WithOneLine() {
        for (String command : new String[] {"up", "verify", "smoke", "scan"}) {
            CliTest.Run r = CliTest.run(command, "--namespace", "9wdn");
            assertEquals(2, r.exit(), command + ": " + r.out() + r.err());
            assertEquals(
                    "warden: --namespace '9wdn' is not a namespace prefix: 1-15 letters, digits or single underscores,"
                            + " starting with a letter\n",
                    r.err(),
                    command);
        }
    }

    @Test
    void noNamespaceWithANamespaceIsExit2BeforeTheOrgIsOpened() {
        for (String command : new String[] {"up", "verify", "smoke", "scan"}) {
            CliTest.Run r = CliTest.run(command, "--no-namespace", "--namespace", "wdn");
            assertEquals(2, r.exit(), command + ": " + r.out() + r.err());
            assertEquals("warden: --no-namespace and --namespace wdn contradict each other\n", r.err(), command);
            assertTrue(!r.err().contains("starting the embedded local org"), r.err());
        }
    }

    @Test
    void thePackageNameIsTheProjectsElseWarden() throws Exception {
        assertEquals("Warden", ProjectPackages.packageNameOr(tmp, "Warden"), "no sfdx-project.json");
        Files.writeString(tmp.resolve("sfdx-project.json"), "{\"packageDirectories\":[{\"path\":\"force-app\"}]}");
        assertEquals("Warden", ProjectPackages.packageNameOr(tmp, "Warden"), "no package named");
        Files.writeString(
                tmp.resolve("sfdx-project.json"),
                "{\"packageDirectories\":[{\"path\":\"a\",\"package\":\"A\"},"
                        + "{\"path\":\"force-app\",\"default\":true,\"package\":\"Shield\"}]}");
        assertEquals("Shield", ProjectPackages.packageNameOr(tmp, "Warden"));
    }
}
