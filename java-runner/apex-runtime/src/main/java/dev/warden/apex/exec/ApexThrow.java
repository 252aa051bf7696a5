package dev.warden.apex.exec;

import dev.warden.apex.value.ApexObject;

/**
 * An Apex exception in flight: the Apex exception object (platform or custom) and the Apex stack trace captured
 * where it was thrown ("Class.X.m: line N, column M" lines, innermost first).
 */
public final class ApexThrow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final transient ApexObject exception;

    public ApexThrow(ApexObject exception) {
        super(null, null, false, false);
        this.exception = exception;
    }

    public String typeName() {
        return exception.type.name();
    }

    public String apexMessage() {
        Object m = exception.state.get("message");
        return m == null ? null : m.toString();
    }

    public String apexStackTrace() {
        Object s = exception.state.get("stack");
        return s == null ? "" : s.toString();
    }

    /** "System.AssertException: Assertion Failed: ..." as test results and logs show it. */
    @Override
    public String getMessage() {
        return typeName() + ": " + apexMessage();
    }
}
