package dev.warden.runner.plan;

import java.util.List;

/**
 * One provisioning step: what it changes, why (which difference between blueprint and org), and the names it
 * touches. {@code writes} is the number of API writes it will make, for the plan's cost line.
 */
public record Step(StepKind kind, String summary, String reason, List<String> targets, int writes) {
    public Step {
        targets = List.copyOf(targets);
    }

    public String seedStep() {
        return kind.seedStep();
    }
}
