package dev.warden.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** warden.targetOrg names a real org by sf alias: an alias sf does not know fails the class at once, clearly. */
class TargetOrgTest {
    static final Path ROOT =
            Path.of(System.getProperty("warden.root", "../..")).toAbsolutePath().normalize();

    @KitOnly
    @WardenTest
    static class AnyClass {
        static volatile boolean ran;

        @Test
        void runs(TestOrg org) {
            ran = true;
        }
    }

    @Test
    void anUnknownAliasFailsFastNamingItAndHowToLogIn(@TempDir Path sfHome) {
        assumeTrue(
                Files.exists(ROOT.resolve(".tools/node_modules/@salesforce/cli")),
                "pinned sf CLI not installed (scripts/setup)");
        var summary = Kit.run(
                AnyClass.class,
                Map.of(
                        "warden.targetOrg",
                        "no-such-org-alias",
                        "warden.sf",
                        ROOT.resolve("scripts/lib/sf").toString(),
                        "warden.sf.home",
                        sfHome.toString()));
        assertEquals(1, summary.getTotalFailureCount());
        String message = Kit.failureMessages(summary).get(0);
        assertTrue(message.startsWith("warden.targetOrg=no-such-org-alias: sf knows no such org"), message);
        assertTrue(message.contains("sf org login web --alias no-such-org-alias"), message);
        assertEquals(false, AnyClass.ran);
    }

    @Test
    void anEmptyTargetOrgIsAnErrorNotTheEmbeddedOrg() {
        var summary = Kit.run(AnyClass.class, Map.of("warden.targetOrg", " "));
        assertEquals(1, summary.getTotalFailureCount());
        assertTrue(
                Kit.failureMessages(summary).get(0).startsWith("warden.targetOrg is empty"),
                Kit.failureMessages(summary).toString());
    }
}
