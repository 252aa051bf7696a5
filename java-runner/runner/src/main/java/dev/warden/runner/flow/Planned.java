package dev.warden.runner.flow;

import dev.warden.runner.journal.Journal;
import dev.warden.runner.plan.Plan;

/**
 * The plan and what it was made from: the observation and the journal (read once per run; apply resumes from this
 * same journal, never a second read).
 */
public record Planned(Plan plan, Observation from, Journal journal, boolean resume) {}
