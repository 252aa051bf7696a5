package dev.warden.runner.blueprint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespace of the installed Warden package, or none (source deployed unnamespaced, or an unlocked package
 * without one). A managed package's components carry it: {@code <ns>__Scan_Request__c}, {@code <ns>__Warden_Integration},
 * {@code /services/apexrest/<ns>/warden/v1/...} (design.md, "Package contract"). Pure: the runner's core keeps the
 * contract's names and the namespace is applied where names meet the org.
 *
 * @param prefix the namespace prefix, or null for none
 */
public record Namespace(String prefix) {
    public static final Namespace NONE = new Namespace(null);

    /** Salesforce: 1-15 characters, letters, digits and single underscores, starting with a letter. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*");

    /**
     * A custom object, field, event, metadata type or relationship name not yet qualified: single underscores only in
     * its base, so {@code ns__Scan_Request__c} (already qualified) and standard names never match.
     */
    private static final Pattern CUSTOM_NAME =
            Pattern.compile("(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__(?:c|e|mdt|r))(?![A-Za-z0-9_])");

    public Namespace {
        if (prefix != null && prefix.isEmpty()) {
            prefix = null;
        }
        if (prefix != null && (prefix.length() > 15 || !VALID.matcher(prefix).matches() || prefix.endsWith("_"))) {
            throw new IllegalArgumentException(
                    "'" + prefix
                            + "' is not a namespace prefix: 1-15 letters, digits or single underscores, starting with a letter");
        }
    }

    /** {@code null} or empty is {@link #NONE}. */
    public static Namespace of(String prefix) {
        return prefix == null || prefix.isBlank() ? NONE : new Namespace(prefix.strip());
    }

    public boolean none() {
        return prefix == null;
    }

    /** {@code Warden_Integration} → {@code ns__Warden_Integration}; unchanged without a namespace or when qualified. */
    public String qualify(String componentName) {
        if (none() || componentName == null || componentName.startsWith(prefix + "__")) {
            return componentName;
        }
        return prefix + "__" + componentName;
    }

    /** Every custom name in a SOQL text or a REST path ({@code X__c}, {@code X__r}, {@code X__e}, {@code X__mdt}), qualified. */
    public String qualifyCustomNames(String text) {
        if (none() || text == null) {
            return text;
        }
        Matcher m = CUSTOM_NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(prefix + "__" + m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A name the org answered with, back to the contract's: {@code ns__Status__c} → {@code Status__c}. */
    public String unqualify(String name) {
        return none() || name == null || !name.startsWith(prefix + "__") ? name : name.substring(prefix.length() + 2);
    }

    /** {@code warden/v1/verdicts} → {@code ns/warden/v1/verdicts}: a managed package's Apex REST URLs carry the namespace. */
    public String apexRestPath(String path) {
        String p = path.replaceFirst("^/", "");
        return none() || p.startsWith(prefix + "/") ? p : prefix + "/" + p;
    }

    @Override
    public String toString() {
        return none() ? "(none)" : prefix;
    }
}
