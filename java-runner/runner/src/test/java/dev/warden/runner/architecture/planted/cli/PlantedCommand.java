package dev.warden.runner.architecture.planted.cli;

import dev.warden.localorg.model.FieldDef;
import dev.warden.runner.architecture.planted.flow.PlantedFlow;

/** Planted violation (ArchitectureTest): a command that names a local-org internal and is named by a flow. */
public final class PlantedCommand {
    public Object run(FieldDef field) {
        return new PlantedFlow().go(this) + String.valueOf(field);
    }
}
