package dev.warden.localorg.pkg;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A small record store for replaying the scenarios against the model alone: ids by key prefix, ContentVersion
 * inserts that create or extend a ContentDocument (IsLatest moves to the new version), all-or-none transactions by
 * snapshot, and the model's capture hook after inserts and updates. Platform rules beyond these are the local org's
 * job and are exercised by the end-to-end tests.
 */
final class InMemoryPackageOrg implements PackageOrg {
    static final Map<String, String> PREFIXES = Map.of("ContentVersion", "068", "ContentDocument", "069", "FeedItem", "0D5",
            "FeedComment", "0D7", "Attachment", "00P", "Scan_Request__c", "a01", "Quarantine_Item__c", "a02",
            "Scan_Event__e", "e01", "User", "005");

    private Map<String, Map<String, Object>> records = new LinkedHashMap<>();
    private final List<Map<String, Object>> events = new ArrayList<>();
    private long counter;
    private Instant clock = Instant.parse("2026-11-23T01:00:00Z");

    final Map<String, byte[]> staticResources = new HashMap<>();
    final List<Map<String, Object>> policies = new ArrayList<>();
    final Set<String> activeTriggers = new HashSet<>(CaptureModel.TRIGGERS.values());
    final Set<String> classes = new HashSet<>(Set.of(WardenPackageModel.VERDICT_CLASS, WardenPackageModel.RESTORE_CLASS));
    final Map<String, Map<String, Object>> settingsByUser = new HashMap<>();
    final Map<String, Set<String>> permissionsByUser = new HashMap<>();
    final Map<String, Set<String>> readable = new HashMap<>();
    final Map<String, Set<String>> editable = new HashMap<>();
    /** Objects whose inserts and updates "Salesforce" refuses (a validation rule, a lock), to prove the rollback. */
    final Set<String> refuseWritesOn = new HashSet<>();
    WardenPackageModel model;

    private void refuseIfAsked(String objectName) {
        if (refuseWritesOn.contains(objectName)) {
            // Apex reports DmlException.getDmlMessage(0): the validation rule's message, without the status code.
            throw new IllegalStateException(objectName + " records are locked while under review.");
        }
    }

    @Override
    public Optional<byte[]> staticResource(String name) {
        return Optional.ofNullable(staticResources.get(name));
    }

    @Override
    public List<Map<String, Object>> customMetadata(String type) {
        return "Protection_Policy__mdt".equals(type) ? policies : List.of();
    }

    @Override
    public boolean triggerActive(String triggerName) {
        return activeTriggers.contains(triggerName);
    }

    @Override
    public boolean apexClassDeployed(String className) {
        return classes.contains(className);
    }

    @Override
    public Map<String, Object> hierarchySetting(String settingObject, String userId) {
        return settingsByUser.getOrDefault(userId, Map.of());
    }

    @Override
    public boolean hasCustomPermission(String userId, String permission) {
        return permissionsByUser.getOrDefault(userId, Set.of()).contains(permission);
    }

    @Override
    public boolean canRead(String userId, String objectName) {
        return readable.getOrDefault(userId, Set.of()).contains(objectName);
    }

    @Override
    public boolean canEdit(String userId, String objectName) {
        return editable.getOrDefault(userId, Set.of()).contains(objectName);
    }

