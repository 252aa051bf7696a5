package dev.warden.runner.verify;

/**
 * The result of one verification check. {@code id} is stable (scripts and CI key on it); {@code symptom} names the
 * error or complaint users of the vendor guides meet when this check fails, so a failure explains what they saw.
 */
public record Check(
        String id,
        String title,
        Status status,
        Severity severity,
        String evidence,
        String remediation,
        String symptom) {

    public enum Status {
        PASS,
        FAIL,
        WARN,
        SKIP
    }

    public enum Severity {
        HIGH,
        MEDIUM,
        LOW,
        INFO
    }

    public static Check pass(String id, String title, String evidence) {
        return new Check(id, title, Status.PASS, Severity.INFO, evidence, null, null);
    }

    public static Check skip(String id, String title, String why) {
        return new Check(id, title, Status.SKIP, Severity.INFO, why, null, null);
    }

    public static Check fail(
            String id, String title, Severity severity, String evidence, String remediation, String symptom) {
        return new Check(id, title, Status.FAIL, severity, evidence, remediation, symptom);
    }

    public static Check warn(String id, String title, String evidence, String remediation) {
        return new Check(id, title, Status.WARN, Severity.LOW, evidence, remediation, null);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
