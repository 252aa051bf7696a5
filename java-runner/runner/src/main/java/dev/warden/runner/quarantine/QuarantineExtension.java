package dev.warden.runner.quarantine;

import dev.warden.runner.cli.WardenExtension;
import java.util.List;

/** Adds {@code warden scan} and {@code warden smoke} (registered in META-INF/services). */
public final class QuarantineExtension implements WardenExtension {
    @Override
    public List<Object> commands() {
        return List.of(new ScanCommand(), new SmokeCommand());
    }
}