    @Override
    public String objectOf(String id) {
        if (id == null || id.length() < 3) {
            return null;
        }
        for (Map.Entry<String, String> e : PREFIXES.entrySet()) {
            if (id.startsWith(e.getValue())) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    public Map<String, Object> get(String id) {
        Map<String, Object> r = records.get(id);
        return r == null ? null : new LinkedHashMap<>(r);
    }

    @Override
    public List<Map<String, Object>> findBy(String objectName, String field, Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : records.values()) {
            if (objectName.equals(r.get("_type")) && value.equals(r.get(field))) {
                out.add(new LinkedHashMap<>(r));
            }
        }
        return out;
    }

    List<Map<String, Object>> all(String objectName) {
        return records.values().stream().filter(r -> objectName.equals(r.get("_type"))).map(LinkedHashMap::new)
                .map(m -> (Map<String, Object>) m).toList();
    }

    List<Map<String, Object>> events() {
        return List.copyOf(events);
    }

    /** Fields a policy may name that the object lacks (everything else counts as existing in this small store). */
    final Map<String, Set<String>> missingFields = new HashMap<>();

    @Override
    public boolean hasField(String objectName, String field) {
        return missingFields.getOrDefault(objectName, Set.of()).stream().noneMatch(field::equalsIgnoreCase);
    }

    String newId(String objectName) {
        counter++;
        return PREFIXES.get(objectName) + String.format("%012d", counter) + "AAA";
    }

    @Override
    public String insert(String userId, String objectName, Map<String, Object> values) {
        refuseIfAsked(objectName);
        String id = newId(objectName);
        clock = clock.plusMillis(1);
        if ("Scan_Event__e".equals(objectName)) {
            Map<String, Object> e = new LinkedHashMap<>(values);
            e.put("Id", id);
            events.add(e);
            return id;
        }
        Map<String, Object> r = new LinkedHashMap<>(values);
        r.put("_type", objectName);
        r.put("Id", id);
        r.put("CreatedDate", clock);
        r.put("CreatedById", userId);
        if ("ContentVersion".equals(objectName)) {
            Object doc = r.get("ContentDocumentId");
            if (doc == null) {
                String docId = newId("ContentDocument");
                records.put(docId, new LinkedHashMap<>(Map.of("_type", "ContentDocument", "Id", docId)));
                r.put("ContentDocumentId", docId);
            } else {
                if (records.get(doc.toString()) == null) {
                    throw new IllegalStateException("INVALID_CROSS_REFERENCE_KEY: ContentDocumentId " + doc);
                }
                records.values().stream().filter(v -> doc.equals(v.get("ContentDocumentId"))).forEach(v -> v.put("IsLatest", false));
            }
            r.put("IsLatest", true);
            if (r.get("VersionData") instanceof String s) {
                r.put("VersionData", s.getBytes(StandardCharsets.UTF_8));
            }
        }
        records.put(id, r);
        if (model != null) {
            model.afterChange(objectName, userId, null, new LinkedHashMap<>(r));
        }
        return id;
    }

    @Override
    public void update(String userId, String id, Map<String, Object> values) {
        Map<String, Object> r = records.get(id);
        if (r == null) {
            throw new IllegalStateException("ENTITY_IS_DELETED: entity is deleted");
        }
        refuseIfAsked((String) r.get("_type"));
        Map<String, Object> before = new LinkedHashMap<>(r);
        r.putAll(values);
        if (model != null) {
            model.afterChange((String) r.get("_type"), userId, before, new LinkedHashMap<>(r));
        }
    }

    @Override
    public void delete(String userId, String id) {
        Map<String, Object> r = records.remove(id);
        if (r != null && "ContentDocument".equals(r.get("_type"))) {
            records.values().removeIf(v -> id.equals(v.get("ContentDocumentId")));
        }
    }

    @Override
    public <T> T transaction(Supplier<T> work) {
        Map<String, Map<String, Object>> snapshot = new LinkedHashMap<>();
        records.forEach((k, v) -> snapshot.put(k, new LinkedHashMap<>(v)));
        int eventCount = events.size();
        try {
            return work.get();
        } catch (RuntimeException e) {
            records = snapshot;
            events.subList(eventCount, events.size()).clear();
            throw e;
        }
    }

    @Override
    public Instant now() {
        return clock;
    }

    /** The latest version of a ContentDocument. */
    Map<String, Object> latestVersion(String documentId) {
        return records.values().stream().filter(v -> documentId.equals(v.get("ContentDocumentId")) && Boolean.TRUE.equals(v.get("IsLatest")))
                .findFirst().map(LinkedHashMap::new).orElse(null);
    }
}
