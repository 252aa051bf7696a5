package dev.warden.runner.cli;

import dev.warden.runner.blueprint.Namespace;
import dev.warden.runner.flow.PackageInstall;
import dev.warden.runner.org.WardenNamespace;
import picocli.CommandLine.Option;

/**
 * Options of the commands that meet the package's names in the org (up, verify, smoke, scan): the namespace is given,
 * or read off the org's installed packages, one Tooling query ({@link WardenNamespace}).
 */
public abstract class WithNamespace extends Commands.WithBlueprint {
    @Option(
            names = "--namespace",
            paramLabel = "NS",
            order = 80,
            description =
                    "Namespace of the Warden package in the org; '' for none (default: the namespace of the"
                            + " installed package named as sfdx-project.json's package, Warden; none when it is not installed).")
    protected String namespace;

    @Option(
            names = "--no-namespace",
            order = 81,
            description = "Run against the unnamespaced source deploy, also where a namespaced package is installed.")
    protected boolean noNamespace;

    /** The namespace the options give, checked before anything runs; null when they give none (the org tells). */
    protected WardenNamespace namespaceOption() {
        if (noNamespace && namespace != null && !namespace.isBlank()) {
            throw new BadInputException("--no-namespace and --namespace " + namespace + " contradict each other");
        }
        if (noNamespace) {
            return WardenNamespace.given(Namespace.NONE, "--no-namespace");
        }
        if (namespace == null) {
            return null;
        }
        try {
            Namespace ns = Namespace.of(namespace);
            return WardenNamespace.given(ns, ns.none() ? "--namespace ''" : "--namespace");
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--namespace " + e.getMessage());
        }
    }

    /**
     * The namespace to run in: the options' (no call), else the installed Warden package's (one Tooling query); put
     * in the report as {@code namespace: {prefix, source}}.
     */
    protected Namespace namespace(Context ctx) {
        WardenNamespace chosen = namespaceOption();
        if (chosen == null) {
            String name = ProjectPackages.packageNameOr(projectDir(), WardenNamespace.DEFAULT_PACKAGE_NAME);
            chosen = WardenNamespace.fromInstalled(PackageInstall.installed(ctx.org()), name);
        }
        return reportNamespace(ctx, chosen);
    }

    static Namespace reportNamespace(Context ctx, WardenNamespace chosen) {
        ctx.report().put("namespace", chosen.summary());
        ctx.progress().accept("namespace " + chosen.namespace() + ": " + chosen.source());
        return chosen.namespace();
    }
}
