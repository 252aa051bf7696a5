package dev.warden.runner.provision;

import java.util.List;

/** What an apply did: the steps done (by id), in order, and the notes worth reporting (e.g. assignments dropped). */
public record ApplyResult(List<String> stepsDone, List<String> notes) {
    public ApplyResult {
        stepsDone = List.copyOf(stepsDone);
        notes = List.copyOf(notes);
    }
}
