package dev.warden.localorg.devhub.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.server.Json;
import dev.warden.localorg.server.Request;
import dev.warden.localorg.server.Response;
import dev.warden.localorg.setup.Org;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH tooling/sobjects/Package2Version/{05i}}: {@code sf package version promote} ({@code IsReleased:true}),
 * {@code version update} (Name, Description, Branch, Tag, InstallKey) and {@code version delete}
 * ({@code IsDeprecated:true}). Promotion enforces what Salesforce enforces (devhub-packaging-wire.md 10, 18): a
 * validated version, code coverage computed at creation, at least 75% of it and no trigger without coverage
 * (org-dependent unlocked packages are exempt from coverage, DOC), one released version per major.minor.patch.
 */
final class VersionUpdate {
    static final Set<String> UPDATEABLE =
            Set.of("IsReleased", "Name", "Description", "Branch", "Tag", "InstallKey", "IsDeprecated");

    private VersionUpdate() {}

    static Response update(Request req) {
        Org hub = req.org();
        Record v = ToolingRecords.live(req, PackagingObjects.PACKAGE2_VERSION, req.pathGroup(2));
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(req.body());
        } catch (IOException e) {
            throw new OrgException("JSON_PARSER_ERROR", "The request body is not JSON: " + e.getMessage());
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!UPDATEABLE.contains(f)) {
                throw new OrgException(
                        "INVALID_FIELD_FOR_INSERT_UPDATE",
                        "Unable to create/update fields: " + f
                                + ". Please check the security settings of this field and verify that it is read/write"
                                + " for your profile or permission set.",
                        List.of(f));
            }
        });
        Caller caller = Caller.system(req.session().userId());
        synchronized (hub) {
            Map<String, Object> changes = new LinkedHashMap<>();
            Map<String, Object> spvChanges = new LinkedHashMap<>();
            if (body.has("IsReleased")) {
                boolean release = body.path("IsReleased").asBoolean(false);
                if (release && !v.is("IsReleased")) {
                    PromotionRules.check(hub, v);
                    changes.put("IsReleased", true);
                    spvChanges.put("IsBeta", false);
                    spvChanges.put("ReleaseState", "Released");
                } else if (!release && v.is("IsReleased")) {
                    // Promotion is irreversible (DOC); wording UNCONFIRMED.
                    throw new OrgException(
                            "INVALID_OPERATION",
                            "A released package version can't be changed back to beta.",
                            List.of("IsReleased"));
                }
            }
            for (String f : List.of("Name", "Description", "Branch", "Tag")) {
                if (body.has(f)) {
                    changes.put(f, body.get(f).isNull() ? null : body.get(f).asText());
                }
            }
            if (body.has("Name")) {
                spvChanges.put("Name", changes.get("Name"));
            }
            String keyHash = null;
            boolean keyChanged = body.has("InstallKey");
            if (keyChanged) {
                String key = body.get("InstallKey").isNull()
                        ? null
                        : body.get("InstallKey").asText();
                key = key == null || key.isEmpty() ? null : key;
                keyHash = VersionRecords.sha256(key);
                changes.put("IsPasswordProtected", key != null);
                spvChanges.put("IsPasswordProtected", key != null);
            }
            if (body.path("IsDeprecated").asBoolean(false)) {
                changes.put("IsDeprecated", true);
                spvChanges.put("IsDeprecated", true);
            }
            if (!changes.isEmpty()) {
                hub.db().update(caller, v.id(), changes);
            }
            String spvId = v.getString("SubscriberPackageVersionId");
            if (!spvChanges.isEmpty() && spvId != null && hub.db().live(spvId) != null) {
                hub.db().update(caller, spvId, spvChanges);
            }
            syncRegistry(spvId, changes, keyChanged, keyHash);
            relabel(spvId, changes);
        }
        return Response.empty(204);
    }

    private static void relabel(String spvId, Map<String, Object> changes) {
        if (!changes.containsKey("Name") && !changes.containsKey("Description")) {
            return;
        }
        PackageVersions registry = PackageVersions.inThisProcess();
        registry.labels(spvId)
                .ifPresent(l -> registry.putLabels(new PackageVersionLabels(
                        l.subscriberPackageVersionId(),
                        changes.containsKey("Name") ? (String) changes.get("Name") : l.versionName(),
                        changes.containsKey("Description") ? (String) changes.get("Description") : l.description(),
                        l.subscriberPackageId(),
                        l.orgDependent(),
                        l.publisherName())));
    }

    /** The registry (what subscriber orgs install from) follows the hub's record. */
    private static void syncRegistry(String spvId, Map<String, Object> changes, boolean keyChanged, String keyHash) {
        PackageVersions registry = PackageVersions.inThisProcess();
        PackageVersion pv = registry.find(spvId).orElse(null);
        if (pv == null) {
            return;
        }
        if (Boolean.TRUE.equals(changes.get("IsReleased"))) {
            pv = pv.promoted();
        }
        if (keyChanged) {
            pv = new PackageVersion(
                    pv.subscriberPackageVersionId(),
                    pv.package2VersionId(),
                    pv.package2Id(),
                    pv.packageName(),
                    pv.namespacePrefix(),
                    pv.containerType(),
                    pv.versionNumber(),
                    pv.ancestorId(),
                    keyHash,
                    pv.released(),
                    pv.codeCoveragePercent(),
                    pv.hasPassedCodeCoverageCheck(),
                    pv.validationSkipped(),
                    pv.metadataZip());
        }
        registry.put(pv);
    }
}
