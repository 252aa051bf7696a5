package dev.warden.runner.cli;

import java.util.List;

/**
 * How other packages of the runner add commands (e.g. {@code smoke}, {@code scan}) without editing the CLI: implement
 * this, list the class in {@code META-INF/services/dev.warden.runner.cli.WardenExtension}. Commands should extend
 * {@link BaseCommand} to share the flags, the report, the org connection and the exit-code mapping.
 */
public interface WardenExtension {
    /** picocli command objects (annotated with {@code @Command}). */
    List<Object> commands();
}
