package dev.warden.runner.plan;

import java.util.List;

/**
 * One provisioning step: what it changes, why (which difference between blueprint and org), the names it touches and
 * the action with every input it needs, decided here so the provisioner only executes it. {@code writes} is the number
 * of API writes it will make, for the plan's cost line.
 */
public record Step(String summary, String reason, List<String> targets, int writes, StepAction action) {
    public Step {
        targets = List.copyOf(targets);
    }

    public StepKind kind() {
        return action.kind();
    }

    public String seedStep() {
        return kind().seedStep();
    }
}
