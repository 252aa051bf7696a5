package dev.warden.runner.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The runner's boundaries, enforced: each rule holds for the product's classes and fails on a planted violation
 * (fixtures under {@code dev.warden.runner.architecture.planted}, a root of their own).
 */
class ArchitectureTest {
    private static final String ROOT = "dev.warden.runner";
    private static final String PLANTED = "dev.warden.runner.architecture.planted";

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final JavaClasses PLANTED_CLASSES = new ClassFileImporter().importPackages(PLANTED);

    @Test
    void the_runner_has_no_package_cycles() {
        RunnerArchitecture.noPackageCycles(ROOT).check(PRODUCT);
    }

    @Test
    void the_runner_names_only_the_local_orgs_public_api() {
        RunnerArchitecture.onlyTheLocalOrgsPublicApi(ROOT).check(PRODUCT);
    }

    @Test
    void pure_packages_import_no_adapter_command_or_report() {
        RunnerArchitecture.pureCoreImportsNoAdapterOrReport(ROOT).check(PRODUCT);
    }

    @Test
    void layers_run_one_way_from_commands_to_adapters() {
        RunnerArchitecture.layersRunOneWay(ROOT).check(PRODUCT);
        RunnerArchitecture.adaptersKnowNoFlow(ROOT).check(PRODUCT);
    }

    @Test
    void only_the_rest_client_and_the_oauth_login_talk_http() {
        RunnerArchitecture.onlyTheRestClientTalksHttp(ROOT).check(PRODUCT);
    }

    // Each rule fails on the planted fixtures: a rule that cannot fail proves nothing.

    @Test
    void a_planted_cycle_between_a_command_and_a_flow_fails() {
        assertViolated(RunnerArchitecture.noPackageCycles(PLANTED), "PlantedCommand", "PlantedFlow");
        assertViolated(RunnerArchitecture.layersRunOneWay(PLANTED), "PlantedFlow", "PlantedCommand");
    }

    @Test
    void a_planted_use_of_a_local_org_internal_fails() {
        assertViolated(RunnerArchitecture.onlyTheLocalOrgsPublicApi(PLANTED), "PlantedCommand", "FieldDef");
    }

    @Test
    void a_planted_adapter_in_the_pure_core_fails() {
        assertViolated(
                RunnerArchitecture.pureCoreImportsNoAdapterOrReport(PLANTED),
                "PlantedBlueprint",
                PLANTED + ".salesforce.rest.RestClient");
    }

    @Test
    void a_planted_http_call_outside_the_rest_client_fails() {
        EvaluationResult r =
                RunnerArchitecture.onlyTheRestClientTalksHttp(PLANTED).evaluate(PLANTED_CLASSES);
        assertTrue(r.hasViolation(), "the planted HttpClient use in the blueprint package must be reported");
        String report = r.getFailureReport().toString();
        assertTrue(report.contains("PlantedBlueprint") && report.contains("java.net.http.HttpRequest"), report);
        assertTrue(
                report.contains("PlantedJwtLogin"),
                "a login building its own token request must be reported too: " + report);
        assertFalse(
                report.contains("<" + PLANTED + ".salesforce.rest.RestClient."),
                "the REST client itself may talk HTTP: " + report);
    }

    private static void assertViolated(ArchRule rule, String... named) {
        EvaluationResult r = rule.evaluate(PLANTED_CLASSES);
        assertTrue(r.hasViolation(), "planted violation not reported by: " + rule.getDescription());
        String report = r.getFailureReport().toString();
        for (String n : named) {
            assertTrue(report.contains(n), "report should name " + n + ":\n" + report);
        }
    }
}
