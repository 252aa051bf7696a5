package dev.warden.runner.cli;

import dev.warden.runner.salesforce.sfcli.SfCliException;
import dev.warden.runner.salesforce.sfcli.SfPackages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warden package version}: a 2GP package version of force-app through sf, optionally promoted. */
@Command(
        name = "package",
        mixinStandardHelpOptions = true,
        header = "Build Warden's 2GP package versions (through sf).",
        subcommands = PackageCommand.Version.class,
        description = "Wraps sf package version create / report / promote on the Dev Hub.")
public final class PackageCommand extends CommandGroup {

    @Command(
            name = "version",
            header = "Create a package version, report it as a table, optionally promote it.",
            description =
                    "Runs `sf package version create` for the project's package (sfdx-project.json: the default package"
                            + " directory's `package`), then `sf package version report`, and with --promote `sf package version"
                            + " promote`. Prints the version number, the 04t id, the code coverage the Dev Hub measured (never"
                            + " estimated here) and the checks. Salesforce's refusals are shown in its words, with what to do.",
            footer = {
                "%nEXAMPLES",
                "  warden package version --code-coverage --installation-key-bypass --target-dev-hub devhub",
                "  warden package version --code-coverage --promote --installation-key \"$KEY\" --json"
            })
    public static final class Version extends BaseCommand {
        @Option(
                names = {"-v", "--target-dev-hub"},
                paramLabel = "HUB",
                order = 3,
                description =
                        "Dev Hub alias or username known to sf (default: sf's target-dev-hub), or 'local' for the embedded org.")
        String devHub;

        @Option(
                names = {"-p", "--package"},
                paramLabel = "NAME",
                order = 4,
                description = "Package name or 0Ho id (default: the default package directory's package).")
        String packageName;

        @Option(
                names = "--code-coverage",
                order = 5,
                description = "Run the package's Apex tests and store the coverage.")
        boolean codeCoverage;

        @Option(names = "--promote", order = 6, description = "Promote the new version to released.")
        boolean promote;

        @Option(
                names = {"-k", "--installation-key"},
                paramLabel = "KEY",
                order = 7,
                description = "Installation key the version needs to be installed (never printed).")
        String installationKey;

        @Option(names = "--installation-key-bypass", order = 8, description = "Create the version without a key.")
        boolean installationKeyBypass;

        @Option(
                names = "--wait",
                paramLabel = "MINUTES",
                order = 9,
                defaultValue = "30",
                description = "Minutes to wait for the version (default: ${DEFAULT-VALUE}).")
        int waitMinutes;

        @Override
        protected String reportName() {
            return "package version";
        }

        @Override
        protected void run(Context ctx) {
            if ((installationKey == null) == !installationKeyBypass) {
                throw new BadInputException("pass exactly one of --installation-key KEY and --installation-key-bypass");
            }
            if (installationKey != null && installationKey.isBlank()) {
                throw new BadInputException("--installation-key is empty");
            }
            if (targetOrg != null) {
                throw new BadInputException(
                        "package version runs on the Dev Hub: pass --target-dev-hub, not --target-org");
            }
            if (waitMinutes < 1) {
                throw new BadInputException("--wait must be at least 1 minute, not " + waitMinutes);
            }
            String pkg = packageName != null
                    ? packageName
                    : ProjectPackages.read(projectDir()).defaultPackage();
            DevHub onHub = ctx.devHub(devHub);
            String hub = onHub.target();
            SfPackages packages = new SfPackages(onHub.sf());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("package", pkg);
            out.put("devHub", hub == null ? "(sf's target-dev-hub)" : hub);
            ctx.report().put("packageVersion", out);
            try {
                ctx.progress().accept("creating a version of " + pkg + (codeCoverage ? " with code coverage" : ""));
                SfPackages.VersionCreated created = packages.createVersion(
                        hub, pkg, installationKey, codeCoverage, Duration.ofMinutes(waitMinutes));
                out.put("requestId", created.requestId());
                out.put("status", created.status());
                if (!created.success()) {
                    ctx.report()
                            .fail(
                                    "PackageVersionCreateFailed",
                                    created.errors().isEmpty()
                                            ? "the version request ended " + created.status()
                                            : String.join("; ", created.errors()),
                                    1,
                                    List.of("sf package version create report --package-create-request-id "
                                            + created.requestId() + (hub == null ? "" : " --target-dev-hub " + hub)));
                    return;
                }
                String v04t = created.subscriberPackageVersionId();
                SfPackages.VersionReport report = packages.report(hub, v04t);
                if (promote) {
                    ctx.progress().accept("promoting " + v04t);
                    packages.promote(hub, v04t);
                    report = packages.report(hub, v04t);
                }
                out.putAll(table(created, report));
                ctx.report().put("table", render(table(created, report)));
            } catch (SfCliException e) {
                ctx.report().fail("SalesforceError", e.getMessage(), 1, whatToDo(e.getMessage()));
            }
        }
    }

    /** The rows the command prints: version, 04t, coverage, and the checks promotion depends on. */
    static Map<String, Object> table(SfPackages.VersionCreated created, SfPackages.VersionReport report) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("version", report.version() != null ? report.version() : created.versionNumber());
        t.put("subscriberPackageVersionId", report.subscriberPackageVersionId());
        Double cov = report.codeCoverage() != null ? report.codeCoverage() : created.codeCoverage();
        t.put("codeCoverage", cov == null ? "not measured" : String.format(Locale.ROOT, "%.0f%%", cov));
        Boolean passed = report.passedCodeCoverageCheck() != null
                ? report.passedCodeCoverageCheck()
                : created.passedCodeCoverageCheck();
        t.put("coverageCheck", passed == null ? "not run" : passed ? "passed (>= 75%)" : "FAILED (< 75%)");
        t.put("validation", report.validationSkipped() ? "skipped (cannot be promoted)" : "validated");
        t.put("released", report.released());
        t.put("installUrl", "/packaging/installPackage.apexp?p0=" + report.subscriberPackageVersionId());
        return t;
    }

    static String render(Map<String, Object> rows) {
        int w = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder("\n");
        rows.forEach((k, v) -> sb.append(String.format("  %-" + w + "s  %s%n", k, v)));
        return sb.toString();
    }

    /** What to do about Salesforce's refusals, keyed by its own words (the message itself is shown unchanged). */
    static List<String> whatToDo(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        List<String> actions = new ArrayList<>();
        if (m.contains("previously released") || m.contains("already promoted")) {
            actions.add(
                    "raise versionNumber in sfdx-project.json: only one version per major.minor.patch can be released");
        }
        if (m.contains("code coverage") || m.contains("coverage")) {
            actions.add(
                    "create the version with --code-coverage and Apex tests covering at least 75%, then promote it");
        }
        if (m.contains("skip") && m.contains("validation")) {
            actions.add("create the version without --skip-validation to be able to promote it");
        }
        if (m.contains("installationkey") || m.contains("installation key")) {
            actions.add("pass the version's key with --installation-key, or create it with --installation-key-bypass");
        }
        if (m.contains("dev hub") || m.contains("notadevhub")) {
            actions.add("log in to a Dev Hub: sf org login web --set-default-dev-hub --alias devhub");
        }
        if (m.contains("ancestor")) {
            actions.add("set ancestorVersion in sfdx-project.json to the highest released version (or HIGHEST)");
        }
        if (m.contains("packagealiasnotfound") || m.contains("package alias") || m.contains("no package")) {
            actions.add(
                    "create the package first: sf package create --name Warden --package-type Managed --path force-app");
        }
        return actions;
    }
}
