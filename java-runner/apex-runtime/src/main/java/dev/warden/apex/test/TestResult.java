package dev.warden.apex.test;

/**
 * One test method's result as Salesforce reports it: outcome Pass/Fail/CompileFail, message
 * ("System.AssertException: Assertion Failed: ..."), stack trace ("Class.X.m: line N, column M") and run time.
 */
public record TestResult(
        String className,
        String methodName,
        String outcome,
        String message,
        String stackTrace,
        long millis,
        java.util.Map<String, java.util.BitSet> coverage) {
    public TestResult(
            String className, String methodName, String outcome, String message, String stackTrace, long millis) {
        this(className, methodName, outcome, message, stackTrace, millis, java.util.Map.of());
    }

    public boolean passed() {
        return outcome.equals("Pass");
    }
}
