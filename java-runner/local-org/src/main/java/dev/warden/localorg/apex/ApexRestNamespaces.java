package dev.warden.localorg.apex;

import dev.warden.apex.exec.Program;
import dev.warden.apex.link.ClassInfo;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Apex REST of installed managed packages: a class in namespace {@code wdn} with
 * {@code urlMapping='/warden/v1/verdicts'} answers {@code /services/apexrest/wdn/warden/v1/verdicts} only (Salesforce's
 * Apex REST docs: a managed package's resources are addressed with its namespace); unnamespaced classes answer the
 * path without a prefix, as before. A class's namespace is its ApexClass row's {@code NamespacePrefix}, which a
 * package install sets.
 */
final class ApexRestNamespaces {
    private ApexRestNamespaces() {}

    static ClassInfo resourceFor(Org org, Program program, String path) {
        Map<String, String> namespaceByClass = new HashMap<>();
        for (Record r : org.db().rows("ApexClass", false)) {
            String ns = r.getString("NamespacePrefix");
            if (ns != null && !ns.isEmpty() && r.getString("Name") != null) {
                namespaceByClass.put(r.getString("Name").toLowerCase(Locale.ROOT), ns.toLowerCase(Locale.ROOT));
            }
        }
        if (namespaceByClass.isEmpty()) {
            return ApexRest.resourceFor(program, path);
        }
        int slash = path.indexOf('/', 1);
        String first = (slash < 0 ? path.substring(1) : path.substring(1, slash)).toLowerCase(Locale.ROOT);
        if (slash > 0 && namespaceByClass.containsValue(first)) {
            ClassInfo c = ApexRest.resourceFor(
                    program, path.substring(slash), k -> first.equals(namespaceByClass.get(key(k))));
            if (c != null) {
                return c;
            }
        }
        return ApexRest.resourceFor(program, path, k -> !namespaceByClass.containsKey(key(k)));
    }

    private static String key(ClassInfo c) {
        return c.name().toLowerCase(Locale.ROOT);
    }
}
