package dev.warden.apex;

import dev.warden.apex.exec.Program;
import java.util.List;

/** One compiled force-app program per JVM (parsing is slow on a cold JVM), each test with its own host. */
final class Fixture {
    private static Program program;
    private static InMemoryHost host;

    private Fixture() {}

    static synchronized Program program() {
        if (program == null) {
            host = new InMemoryHost();
            program = Program.compile(ForceApp.sources(), host);
        }
        return program;
    }

    static synchronized InMemoryHost host() {
        program();
        return host;
    }

    static Program with(List<ApexSource> extra) {
        List<ApexSource> all = new java.util.ArrayList<>(ForceApp.sources());
        all.addAll(extra);
        return Program.compile(all, host());
    }
}
