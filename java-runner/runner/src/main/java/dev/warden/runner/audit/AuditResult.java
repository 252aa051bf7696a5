package dev.warden.runner.audit;

import java.util.List;
import java.util.Map;

/**
 * What the audit found: findings (worst first), the users × tiers matrix (only users holding a tiered permission),
 * counts of what was read, what could not be read, and every rule that ran (JUnit lists passing rules too).
 */
public record AuditResult(
        List<Finding> findings,
        List<MatrixRow> matrix,
        Map<String, Long> stats,
        List<String> warnings,
        List<AuditRule> rulesRun) {
    public AuditResult {
        findings = List.copyOf(findings);
        matrix = List.copyOf(matrix);
        stats = Map.copyOf(stats);
        warnings = List.copyOf(warnings);
        rulesRun = List.copyOf(rulesRun);
    }

    /** One user with tiered permissions: per tier, the permissions held (after muting and allow-lists). */
    public record MatrixRow(
            String username, String profile, String license, boolean integration, Map<Tier, List<String>> permissions) {
        public MatrixRow {
            permissions = Map.copyOf(permissions);
        }
    }
}
