package dev.warden.apex;

import dev.warden.apex.exec.Transaction;
import dev.warden.apex.exec.Triggers;
import dev.warden.apex.host.AccessMode;
import dev.warden.apex.host.ApexHost;
import dev.warden.apex.host.DmlError;
import dev.warden.apex.host.DmlOperation;
import dev.warden.apex.host.DmlRowResult;
import dev.warden.apex.host.HostUser;
import dev.warden.apex.host.ObjectAccess;
import dev.warden.apex.host.SObjectSchema;
import dev.warden.soql.FieldInfo;
import dev.warden.soql.FieldType;
import dev.warden.soql.SObjectInfo;
import dev.warden.soql.SoqlRow;
import dev.warden.soql.SoqlSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A test host: force-app's object metadata plus a minimal set of standard objects, simple record storage (insert,
 * update, delete, savepoints), the StaticResource WardenScenarios, custom metadata from force-app, one admin user.
 * No triggers, no platform rules (ContentDocument creation, ...), no sharing: what it does not model fails in the
 * tests that need it instead of being faked.
 */
final class InMemoryHost implements ApexHost {
    static final String ORG_ID = "00D000000000001AAA";
    static final String ADMIN_ID = "005000000000001AAA";
    static final String PROFILE_ID = "00e000000000001AAA";

    private final Map<String, SObjectSchema> schemas = new LinkedHashMap<>();
    private final Map<String, LinkedHashMap<String, Map<String, Object>>> rows = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final Clock clock = Clock.systemUTC();
    final List<Map<String, Object>> published = new ArrayList<>();

    InMemoryHost() {
        this(ForceApp.ROOT.resolve("objects"));
    }

