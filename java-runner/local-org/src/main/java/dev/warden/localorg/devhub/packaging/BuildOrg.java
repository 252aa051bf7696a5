package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.LocalOrgOptions;
import dev.warden.localorg.metadata.ComponentResult;
import dev.warden.localorg.metadata.DeployEngine;
import dev.warden.localorg.metadata.DeployOutcome;
import dev.warden.localorg.metadata.DeployTestRun;
import dev.warden.localorg.server.HostedOrg;
import dev.warden.localorg.server.LocalOrgServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Validates a package version as Salesforce's build does (devhub-packaging-wire.md 18): a fresh org of its own in this
 * process (a whole local org, like a scratch org, closed afterwards) receives the definition's settings and then the
 * package's metadata through the local deploy engine — metadata checks and the Apex compile — and, with code
 * coverage, the package's Apex tests run inside that deploy (RunLocalTests in the local Apex runtime). The coverage
 * is the measured line coverage of the package's classes and triggers; nothing is estimated. How Salesforce's build
 * org is shaped (edition, features from the descriptor) is not modelled: the local build org is a Developer-like org.
 */
final class BuildOrg {
    /** Salesforce's promotion threshold (DOC "a minimum 75% code coverage is required for package version promotion"). */
    static final double REQUIRED_PERCENT = 75.0;

    private static final AtomicLong BUILDS = new AtomicLong();

    /**
     * @param errors what failed, one message each (empty: validated)
     * @param coverage the measured coverage, or null when tests were not asked for (or validation failed)
     */
    record Outcome(List<String> errors, Coverage coverage, int testsRun) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * @param percent covered lines / executable lines of the package's non-test classes and triggers, in percent
     * @param uncoveredTriggers the package's triggers no test executed a line of
     */
    record Coverage(double percent, int coveredLines, int executableLines, List<String> uncoveredTriggers) {
        boolean passes() {
            return percent >= REQUIRED_PERCENT && uncoveredTriggers.isEmpty();
        }
    }

    private BuildOrg() {}

    static Outcome validate(String hubOrgId, VersionInfo info, boolean runTests) {
        if (info.unpackagedZip() != null || info.seedZip() != null) {
            return new Outcome(
                    List.of("not supported by the local Dev Hub: unpackagedMetadata and seedMetadata in"
                            + " sfdx-project.json (the build org deploys the package only)"),
                    null,
                    0);
        }
        String username = "build-" + BUILDS.incrementAndGet() + "-" + System.nanoTime() + "@packaging.local";
        LocalOrgServer build = LocalOrgServer.startHosted(
                new LocalOrgOptions(0, false, null, null), new HostedOrg(username, hubOrgId));
        try {
            String actor = build.org().adminUserId();
            if (info.settingsZip() != null) {
                DeployOutcome settings =
                        DeployEngine.deploy(build.org(), actor, info.settingsZip(), DeployEngine.Options.defaults());
                if (!settings.success()) {
                    return new Outcome(errors("settings.zip", settings), null, 0);
                }
            }
            DeployOutcome deployed = DeployEngine.deploy(
                    build.org(),
                    actor,
                    info.packageZip(),
                    new DeployEngine.Options(false, true, runTests ? "RunLocalTests" : null, List.of()));
            List<String> errors = errors(null, deployed);
            DeployTestRun tests = deployed.tests();
            if (!errors.isEmpty()) {
                return new Outcome(errors, null, tests == null ? 0 : tests.numTestsRun());
            }
            return new Outcome(
                    List.of(), runTests ? coverage(deployed, tests) : null, tests == null ? 0 : tests.numTestsRun());
        } finally {
            build.close();
        }
    }

    /**
     * One message per failed component ({@code <file>: <problem> (line, column)}) and per failed test
     * ({@code Apex Test Failure: Class.method: message}). Salesforce's own texts for these rows are UNCONFIRMED.
     */
    private static List<String> errors(String from, DeployOutcome outcome) {
        List<String> out = new ArrayList<>();
        if (outcome.errorMessage() != null) {
            out.add((from == null ? "" : from + ": ") + outcome.errorMessage());
        }
        for (ComponentResult f : outcome.failures()) {
            String at = f.lineNumber() == null ? "" : " (line " + f.lineNumber() + ", column " + f.columnNumber() + ")";
            out.add((from == null ? "" : from + ": ") + f.fileName() + ": " + f.problem() + at);
        }
        if (outcome.tests() != null) {
            for (Map<String, Object> f : outcome.tests().rows("failures")) {
                out.add("Apex Test Failure: " + f.get("name") + "." + f.get("methodName") + ": " + f.get("message"));
            }
        }
        if (out.isEmpty() && !outcome.success()) {
            out.add((from == null ? "" : from + ": ") + "the deploy into the build org failed");
        }
        return out;
    }

    private static Coverage coverage(DeployOutcome deployed, DeployTestRun tests) {
        List<String> triggers = deployed.successes().stream()
                .filter(r -> r.componentType().equals("ApexTrigger"))
                .map(ComponentResult::fullName)
                .toList();
        int executable = 0;
        int covered = 0;
        List<String> uncoveredTriggers = new ArrayList<>(triggers);
        for (Map<String, Object> row : tests == null ? List.<Map<String, Object>>of() : tests.rows("codeCoverage")) {
            int total = ((Number) row.get("numLocations")).intValue();
            int notCovered = ((Number) row.get("numLocationsNotCovered")).intValue();
            executable += total;
            covered += total - notCovered;
            String name = String.valueOf(row.get("name"));
            if ("Trigger".equals(row.get("type")) && total - notCovered > 0) {
                uncoveredTriggers.removeIf(t -> t.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
            }
        }
        // No executable Apex at all: nothing to cover, as Salesforce reports 100% for Apex-free packages (INFERRED).
        double percent = executable == 0 ? 100.0 : 100.0 * covered / executable;
        return new Coverage(percent, covered, executable, List.copyOf(uncoveredTriggers));
    }
}
