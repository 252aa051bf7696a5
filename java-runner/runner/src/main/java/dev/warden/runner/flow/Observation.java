package dev.warden.runner.flow;

import dev.warden.runner.plan.Observed;
import java.util.List;

/** The org as read, with what could not be read (an API this org lacks) as warnings. */
public record Observation(Observed observed, List<String> warnings) {
    public Observation {
        warnings = List.copyOf(warnings);
    }
}
