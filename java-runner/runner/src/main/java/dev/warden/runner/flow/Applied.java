package dev.warden.runner.flow;

import dev.warden.runner.provision.ApplyResult;

/** What apply did, and the org read again after it (what verify checks); the same observation when nothing was applied. */
public record Applied(ApplyResult result, Observation after) {}
