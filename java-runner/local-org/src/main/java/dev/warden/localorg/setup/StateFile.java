package dev.warden.localorg.setup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.localorg.audit.LoginHistoryWriter;
import dev.warden.localorg.audit.SetupAudit;
import dev.warden.localorg.data.OrgDatabase;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.data.Values;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.model.Schema;
import dev.warden.localorg.model.StandardObjects;
import dev.warden.localorg.rules.Licenses;
import dev.warden.localorg.rules.PlatformRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves an org to a JSON file and loads it back ({@code warden local-org serve --state FILE}): custom types and
 * fields, every record (deleted ones too), published platform events, metadata-held state and the API budget.
 * Tokens are never saved. The file can hold ECA consumer secrets if a deploy set them, so it is written owner-only.
 */
public final class StateFile {
    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateFile() {}

    public static void save(Org org, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        root.put("adminUsername", org.ids().adminUsername());
        List<Map<String, Object>> types = new ArrayList<>();
        for (SObjectType t : org.schema().all()) {
            List<FieldDef> fields = new ArrayList<>();
            for (FieldDef f : t.fields()) {
                if (t.custom() || f.custom()) {
                    fields.add(f);
                }
            }
            if (!t.custom() && fields.isEmpty()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("kind", t.kind().name());
            m.put("label", t.label());
            m.put("pluralLabel", t.pluralLabel());
            m.put("keyPrefix", t.keyPrefix());
            m.put("capabilities", t.capabilities());
            m.put("autoNumberFormat", org.schema().autoNumberFormat(t.name()));
            m.put("fields", fields);
            types.add(m);
        }
        root.put("schema", types);
        Map<String, Object> records = new LinkedHashMap<>();
        for (SObjectType t : org.schema().all()) {
            if (t.kind() == ObjectKind.PLATFORM_EVENT) {
                continue;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Record r : org.db().rows(t.name(), true)) {
                Map<String, Object> row = new LinkedHashMap<>();
                r.toMap().forEach((k, v) -> row.put(k, encode(v)));
                rows.add(row);
            }
            if (!rows.isEmpty()) {
                records.put(t.name(), rows);
            }
        }
        root.put("records", records);
        List<Map<String, Object>> events = new ArrayList<>();
        for (OrgDatabase.PublishedEvent e : org.db().publishedEvents()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("objectName", e.objectName());
            m.put("id", e.id());
            m.put("replayId", e.replayId());
            m.put("publishedAt", encode(e.publishedAt()));
            Map<String, Object> fields = new LinkedHashMap<>();
            e.fields().forEach((k, v) -> fields.put(k, encode(v)));
            m.put("fields", fields);
            events.add(m);
        }
        root.put("platformEvents", events);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("externalClientApps", org.metadata().ecas());
        metadata.put("trustedIpRanges", org.metadata().trustedIpRanges());
        metadata.put("profileLoginIpRanges", org.metadata().allProfileLoginIpRanges());
        metadata.put("settings", org.metadata().allSettings());
        root.put("metadata", metadata);
        root.put(
                "apiUsage",
                Map.of("max", org.apiUsage().max(), "used", org.apiUsage().used()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".local-org-state", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        MAPPER.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads a saved org; throws IOException (or IllegalArgumentException) naming what is wrong with the file. */
    public static Org load(Path file, Clock clock) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        if (root == null || root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException(
                    "state file " + file + " is not a version " + VERSION + " local-org state file");
        }
        Schema schema = StandardObjects.newSchema();
        for (JsonNode t : root.path("schema")) {
            List<FieldDef> fields = MAPPER.convertValue(t.get("fields"), new TypeReference<List<FieldDef>>() {});
            SObjectType existing = schema.get(t.get("name").asText());
            if (existing != null) {
                fields.forEach(f -> schema.putField(existing.name(), f));
                continue;
            }
            schema.define(new ObjectDefinition(
                    t.get("name").asText(),
                    ObjectKind.valueOf(t.get("kind").asText()),
                    t.path("label").asText(null),
                    t.path("pluralLabel").asText(null),
                    t.get("keyPrefix").asText(),
                    MAPPER.convertValue(t.get("capabilities"), SObjectType.Capabilities.class),
                    fields,
                    t.path("autoNumberFormat").isNull()
                            ? null
                            : t.path("autoNumberFormat").asText(null)));
        }
        OrgDatabase db = new OrgDatabase(schema, clock);
        SetupAudit audit = new SetupAudit(db);
        PlatformRules.install(db, audit);
        root.path("records").properties().forEach(e -> {
            for (JsonNode row : e.getValue()) {
                db.restoreRow(e.getKey(), MAPPER.convertValue(row, new TypeReference<Map<String, Object>>() {}));
            }
        });
        for (JsonNode ev : root.path("platformEvents")) {
            Map<String, Object> fields =
                    MAPPER.convertValue(ev.get("fields"), new TypeReference<Map<String, Object>>() {});
            db.restoreEvent(new OrgDatabase.PublishedEvent(
                    ev.get("objectName").asText(),
                    ev.get("id").asText(),
                    ev.get("replayId").asText(),
                    Values.parseDateTime(ev.get("publishedAt").asText()),
                    fields));
        }
        String adminUsername = root.path("adminUsername").asText();
        Org.SeedIds ids = seedIds(db, adminUsername);
        OrgMetadata metadata = new OrgMetadata(db, audit);
        JsonNode md = root.path("metadata");
        metadata.restore(
                MAPPER.convertValue(md.get("externalClientApps"), new TypeReference<List<ExternalClientApp>>() {}),
                MAPPER.convertValue(md.get("trustedIpRanges"), new TypeReference<List<IpRange>>() {}),
                MAPPER.convertValue(md.get("profileLoginIpRanges"), new TypeReference<Map<String, List<IpRange>>>() {}),
                MAPPER.convertValue(md.get("settings"), new TypeReference<Map<String, Map<String, Object>>>() {}));
        Org org = new Org(schema, db, audit, new LoginHistoryWriter(db), metadata, ids);
        org.apiUsage().setMax(root.path("apiUsage").path("max").asInt(ApiUsage.DEFAULT_DAILY_LIMIT));
        org.apiUsage().restoreUsed(root.path("apiUsage").path("used").asInt(0));
        return org;
    }

    private static Org.SeedIds seedIds(OrgDatabase db, String adminUsername) {
        Record orgRow = db.rows("Organization", false).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state file has no Organization record"));
        Record admin = db.findOne("User", "Username", adminUsername);
        if (admin == null) {
            throw new IllegalArgumentException("state file has no admin user " + adminUsername);
        }
        return new Org.SeedIds(
                orgRow.id(),
                admin.id(),
                adminUsername,
                idOf(db, "Profile", "Name", "System Administrator"),
                idOf(db, "Profile", "Name", "Standard User"),
                idOf(db, "Profile", "Name", Licenses.INTEGRATION_PROFILE),
                idOf(db, "UserLicense", "Name", Licenses.SALESFORCE),
                idOf(db, "UserLicense", "Name", Licenses.INTEGRATION),
                idOf(db, "PermissionSetLicense", "DeveloperName", Licenses.API_INTEGRATION_PSL));
    }

    private static String idOf(OrgDatabase db, String object, String field, String value) {
        Record r = db.findOne(object, field, value);
        return r == null ? null : r.id();
    }

    private static Object encode(Object v) {
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return Values.toJson(v);
    }
}
