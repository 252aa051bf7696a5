package dev.warden.runner.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines on stderr, prefixed and time-stamped relative to the start, so waits are visible. */
public final class Progress implements Consumer<String> {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private final boolean quiet;

    public Progress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void accept(String line) {
        if (quiet) {
            return;
        }
        err.printf("warden [%5.1fs] %s%n", (System.nanoTime() - start) / 1e9, line);
        err.flush();
    }
}
