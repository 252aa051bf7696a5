package dev.warden.runner.quarantine;

import dev.warden.runner.blueprint.Blueprint;
import dev.warden.runner.cli.BaseCommand;
import dev.warden.runner.cli.Commands;
import java.time.Duration;

/** The smoke test as the last stage of {@code warden up} (registered in META-INF/services). */
public final class SmokeStage implements Commands.UpStage {
    @Override
    public String id() {
        return "smoke";
    }

    @Override
    public void run(BaseCommand.Context ctx, Blueprint blueprint) throws Exception {
        SmokeRun.run(ctx, blueprint, Duration.ofSeconds(60), ctx.org().budget().reservePercent());
    }
}
