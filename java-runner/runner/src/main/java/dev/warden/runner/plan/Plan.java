package dev.warden.runner.plan;

import java.util.List;

/**
 * Ordered steps from the org as it is to the blueprint; empty when the org already matches.
 *
 * @param orgId the org the plan is for (its journal and key pair are keyed by it)
 * @param userId the integration user's id, null when the plan creates the user
 */
public record Plan(String orgId, String username, String userId, List<Step> steps, List<String> notes) {
    public Plan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public int writes() {
        return steps.stream().mapToInt(Step::writes).sum();
    }

    public boolean has(StepKind kind) {
        return steps.stream().anyMatch(s -> s.kind() == kind);
    }

    /** The plan as people read it (also the approved form in tests). */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Plan for ").append(username).append(": ");
        if (steps.isEmpty()) {
            out.append("nothing to do, the org matches the blueprint (0 writes)\n");
        } else {
            out.append(steps.size())
                    .append(steps.size() == 1 ? " step, " : " steps, ")
                    .append(writes())
                    .append(writes() == 1 ? " write\n" : " writes\n");
        }
        int n = 1;
        for (Step s : steps) {
            out.append(String.format("%2d. %s%n", n++, s.summary()));
            out.append("    why:  ").append(s.reason()).append('\n');
            out.append("    seed: ").append(s.seedStep()).append('\n');
        }
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }
}