    /** A host whose custom objects come from another project's {@code objects} directory (measurement only). */
    InMemoryHost(Path objectsDir) {
        standard();
        if (Files.isDirectory(objectsDir)) {
            try (Stream<Path> dirs = Files.list(objectsDir)) {
                int prefix = 0;
                for (Path d : dirs.sorted().toList()) {
                    if (Files.exists(d.resolve(d.getFileName() + ".object-meta.xml"))) {
                        custom(d, String.format("a%02d", prefix++));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        seed();
    }

    // ---- schema

    private void standard() {
        add(
                "User",
                "005",
                SObjectSchema.Kind.STANDARD,
                f("Username"),
                f("LastName"),
                f("FirstName"),
                f("Name"),
                f("Email"),
                f("Alias"),
                ref("ProfileId", "Profile", "Profile"),
                f("TimeZoneSidKey"),
                f("LocaleSidKey"),
                f("EmailEncodingKey"),
                f("LanguageLocaleKey"),
                b("IsActive"));
        add("Profile", "00e", SObjectSchema.Kind.STANDARD, f("Name"));
        add("PermissionSet", "0PS", SObjectSchema.Kind.STANDARD, f("Name"), f("Label"));
        add(
                "PermissionSetAssignment",
                "0Pa",
                SObjectSchema.Kind.STANDARD,
                ref("AssigneeId", "Assignee", "User"),
                ref("PermissionSetId", "PermissionSet", "PermissionSet"));
        add(
                "Account",
                "001",
                SObjectSchema.Kind.STANDARD,
                f("Name"),
                ref("OwnerId", "Owner", "User"),
                f("Description"),
                f("Phone"),
                f("Website"),
                f("Industry"),
                f("Type"),
                FieldInfo.of("NumberOfEmployees", FieldType.INT),
                FieldInfo.of("AnnualRevenue", FieldType.CURRENCY),
                f("BillingStreet"),
                f("BillingCity"),
                f("BillingState"),
                f("BillingPostalCode"),
                f("BillingCountry"),
                f("ShippingStreet"),
                f("ShippingCity"),
                f("ShippingState"),
                f("ShippingPostalCode"),
                f("ShippingCountry"),
                f("AccountNumber"),
                f("TradeStyle"),
                ref("ParentId", "Parent", "Account"));
        add(
                "Contact",
                "003",
                SObjectSchema.Kind.STANDARD,
                f("FirstName"),
                f("LastName"),
                f("Name"),
                f("Email"),
                f("Phone"),
                f("Title"),
                ref("AccountId", "Account", "Account"),
                ref("OwnerId", "Owner", "User"));
        add(
                "Opportunity",
                "006",
                SObjectSchema.Kind.STANDARD,
                f("Name"),
                f("StageName"),
                FieldInfo.of("CloseDate", FieldType.DATE),
                FieldInfo.of("Amount", FieldType.CURRENCY),
                ref("AccountId", "Account", "Account"),
                ref("OwnerId", "Owner", "User"));
        add(
                "EntityDefinition",
                "01I",
                SObjectSchema.Kind.STANDARD,
                f("QualifiedApiName"),
                f("DeveloperName"),
                f("Label"));
        add(
                "Case",
                "500",
                SObjectSchema.Kind.STANDARD,
                f("CaseNumber"),
                f("Subject"),
                f("Status"),
                f("Origin"),
                f("Description"),
                ref("AccountId", "Account", "Account"),
                ref("ContactId", "Contact", "Contact"),
                ref("OwnerId", "Owner", "User"));
        add(
                "Task",
                "00T",
                SObjectSchema.Kind.STANDARD,
                f("Subject"),
                f("Status"),
                f("Priority"),
                ref("WhatId", "What", "Account", "Opportunity", "Case"),
                ref("WhoId", "Who", "Contact"),
                ref("OwnerId", "Owner", "User"),
                FieldInfo.of("ActivityDate", FieldType.DATE));
        add(
                "ContentDocument",
                "069",
                SObjectSchema.Kind.STANDARD,
                f("Title"),
                f("FileType"),
                f("FileExtension"),
                ref("LatestPublishedVersionId", "LatestPublishedVersion", "ContentVersion"),
                ref("OwnerId", "Owner", "User"));
        add(
                "ContentVersion",
                "068",
                SObjectSchema.Kind.STANDARD,
                f("Title"),
                f("PathOnClient"),
                f("Description"),
                new FieldInfo("VersionData", FieldType.BASE64, List.of(), null),
                ref("ContentDocumentId", "ContentDocument", "ContentDocument"),
                ref("FirstPublishLocationId", "FirstPublishLocation", "Account", "User"),
                b("IsLatest"),
                f("FileType"),
                f("FileExtension"),
                new FieldInfo("ContentSize", FieldType.INT, List.of(), null),
                ref("OwnerId", "Owner", "User"),
                f("ReasonForChange"),
                f("ContentLocation"),
                b("IsMajorVersion"));
        add(
                "ContentDocumentLink",
                "06A",
                SObjectSchema.Kind.STANDARD,
                ref("ContentDocumentId", "ContentDocument", "ContentDocument"),
                ref("LinkedEntityId", "LinkedEntity", "Account", "User"),
                f("ShareType"),
                f("Visibility"));
        add(
                "FeedItem",
                "0D5",
                SObjectSchema.Kind.STANDARD,
                ref("ParentId", "Parent", "Account", "User"),
                f("Body"),
                f("Type"),
                ref("RelatedRecordId", "RelatedRecord", "ContentVersion"),
                f("Title"),
                f("LinkUrl"),
                b("IsRichText"));
        add(
                "FeedComment",
                "0D7",
                SObjectSchema.Kind.STANDARD,
                ref("FeedItemId", "FeedItem", "FeedItem"),
                ref("ParentId", "Parent", "Account", "User"),
                f("CommentBody"),
                f("CommentType"),
                ref("RelatedRecordId", "RelatedRecord", "ContentVersion"),
                b("IsRichText"));
        add(
                "Attachment",
                "00P",
                SObjectSchema.Kind.STANDARD,
                ref("ParentId", "Parent", "Account", "User"),
                f("Name"),
                new FieldInfo("Body", FieldType.BASE64, List.of(), null),
                f("ContentType"),
                f("Description"),
                new FieldInfo("BodyLength", FieldType.INT, List.of(), null),
                ref("OwnerId", "Owner", "User"));
        add(
                "StaticResource",
                "081",
                SObjectSchema.Kind.STANDARD,
                f("Name"),
                new FieldInfo("Body", FieldType.BASE64, List.of(), null),
                f("ContentType"));
        add("Organization", "00D", SObjectSchema.Kind.STANDARD, f("Name"), f("NamespacePrefix"), b("IsSandbox"));
    }

    private static FieldInfo f(String n) {
        return FieldInfo.of(n, FieldType.STRING);
    }

    private static FieldInfo b(String n) {
        return FieldInfo.of(n, FieldType.BOOLEAN);
    }

    private static FieldInfo ref(String n, String rel, String... to) {
        return FieldInfo.reference(n, rel, to);
    }

    private void add(String name, String prefix, SObjectSchema.Kind kind, FieldInfo... fields) {
        List<FieldInfo> all = new ArrayList<>();
        all.add(FieldInfo.of("Id", FieldType.ID));
        all.addAll(List.of(fields));
        all.add(FieldInfo.of("CreatedDate", FieldType.DATETIME));
        all.add(FieldInfo.reference("CreatedById", "CreatedBy", "User"));
        all.add(FieldInfo.of("LastModifiedDate", FieldType.DATETIME));
        all.add(FieldInfo.reference("LastModifiedById", "LastModifiedBy", "User"));
        all.add(FieldInfo.of("SystemModstamp", FieldType.DATETIME));
        all.add(FieldInfo.of("IsDeleted", FieldType.BOOLEAN));
        schemas.put(name.toLowerCase(Locale.ROOT), new SObjectSchema(new SObjectInfo(name, all), prefix, kind));
    }

    private static final Pattern TAG = Pattern.compile("<(\\w+)>([^<]*)</\\1>");

    private static Map<String, String> tags(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        Matcher m = TAG.matcher(Files.readString(file));
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2));
        }
        return out;
    }

    private void custom(Path dir, String prefix) throws IOException {
        String name = dir.getFileName().toString();
        SObjectSchema existing = schemas.get(name.toLowerCase(Locale.ROOT));
        Map<String, String> object = tags(dir.resolve(name + ".object-meta.xml"));
        if (Pattern.compile("<nameField>(?:(?!</nameField>).)*<type>AutoNumber</type>", Pattern.DOTALL)
                .matcher(Files.readString(dir.resolve(name + ".object-meta.xml")))
                .find()) {
            autoNumbers.add((name + ".Name").toLowerCase(Locale.ROOT));
        }
        SObjectSchema.Kind kind = name.endsWith("__mdt")
                ? SObjectSchema.Kind.CUSTOM_METADATA
                : name.endsWith("__e")
                        ? SObjectSchema.Kind.PLATFORM_EVENT
                        : "Hierarchy".equals(object.get("customSettingsType"))
                                ? SObjectSchema.Kind.HIERARCHY_SETTING
                                : object.containsKey("customSettingsType")
                                        ? SObjectSchema.Kind.LIST_SETTING
                                        : SObjectSchema.Kind.CUSTOM;
        List<FieldInfo> fields = new ArrayList<>();
        switch (kind) {
            case CUSTOM_METADATA -> {
                fields.add(f("DeveloperName"));
                fields.add(f("MasterLabel"));
                fields.add(f("Label"));
                fields.add(f("QualifiedApiName"));
            }
            case HIERARCHY_SETTING -> {
                fields.add(f("Name"));
                fields.add(ref("SetupOwnerId", "SetupOwner", "User", "Profile", "Organization"));
            }
            case PLATFORM_EVENT -> fields.add(f("ReplayId"));
            default -> {
                fields.add(f("Name"));
                fields.add(ref("OwnerId", "Owner", "User"));
            }
        }
        Path fieldDir = dir.resolve("fields");
        if (Files.isDirectory(fieldDir)) {
            try (Stream<Path> files = Files.list(fieldDir)) {
                for (Path p : files.sorted().toList()) {
                    Map<String, String> t = tags(p);
                    String fn = t.get("fullName");
                    String type = t.get("type");
                    if ("AutoNumber".equals(type)) {
                        autoNumbers.add((name + "." + fn).toLowerCase(Locale.ROOT));
                    }
                    fields.add(
                            switch (type) {
                                case "Number" -> FieldInfo.of(fn, FieldType.DOUBLE);
                                case "Checkbox" -> FieldInfo.of(fn, FieldType.BOOLEAN);
                                case "DateTime" -> FieldInfo.of(fn, FieldType.DATETIME);
                                case "Date" -> FieldInfo.of(fn, FieldType.DATE);
                                case "Lookup", "MasterDetail", "MetadataRelationship" ->
                                    FieldInfo.reference(fn, fn.replace("__c", "__r"), t.get("referenceTo"));
                                case "Picklist" -> FieldInfo.of(fn, FieldType.PICKLIST);
                                case "LongTextArea", "TextArea" -> FieldInfo.of(fn, FieldType.TEXTAREA);
                                default -> FieldInfo.of(fn, FieldType.STRING);
                            });
                }
            }
        }
        if (existing != null) {
            // a standard object extended with custom fields: keep its standard fields and prefix
            List<FieldInfo> merged = new ArrayList<>(existing.info().fields());
            for (FieldInfo fi : fields) {
                if (existing.field(fi.name()) == null) {
                    merged.add(fi);
                }
            }
            schemas.put(
                    name.toLowerCase(Locale.ROOT),
                    new SObjectSchema(new SObjectInfo(existing.name(), merged), existing.keyPrefix(), existing.kind()));
            return;
        }
        add(name, prefix, kind, fields.toArray(new FieldInfo[0]));
    }

    private void seed() {
        insertRaw("Organization", ORG_ID, Map.of("Name", "Warden Test Org"));
        insertRaw("Profile", PROFILE_ID, Map.of("Name", "System Administrator"));
        insertRaw("Profile", newId("Profile"), Map.of("Name", "Standard User"));
        try (Stream<Path> sets = Files.list(ForceApp.ROOT.resolve("permissionsets"))) {
            for (Path p : sets.sorted().toList()) {
                String n = p.getFileName().toString().replace(".permissionset-meta.xml", "");
                insertRaw("PermissionSet", newId("PermissionSet"), Map.of("Name", n, "Label", n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        insertRaw(
                "User",
                ADMIN_ID,
                Map.of(
                        "Username",
                        "admin@warden.test",
                        "LastName",
                        "Admin",
                        "Name",
                        "Admin",
                        "Email",
                        "admin@warden.test",
                        "ProfileId",
                        PROFILE_ID,
                        "IsActive",
                        true));
        try {
            Path res = ForceApp.ROOT.resolve("staticresources/WardenScenarios.json");
            insertRaw(
                    "StaticResource",
                    newId("StaticResource"),
                    Map.of(
                            "Name",
                            "WardenScenarios",
                            "Body",
                            Files.readAllBytes(res),
                            "ContentType",
                            "application/json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void insertRaw(String object, String id, Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.put("Id", id);
        row.put("IsDeleted", false);
        table(object).put(id.substring(0, 15), row);
    }

    private LinkedHashMap<String, Map<String, Object>> table(String object) {
        return rows.computeIfAbsent(object.toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>());
    }

    String newId(String object) {
        SObjectSchema s = describe(object);
        int n = counters.merge(s.keyPrefix(), 1, Integer::sum);
        String id15 = s.keyPrefix() + "0".repeat(12 - String.valueOf(n).length()) + n;
        return dev.warden.apex.value.ApexId.parse(id15).toString();
    }

    // ---- ApexHost

    @Override
    public SObjectSchema describe(String objectName) {
        String k = objectName.toLowerCase(Locale.ROOT);
        return schemas.get(k.startsWith("schema.") ? k.substring(7) : k);
    }

    @Override
    public SObjectSchema describeByKeyPrefix(String keyPrefix) {
        for (SObjectSchema s : schemas.values()) {
            if (s.keyPrefix().equals(keyPrefix)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public SoqlSource soqlSource(AccessMode mode, String userId) {
        return new SoqlSource() {
            @Override
            public SObjectInfo describe(String objectName) {
                SObjectSchema s = InMemoryHost.this.describe(objectName);
                return s == null ? null : s.info();
            }

            @Override
            public Iterable<SoqlRow> rows(String objectApiName, boolean includeDeleted) {
                List<SoqlRow> out = new ArrayList<>();
                for (Map<String, Object> r : table(objectApiName).values()) {
                    out.add(row(objectApiName, r));
                }
                return out;
            }

            @Override
            public SoqlRow byId(String id) {
                SObjectSchema s = describeByKeyPrefix(id.substring(0, 3));
                Map<String, Object> r = s == null ? null : table(s.name()).get(id.substring(0, 15));
                return r == null ? null : row(s.name(), r);
            }
        };
    }

    private static SoqlRow row(String object, Map<String, Object> r) {
        return new SoqlRow() {
            public String objectName() {
                return object;
            }

            public String id() {
                return (String) r.get("Id");
            }

            public Object get(String field) {
                return r.get(field);
            }

            public boolean isDeleted() {
                return false;
            }
        };
    }

    @Override
    public List<DmlRowResult> dml(
            DmlOperation op,
            String objectName,
            List<Map<String, Object>> input,
            boolean allOrNone,
            AccessMode mode,
            String userId) {
        SObjectSchema s = describe(objectName);
        if (mode == AccessMode.USER) {
            ObjectAccess a = objectAccess(userId, s.name());
            boolean allowed = switch (op) {
                case INSERT -> a.creatable();
                case UPDATE -> a.updateable();
                case DELETE -> a.deletable();
                default -> a.creatable() && a.updateable();
            };
            if (!allowed) {
                List<DmlRowResult> refused = new ArrayList<>();
                for (int i = 0; i < input.size(); i++) {
                    refused.add(DmlRowResult.failed(
                            null,
                            new DmlError(
                                    "INSUFFICIENT_ACCESS_OR_READONLY",
                                    "insufficient access rights on object id",
                                    List.of())));
                }
                return refused;
            }
        }
        Object mark = allOrNone ? setSavepoint() : null;
        List<DmlRowResult> out = new ArrayList<>();
        boolean failed = false;
        for (int from = 0; from < input.size(); from += 200) {
            List<Map<String, Object>> chunk = input.subList(from, Math.min(input.size(), from + 200));
            List<DmlRowResult> results = chunk(op, s, chunk, userId);
            failed |= results.stream().anyMatch(r -> !r.success());
            out.addAll(results);
        }
        if (failed && allOrNone) {
            rollback(mark);
        }
        return out;
    }

    /** One chunk of at most 200 rows: before triggers, platform rules, write, after triggers. */
    private List<DmlRowResult> chunk(DmlOperation op, SObjectSchema s, List<Map<String, Object>> input, String userId) {
        List<DmlRowResult> out = new ArrayList<>();
        Instant ts = Instant.now(clock);
        switch (op) {
            case INSERT -> {
                Triggers.Chunk before = fire(s, "before insert", copies(input), List.of());
                List<Map<String, Object>> written = new ArrayList<>();
                List<Integer> writtenAt = new ArrayList<>();
                for (int i = 0; i < before.rows().size(); i++) {
                    Map<String, Object> in = before.rows().get(i);
                    if (!before.errors().get(i).isEmpty()) {
                        out.add(new DmlRowResult(
                                null, false, false, before.errors().get(i)));
                        continue;
                    }
                    String id = newId(s.name());
                    Map<String, Object> row = new LinkedHashMap<>(in);
                    row.put("Id", id);
                    if (s.kind() == SObjectSchema.Kind.HIERARCHY_SETTING) {
                        row.putIfAbsent("SetupOwnerId", ORG_ID);
                    } else {
                        row.putIfAbsent("OwnerId", userId);
                    }
                    row.put("CreatedDate", ts);
                    row.put("CreatedById", userId);
                    row.put("LastModifiedDate", ts);
                    row.put("LastModifiedById", userId);
                    row.put("IsDeleted", false);
                    PlatformRules.beforeInsert(this, s.name(), row, userId);
                    table(s.name()).put(id.substring(0, 15), row);
                    PlatformRules.afterInsert(this, s.name(), row, userId);
                    written.add(new LinkedHashMap<>(row));
                    writtenAt.add(out.size());
                    out.add(DmlRowResult.ok(id, true));
                }
                Triggers.Chunk after = fire(s, "after insert", written, List.of());
                for (int i = 0; i < written.size(); i++) {
                    if (!after.errors().get(i).isEmpty()) {
                        table(s.name())
                                .remove(String.valueOf(written.get(i).get("Id")).substring(0, 15));
                        out.set(
                                writtenAt.get(i),
                                new DmlRowResult(
                                        null, false, false, after.errors().get(i)));
                    }
                }
            }
            case UPDATE -> {
                List<Map<String, Object>> olds = new ArrayList<>();
                List<Map<String, Object>> merged = new ArrayList<>();
                for (Map<String, Object> in : input) {
                    Map<String, Object> row = get(s.name(), String.valueOf(in.get("Id")));
                    if (row == null) {
                        olds.add(null);
                        merged.add(null);
                        continue;
                    }
                    olds.add(new LinkedHashMap<>(row));
                    Map<String, Object> m = new LinkedHashMap<>(row);
                    m.putAll(in);
                    merged.add(m);
                }
                List<Map<String, Object>> present =
                        merged.stream().filter(x -> x != null).toList();
                List<Map<String, Object>> presentOld =
                        olds.stream().filter(x -> x != null).toList();
                Triggers.Chunk before = fire(s, "before update", copies(present), presentOld);
                List<Map<String, Object>> changed = before.rows();
                int k = 0;
                List<Map<String, Object>> written = new ArrayList<>();
                for (int i = 0; i < input.size(); i++) {
                    String id = String.valueOf(input.get(i).get("Id"));
                    if (merged.get(i) == null) {
                        out.add(DmlRowResult.failed(
                                id, new DmlError("ENTITY_IS_DELETED", "entity is deleted", List.of())));
                        continue;
                    }
                    if (!before.errors().get(k).isEmpty()) {
                        out.add(new DmlRowResult(
                                id, false, false, before.errors().get(k++)));
                        continue;
                    }
                    Map<String, Object> row = get(s.name(), id);
                    row.putAll(changed.get(k++));
                    row.put("LastModifiedDate", ts);
                    row.put("LastModifiedById", userId);
                    written.add(new LinkedHashMap<>(row));
                    out.add(DmlRowResult.ok(id, false));
                }
                fire(s, "after update", written, presentOld);
            }
            case DELETE -> {
                List<Map<String, Object>> olds = new ArrayList<>();
                for (Map<String, Object> in : input) {
                    Map<String, Object> row = get(s.name(), String.valueOf(in.get("Id")));
                    if (row != null) {
                        olds.add(new LinkedHashMap<>(row));
                    }
                }
                fire(s, "before delete", List.of(), olds);
                for (Map<String, Object> in : input) {
                    String id = String.valueOf(in.get("Id"));
                    Map<String, Object> removed = table(s.name()).remove(id.substring(0, Math.min(15, id.length())));
                    if (removed == null) {
                        out.add(DmlRowResult.failed(
                                id, new DmlError("ENTITY_IS_DELETED", "entity is deleted", List.of())));
                    } else {
                        PlatformRules.afterDelete(this, s.name(), removed);
                        out.add(DmlRowResult.ok(id, false));
                    }
                }
                fire(s, "after delete", List.of(), olds);
            }
            default -> throw new UnsupportedOperationException("test host: " + op);
        }
        return out;
    }

    private static List<Map<String, Object>> copies(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(new LinkedHashMap<>(r));
        }
        return out;
    }

    private Triggers.Chunk fire(
            SObjectSchema s, String event, List<Map<String, Object>> news, List<Map<String, Object>> olds) {
        Transaction tx = Transaction.current();
        if (tx == null || !Triggers.has(tx.program, s.name(), event)) {
            List<List<DmlError>> none = new ArrayList<>();
            for (int i = 0; i < Math.max(news.size(), olds.size()); i++) {
                none.add(List.of());
            }
            return new Triggers.Chunk(news, none);
        }
        return Triggers.fireChunk(tx, s.name(), event, news, olds);
    }

    Map<String, Object> get(String object, String id) {
        return table(object).get(id.substring(0, Math.min(15, id.length())));
    }

    Map<String, Object> insertSystem(String object, Map<String, Object> values, String userId) {
        String id = newId(object);
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.put("Id", id);
        row.put("CreatedDate", Instant.now(clock));
        row.put("CreatedById", userId);
        row.put("IsDeleted", false);
        table(object).put(id.substring(0, 15), row);
        return row;
    }

    java.util.Collection<Map<String, Object>> all(String object) {
        return table(object).values();
    }

    @Override
    public Object setSavepoint() {
        Map<String, LinkedHashMap<String, Map<String, Object>>> copy = new HashMap<>();
        for (Map.Entry<String, LinkedHashMap<String, Map<String, Object>>> e : rows.entrySet()) {
            LinkedHashMap<String, Map<String, Object>> t = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, Object>> r : e.getValue().entrySet()) {
                t.put(r.getKey(), new LinkedHashMap<>(r.getValue()));
            }
            copy.put(e.getKey(), t);
        }
        return copy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void rollback(Object savepoint) {
        rows.clear();
        rows.putAll((Map<String, LinkedHashMap<String, Map<String, Object>>>) savepoint);
        rows.replaceAll((k, v) -> {
            LinkedHashMap<String, Map<String, Object>> t = new LinkedHashMap<>();
            v.forEach((id, r) -> t.put(id, new LinkedHashMap<>(r)));
            return t;
        });
    }

    @Override
    public List<Map<String, Object>> customMetadata(String typeName) {
        List<Map<String, Object>> out = new ArrayList<>();
        String prefix = typeName.replace("__mdt", "") + ".";
        try (Stream<Path> files = Files.list(ForceApp.ROOT.resolve("customMetadata"))) {
            for (Path p : files.sorted().toList()) {
                String file = p.getFileName().toString();
                if (!file.startsWith(prefix)) {
                    continue;
                }
                String xml = Files.readString(p);
                Map<String, Object> row = new LinkedHashMap<>();
                String dev = file.substring(prefix.length(), file.length() - ".md-meta.xml".length());
                row.put("DeveloperName", dev);
                row.put("QualifiedApiName", dev);
                Matcher label = Pattern.compile("<label>([^<]*)</label>").matcher(xml);
                row.put("MasterLabel", label.find() ? label.group(1) : dev);
                Matcher v = Pattern.compile("<values>\\s*<field>([^<]+)</field>\\s*<value[^>]*?(?:/>|>([^<]*)</value>)")
                        .matcher(xml);
                while (v.find()) {
                    String raw = v.group(2);
                    FieldInfo fi = describe(typeName).field(v.group(1));
                    Object val = raw == null
                            ? null
                            : fi != null && fi.type() == FieldType.BOOLEAN
                                    ? Boolean.valueOf(raw)
                                    : fi != null && fi.type() == FieldType.DOUBLE ? new java.math.BigDecimal(raw) : raw;
                    row.put(v.group(1), val);
                }
                out.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public Map<String, Object> hierarchySetting(String typeName, String userId) {
        Map<String, Object> orgDefault = null;
        Map<String, Object> forUser = null;
        for (Map<String, Object> r : table(typeName).values()) {
            String owner = String.valueOf(r.get("SetupOwnerId"));
            if (owner.startsWith("00D")) {
                orgDefault = r;
            } else if (userId != null && owner.substring(0, 15).equals(userId.substring(0, 15))) {
                forUser = r;
            }
        }
        return forUser != null ? forUser : orgDefault;
    }

    /** Auto-number fields of the project's objects (an AutoNumber name field or custom field); the rest are not. */
    private final java.util.Set<String> autoNumbers = new java.util.HashSet<>();

    @Override
    public Boolean isAutoNumber(String objectName, String fieldName) {
        SObjectSchema s = describe(objectName);
        if (s == null || s.field(fieldName) == null) {
            return null;
        }
        return autoNumbers.contains((s.name() + "." + s.field(fieldName).name()).toLowerCase(Locale.ROOT));
    }

    @Override
    public Map<String, Object> hierarchySettingRecord(String typeName, String ownerId) {
        for (Map<String, Object> r : table(typeName).values()) {
            String owner = String.valueOf(r.get("SetupOwnerId"));
            if (owner.length() >= 15
                    && ownerId.length() >= 15
                    && owner.substring(0, 15).equals(ownerId.substring(0, 15))) {
                return r;
            }
        }
        return null;
    }

    @Override
    public HostUser user(String userId) {
        Map<String, Object> r = table("User").get(userId.substring(0, 15));
        if (r == null) {
            return null;
        }
        return new HostUser(
                (String) r.get("Id"),
                (String) r.get("Username"),
                (String) r.get("LastName"),
                (String) r.get("Email"),
                (String) r.get("ProfileId"),
                ORG_ID);
    }

    @Override
    public HostUser defaultUser() {
        return user(ADMIN_ID);
    }

    @Override
    public boolean hasCustomPermission(String userId, String permissionName) {
        // the test host models permission sets by name: assignment of a permission set named like the permission
        for (Map<String, Object> a : table("PermissionSetAssignment").values()) {
            if (String.valueOf(a.get("AssigneeId")).startsWith(userId.substring(0, 15))) {
                Map<String, Object> ps = table("PermissionSet")
                        .get(String.valueOf(a.get("PermissionSetId")).substring(0, 15));
                if (ps != null && grants(String.valueOf(ps.get("Name")), permissionName)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Which custom permissions force-app's permission sets grant (read from their XML). */
    private static boolean grants(String permissionSet, String permission) {
        Path p = ForceApp.ROOT.resolve("permissionsets/" + permissionSet + ".permissionset-meta.xml");
        try {
            if (!Files.exists(p)) {
                return false;
            }
            Matcher m = Pattern.compile("<customPermissions>\\s*<enabled>true</enabled>\\s*<name>([^<]+)</name>")
                    .matcher(Files.readString(p));
            while (m.find()) {
                if (m.group(1).equalsIgnoreCase(permission)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The admin has all access; other users have full access to standard objects (their Standard User profile) and
     * to custom objects what their force-app permission sets grant (objectPermissions in the XML).
     */
    @Override
    public ObjectAccess objectAccess(String userId, String objectName) {
        if (userId.substring(0, 15).equals(ADMIN_ID.substring(0, 15)) || !objectName.contains("__")) {
            return ObjectAccess.ALL;
        }
        boolean read = false;
        boolean create = false;
        boolean edit = false;
        boolean delete = false;
        for (Map<String, Object> a : table("PermissionSetAssignment").values()) {
            if (!String.valueOf(a.get("AssigneeId")).startsWith(userId.substring(0, 15))) {
                continue;
            }
            Map<String, Object> ps = table("PermissionSet")
                    .get(String.valueOf(a.get("PermissionSetId")).substring(0, 15));
            if (ps == null) {
                continue;
            }
            Path p = ForceApp.ROOT.resolve("permissionsets/" + ps.get("Name") + ".permissionset-meta.xml");
            try {
                Matcher m = Pattern.compile("<objectPermissions>(.*?)</objectPermissions>", Pattern.DOTALL)
                        .matcher(Files.readString(p));
                while (m.find()) {
                    String block = m.group(1);
                    if (!block.contains("<object>" + objectName + "</object>")) {
                        continue;
                    }
                    read |= block.contains("<allowRead>true</allowRead>");
                    create |= block.contains("<allowCreate>true</allowCreate>");
                    edit |= block.contains("<allowEdit>true</allowEdit>");
                    delete |= block.contains("<allowDelete>true</allowDelete>");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ObjectAccess(read, create, edit, delete);
    }

    @Override
    public List<DmlRowResult> publish(String eventType, List<Map<String, Object>> events) {
        List<DmlRowResult> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            published.add(e);
            out.add(DmlRowResult.ok(null, true));
        }
        return out;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
