package dev.warden.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A command of subcommands alone (warden package, warden local-org) shows its usage on stderr and calls nothing. */
class CommandGroupTest {
    @Test
    void aGroupAloneShowsItsSubcommands() {
        for (String[] group : new String[][] {{"package", "version"}, {"local-org", "serve"}}) {
            CliTest.Run r = CliTest.run(group[0]);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("warden " + group[0] + " [-hV] [COMMAND]"), r.err());
            assertTrue(r.err().contains(group[1]), r.err());
            assertEquals("", r.out());
        }
    }
}
