package dev.warden.localorg.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Managed-package namespaces in one org's schema, and how code of such a package names its own components. An
 * installed managed package's objects and fields carry its namespace ({@code wdn__Scan_Request__c},
 * {@code wdn__Status__c}); its Apex says {@code Scan_Request__c} and {@code Status__c} and Salesforce resolves them
 * inside the package's namespace. The namespaces are read from the schema itself (a custom object named
 * {@code ns__X__c}), so there is nothing to keep in step.
 *
 * <p>Deviation (documented in docs/local-org.md "Package install and namespaces"): the local Apex runtime has no
 * per-class namespace, so the fallback applies to all Apex of the org — an unnamespaced subscriber class saying
 * {@code Scan_Request__c} would reach {@code wdn__Scan_Request__c}, which Salesforce refuses at compile time. The
 * data APIs (REST, SOAP, Bulk, Tooling) never use it: there the full name is required, as on the platform.
 */
public final class Namespaces {
    private static final Pattern NAMESPACED = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,14})__\\w+__(c|e|mdt|x|b)");
    private static final Pattern CUSTOM_NAME = Pattern.compile("\\w+__(c|e|mdt|x|b|r)", Pattern.CASE_INSENSITIVE);

    private Namespaces() {}

    /** The namespaces of the org's namespaced custom objects, events and custom metadata types (lower case). */
    public static List<String> of(Schema schema) {
        Set<String> out = new LinkedHashSet<>();
        for (SObjectType t : schema.all()) {
            String ns = namespaceOf(t.name());
            if (ns != null) {
                out.add(ns);
            }
        }
        return List.copyOf(out);
    }

    /** The namespace of a component name ({@code wdn} for {@code wdn__Scan_Request__c}), or null. */
    public static String namespaceOf(String apiName) {
        if (apiName == null) {
            return null;
        }
        Matcher m = NAMESPACED.matcher(apiName);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /**
     * The object {@code name} means to code of an installed package: the exact name if the org has it, else the one
     * object {@code ns__name} of an installed namespace; null when neither exists.
     */
    public static SObjectType resolve(Schema schema, String name) {
        SObjectType exact = schema.get(name);
        if (exact != null || name == null || !CUSTOM_NAME.matcher(name).matches() || namespaceOf(name) != null) {
            return exact;
        }
        for (String ns : of(schema)) {
            SObjectType t = schema.get(ns + "__" + name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
