package dev.warden.localorg.devhub.packaging;

import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The namespaces linked to a Dev Hub (its NamespaceRegistry records). On Salesforce a namespace is registered in a
 * Developer Edition org and then linked to the hub in its UI; the local hub has an admin call instead:
 * {@code POST /_local/devhub/namespace {"prefix":"wdn"}}. A namespaced package can only be created for a linked one.
 */
final class HubNamespaces {
    private HubNamespaces() {}

    static boolean linked(Org hub, String prefix) {
        return find(hub, prefix) != null;
    }

    private static Record find(Org hub, String prefix) {
        return hub.db().rows(PackagingObjects.NAMESPACE_REGISTRY, false).stream()
                .filter(r -> prefix.equalsIgnoreCase(r.getString("NamespacePrefix")))
                .findFirst()
                .orElse(null);
    }

    /** {@code POST /_local/devhub/namespace {"prefix"}}: links the namespace to this hub (idempotent). */
    static Response link(Request req) {
        String prefix = req.json().path("prefix").asText("");
        if (!validPrefix(prefix)) {
            throw new OrgException(
                    "INVALID_INPUT",
                    "A namespace prefix is 1-15 letters, digits and single underscores, starting with a letter and"
                            + " not ending with an underscore: " + prefix);
        }
        Org hub = req.org();
        Record existing = find(hub, prefix);
        String id = existing != null
                ? existing.id()
                : hub.db()
                        .insert(
                                hub.system(),
                                PackagingObjects.NAMESPACE_REGISTRY,
                                Map.of("NamespacePrefix", prefix, "RegisteredOrgId", hub.orgId()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("prefix", prefix);
        body.put("created", existing == null);
        return Response.json(existing == null ? 201 : 200, body);
    }

    /** {@code GET /_local/devhub/namespace}: the linked prefixes. */
    static Response list(Request req) {
        List<String> prefixes = req.org().db().rows(PackagingObjects.NAMESPACE_REGISTRY, false).stream()
                .map(r -> r.getString("NamespacePrefix"))
                .sorted()
                .toList();
        return Response.json(200, Map.of("namespaces", prefixes));
    }

    static boolean validPrefix(String p) {
        return p.length() >= 1
                && p.length() <= 15
                && p.matches("[A-Za-z][A-Za-z0-9_]*")
                && !p.contains("__")
                && !p.endsWith("_")
                && !p.toLowerCase(Locale.ROOT).equals("sf");
    }
}
