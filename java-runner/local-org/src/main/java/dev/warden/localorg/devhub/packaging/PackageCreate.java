package dev.warden.localorg.devhub.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.model.Ids;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST tooling/sobjects/Package2} (sf package create, devhub-packaging-wire.md 6): a Managed or Unlocked
 * package on this hub. A namespace must be linked to the hub ({@link HubNamespaces}); a Managed package needs one.
 */
final class PackageCreate {
    static final Set<String> CREATEABLE = Set.of(
            "Name", "Description", "NamespacePrefix", "ContainerOptions", "IsOrgDependent", "PackageErrorUsername");
    static final List<String> CONTAINER_OPTIONS = List.of("Managed", "Unlocked");

    private PackageCreate() {}

    static Response create(Request req) {
        JsonNode body = req.json();
        Org hub = req.org();
        body.fieldNames().forEachRemaining(f -> {
            if (!CREATEABLE.contains(f)) {
                throw new OrgException(
                        "INVALID_FIELD", "No such column '" + f + "' on sobject of type Package2", List.of(f));
            }
        });
        String name = body.path("Name").asText("").strip();
        if (name.isEmpty()) {
            throw new OrgException("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name"));
        }
        String container = body.path("ContainerOptions").asText("");
        if (!CONTAINER_OPTIONS.contains(container)) {
            // sf rewrites this code into its "invalid package type" message.
            throw new OrgException(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "Container Options: bad value for restricted picklist field: " + container,
                    List.of("ContainerOptions"));
        }
        String namespace = body.path("NamespacePrefix").asText("").strip();
        boolean orgDependent = body.path("IsOrgDependent").asBoolean(false);
        if (container.equals("Managed") && namespace.isEmpty()) {
            // Salesforce refuses a managed 2GP package without a namespace; wording UNCONFIRMED.
            throw new OrgException(
                    "INVALID_INPUT",
                    "A managed package requires a namespace. Link a namespace to your Dev Hub and set \"namespace\" in"
                            + " sfdx-project.json.",
                    List.of("NamespacePrefix"));
        }
        if (container.equals("Managed") && orgDependent) {
            // Org-dependent packages are unlocked only (DOC pkg2_dev); wording UNCONFIRMED.
            throw new OrgException(
                    "INVALID_INPUT",
                    "Only unlocked packages can be org-dependent. Remove --org-dependent or create an unlocked"
                            + " package.",
                    List.of("IsOrgDependent"));
        }
        if (!namespace.isEmpty() && !HubNamespaces.linked(hub, namespace)) {
            // The words Salesforce uses for an unlinked namespace at scratch-org signup ("Did you register it in
            // your Dev Hub org?"); that Package2 answers the same way is UNCONFIRMED.
            throw new OrgException(
                    "INVALID_INPUT",
                    "We don’t recognize this namespace: " + namespace + ". Did you register it in your Dev Hub org?",
                    List.of("NamespacePrefix"));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Name", name);
        values.put("Description", body.path("Description").asText(""));
        values.put("NamespacePrefix", namespace.isEmpty() ? null : namespace);
        values.put("ContainerOptions", container);
        values.put("IsOrgDependent", orgDependent);
        values.put("PackageErrorUsername", body.path("PackageErrorUsername").asText(null));
        values.put("IsDeprecated", false);
        values.put("AppAnalyticsEnabled", false);
        dev.warden.localorg.data.Caller caller =
                dev.warden.localorg.data.Caller.system(req.session().userId());
        String id = hub.db().insert(caller, PackagingObjects.PACKAGE2, values);
        // The subscriber package (033) is the installable identity of the package; local: derived from the 0Ho.
        hub.db().update(caller, id, Map.of("SubscriberPackageId", Ids.to18("033" + id.substring(3, 15))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("success", true);
        out.put("errors", List.of());
        return Response.json(201, out);
    }
}
