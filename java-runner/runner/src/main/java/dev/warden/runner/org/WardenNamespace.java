package dev.warden.runner.org;

import dev.warden.runner.blueprint.Namespace;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The namespace the commands run in, and where it came from: given ({@code --namespace NS}, {@code --no-namespace}),
 * or read off the org's installed packages ({@link InstalledPackage}, the one Tooling query {@code up --package} also
 * sends). Pure: the rows in, the choice out.
 *
 * <p>Warden's package is the installed package whose {@code SubscriberPackage.Name} is the project's package name
 * (sfdx-project.json's default package directory, {@code Warden}; what {@code sf package create --name} gave it). The
 * package's components would be a firmer mark (the namespace holding {@code Scan_Request__c}), but an
 * {@code InstalledSubscriberPackage} row lists none, and finding the object's namespace is a second call.
 *
 * @param namespace the namespace to run in
 * @param source where it came from, in words, for the report
 * @param pkg the installed Warden package it was read from, or null
 */
public record WardenNamespace(Namespace namespace, String source, InstalledPackage pkg) {
    /** The package name when the project does not name one (the repository's sfdx-project.json does: Warden). */
    public static final String DEFAULT_PACKAGE_NAME = "Warden";

    /** {@code --namespace NS}; {@code --namespace ''} and {@code --no-namespace} are none. No call. */
    public static WardenNamespace given(Namespace ns, String option) {
        return new WardenNamespace(ns, option, null);
    }

    /**
     * From the installed packages: the namespace of the one named {@code packageName} (case-insensitive, as Salesforce
     * compares names). Several such packages in different namespaces (a renamed copy, a second publisher): the first by
     * namespace, said so. None installed: unnamespaced, the source deploy. An installed namespaced package wins over
     * an unnamespaced source deploy in the same org (the install is what an admin put there on purpose; the source
     * deploy is a developer's): the source says so and how to choose the other.
     */
    public static WardenNamespace fromInstalled(List<InstalledPackage> installed, String packageName) {
        List<InstalledPackage> named = installed.stream()
                .filter(p -> p.packageName() != null && p.packageName().equalsIgnoreCase(packageName))
                .sorted(Comparator.comparing((InstalledPackage p) ->
                        p.namespace() == null ? "" : p.namespace().toLowerCase(Locale.ROOT)))
                .toList();
        if (named.isEmpty()) {
            return new WardenNamespace(
                    Namespace.NONE,
                    "no installed package named " + packageName + ": unnamespaced (a source deploy)",
                    null);
        }
        List<InstalledPackage> namespaced =
                named.stream().filter(p -> p.namespace() != null).toList();
        if (namespaced.isEmpty()) {
            InstalledPackage p = named.get(0);
            return new WardenNamespace(Namespace.NONE, "installed package " + label(p) + ", which has no namespace", p);
        }
        InstalledPackage p = namespaced.get(0);
        String source = "installed package " + label(p);
        if (namespaced.size() > 1) {
            source += "; " + namespaced.size() + " installed packages are named " + packageName + " ("
                    + String.join(
                            ", ",
                            namespaced.stream().map(InstalledPackage::namespace).toList())
                    + "): the first by namespace; pass --namespace to choose";
        }
        source += "; an unnamespaced source deploy in this org is not used (--no-namespace uses it)";
        return new WardenNamespace(Namespace.of(p.namespace()), source, p);
    }

    private static String label(InstalledPackage p) {
        return p.packageName() + (p.versionNumber() == null ? "" : " " + p.versionNumber()) + " (" + p.versionId()
                + ")";
    }

    /** The report's entry: {@code {"prefix": "wdn" or null, "source": "..."}}. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", namespace.none() ? null : namespace.prefix());
        m.put("source", source);
        return m;
    }
}
