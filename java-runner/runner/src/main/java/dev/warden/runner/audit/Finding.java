package dev.warden.runner.audit;

import dev.warden.runner.verify.Check;
import java.util.List;

/**
 * One problem the audit found. {@code key} ({@code rule:subject}) is stable between runs, so a baseline can tell new
 * findings from known ones; {@code paths} are the grant paths ("user ← group G ← permission set P") behind it.
 */
public record Finding(
        String rule,
        String subject,
        Check.Severity severity,
        String title,
        String evidence,
        List<String> paths,
        String remediation,
        String symptom) {
    public Finding {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    public String key() {
        return rule + ":" + subject;
    }

    /** As a failed verification check (text and JUnit reports reuse the check shape). */
    public Check toCheck() {
        String ev = paths.isEmpty() ? evidence : evidence + "; via " + String.join("; ", paths);
        return Check.fail(key(), title, severity, ev, remediation, symptom);
    }
}
