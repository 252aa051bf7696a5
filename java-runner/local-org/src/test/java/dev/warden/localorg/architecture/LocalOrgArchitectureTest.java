package dev.warden.localorg.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The local org's layering that holds today, enforced: its core (records, rules, setup, SOQL, metadata units) names no
 * wire protocol, the wire packages form no cycle (each registers its routes on {@code server}'s SPI; {@code server}
 * names none of them), and the Apex runtime knows neither HTTP nor the local org. Each rule also fails on a planted
 * fixture. Not enforced yet (docs/architecture.md): the cycle through the core apex ↔ metadata ↔ metadata.types ↔
 * soap, and the public entry {@code LocalOrg} ↔ {@code server}.
 */
class LocalOrgArchitectureTest {
    private static final String ROOT = "dev.warden.localorg";
    private static final String PLANTED = "dev.warden.localorg.architecture.planted";
    private static final String[] CORE = {"model", "data", "rules", "setup", "query", "metadata"};
    private static final String[] WIRE = {"server", "rest", "soap", "oauth", "admin", "bulk", "search"};
    /** The packages that serve a protocol or host the org's parts: no cycle among them. */
    private static final Set<String> WIRE_PARTS =
            Set.of("server", "rest", "soap", "oauth", "admin", "bulk", "search", "misc", "devhub", "apex");

    static ArchRule noCyclesAmongWirePackages(String root) {
        return slices().matching(root + ".(*)..")
                .that(DescribedPredicate.describe(
                        "are wire packages " + WIRE_PARTS, (Slice s) -> WIRE_PARTS.contains(s.getNamePart(1))))
                .should()
                .beFreeOfCycles()
                .because("routes are registered one way: a wire package depends on server's route SPI, server names"
                        + " none of them (the parts are listed once, in META-INF/services)");
    }

    static ArchRule coreKnowsNoWire(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(
                        Arrays.stream(CORE).map(p -> root + "." + p + "..").toArray(String[]::new))
                .should()
                .dependOnClassesThat(resideInAnyPackage(Arrays.stream(WIRE)
                                .map(p -> root + "." + p + "..")
                                .toArray(String[]::new))
                        .or(resideInAnyPackage("com.sun.net.httpserver..", "java.net.http..")))
                .because("one unit per metadata type and platform rule; the APIs sit on top and translate the wire");
    }

    static ArchRule apexRuntimeKnowsNoHttpAndNoOrg() {
        return noClasses()
                .that()
                .resideInAPackage("dev.warden.apex..")
                .should()
                .dependOnClassesThat(
                        resideInAnyPackage("dev.warden.localorg..", "com.sun.net.httpserver..", "java.net.http.."))
                .because("the Apex runtime reaches an org only through its ApexHost SPI");
    }

    @Test
    void theCoreOfTheOrgNamesNoWireProtocol() {
        coreKnowsNoWire(ROOT)
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(ROOT));
    }

    @Test
    void theWirePackagesFormNoCycle() {
        noCyclesAmongWirePackages(ROOT)
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(ROOT));
    }

    @Test
    void aPlantedServerThatNamesARestPackageNamingItBackFails() {
        JavaClasses planted = new ClassFileImporter().importPackages(PLANTED);
        EvaluationResult r = noCyclesAmongWirePackages(PLANTED).evaluate(planted);
        assertTrue(r.hasViolation(), "the planted server ↔ rest cycle must be reported");
        String report = r.getFailureReport().toString();
        assertTrue(report.contains("PlantedRouteTable") && report.contains("PlantedRestApi"), report);
    }

    @Test
    void theApexRuntimeKnowsNoHttpAndNoLocalOrg() {
        apexRuntimeKnowsNoHttpAndNoOrg()
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.warden.apex"));
    }

    @Test
    void aPlantedModelClassThatReadsAnHttpExchangeFails() {
        JavaClasses planted = new ClassFileImporter().importPackages(PLANTED);
        EvaluationResult r = coreKnowsNoWire(PLANTED).evaluate(planted);
        assertTrue(r.hasViolation(), "the planted violation must be reported");
        String report = r.getFailureReport().toString();
        assertTrue(
                report.contains("PlantedRecord") && report.contains("PlantedRoute") && report.contains("HttpExchange"),
                report);
    }
}
