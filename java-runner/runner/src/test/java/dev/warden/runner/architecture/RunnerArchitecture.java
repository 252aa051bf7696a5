package dev.warden.runner.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The runner's boundaries as rules over a package root ({@code dev.warden.runner} for the product; the planted
 * fixtures use their own root so the tests can show each rule failing).
 */
final class RunnerArchitecture {
    private RunnerArchitecture() {}

    /** The pure core: desired state, planning, checks, audit rules. No I/O adapter, no command, no report type. */
    static final List<String> PURE = List.of("blueprint", "plan", "verify", "audit");

    /** Everything that is an adapter to a Salesforce API or the sf CLI. */
    static final String ADAPTERS = "salesforce";

    /** The local org's public API: what the runner may name of it (it starts the org, then talks HTTP to it). */
    static final List<String> LOCAL_ORG_API =
            List.of("dev.warden.localorg.LocalOrg", "dev.warden.localorg.LocalOrgOptions");

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)")
                .should()
                .beFreeOfCycles()
                .because("cli -> flow -> ports -> adapters runs one way; a cycle means two packages are one");
    }

    static ArchRule onlyTheLocalOrgsPublicApi(String root) {
        DescribedPredicate<JavaClass> internal = resideInAPackage("dev.warden.localorg..")
                .and(not(DescribedPredicate.describe(
                        "LocalOrg or LocalOrgOptions",
                        (JavaClass c) -> LOCAL_ORG_API.stream()
                                .anyMatch(api ->
                                        c.getName().equals(api) || c.getName().startsWith(api + "$")))));
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .dependOnClassesThat(internal)
                .because(
                        "the runner starts the local org through LocalOrg.start and then talks to it over HTTP like to any org");
    }

    static ArchRule pureCoreImportsNoAdapterOrReport(String root) {
        String[] pure = PURE.stream()
                .map(p -> root + "." + p + (p.equals("audit") ? "" : ".."))
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAnyPackage(pure)
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                        root + "." + ADAPTERS + "..",
                        root + ".connect..",
                        root + ".cli..",
                        root + ".flow..",
                        root + ".report..",
                        root + ".provision..",
                        root + ".quarantine..",
                        "java.net.http..",
                        "com.sforce..",
                        "picocli..",
                        "dev.warden.localorg.."))
                .because(
                        "blueprint, plan, verify and the audit rules are pure: values in, values out, testable without an org");
    }

    static ArchRule layersRunOneWay(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + "." + ADAPTERS + "..", root + ".connect..", root + ".flow..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(root + ".cli.."))
                .orShould()
                .dependOnClassesThat(
                        resideInAnyPackage(root + ".report..").and(not(resideInAnyPackage(root + ".flow.."))))
                .because(
                        "commands compose flows, flows use ports, adapters implement them; nothing below a command knows one");
    }

    static ArchRule adaptersKnowNoFlow(String root) {
        return noClasses()
                .that()
                .resideInAnyPackage(root + "." + ADAPTERS + "..", root + ".connect..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(root + ".flow..", root + ".report.."))
                .because("adapters and the composition root sit below the flows");
    }

    /**
     * One client per Salesforce API: only the REST client and the OAuth (JWT bearer) login build requests or read
     * responses. The composition root may create the shared connection pool ({@code HttpClient}) it hands them.
     */
    static ArchRule onlyTheRestClientTalksHttp(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and(DescribedPredicate.describe(
                        "are not the REST client",
                        (JavaClass c) -> !c.getName().equals(root + "." + ADAPTERS + ".rest.RestClient")
                                && !c.getName().startsWith(root + "." + ADAPTERS + ".rest.RestClient$")))
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "HTTP requests or responses",
                        (JavaClass c) -> c.getName().startsWith("java.net.http.HttpRequest")
                                || c.getName().startsWith("java.net.http.HttpResponse")
                                || c.getName().equals("java.net.HttpURLConnection")))
                .because(
                        "every Salesforce call goes through one client with one budget, call counter and retry policy");
    }
}
