package dev.warden.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a test class through the JUnit launcher, as a build would, to see how it ends. */
final class Kit {
    static final String FLAG = "warden-test.kit";

    private Kit() {}

    static TestExecutionSummary run(Class<?> testClass, Map<String, String> configuration) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameters(configuration)
                .configurationParameter(FLAG, "true")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    static List<String> failureMessages(TestExecutionSummary s) {
        return s.getFailures().stream()
                .map(f -> String.valueOf(f.getException().getMessage()))
                .toList();
    }
}
