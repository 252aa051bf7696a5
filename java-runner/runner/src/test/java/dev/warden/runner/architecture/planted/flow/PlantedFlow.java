package dev.warden.runner.architecture.planted.flow;

import dev.warden.runner.architecture.planted.cli.PlantedCommand;

/** Planted violation (ArchitectureTest): a flow that knows its command, closing a cli <-> flow cycle. */
public final class PlantedFlow {
    public String go(PlantedCommand command) {
        return command.getClass().getSimpleName();
    }
}
