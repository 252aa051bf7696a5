package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.MetadataXml.bool;
import static dev.warden.localorg.metadata.MetadataXml.child;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.localName;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.OrgException;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.FieldType;
import dev.warden.localorg.model.ObjectDefinition;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.Schema;
import dev.warden.localorg.model.UserPermissions;
import dev.warden.localorg.rules.Licenses;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.w3c.dom.Element;

/**
 * The deploy engine: reads an mdapi zip, validates every component against the org plus the deploy itself, then
 * applies them in dependency order inside one transaction. A failure with rollbackOnError (sf's default) leaves the
 * org exactly as it was (records, schema, metadata-held state); a check-only deploy runs the same apply and always
 * rolls it back, so it reports what a real deploy would.
 */
public final class DeployEngine {
    /** Deploy order: what a later type refers to comes first. */
    private static final List<String> ORDER = List.of("CustomObject", "CustomField", "ListView", "CustomPermission",
            "ApexClass", "ApexTrigger", "StaticResource", "CustomMetadata", "PermissionSet", "Layout", "CustomTab",
            "LightningComponentBundle", "Profile", "ExternalClientApplication", "ExtlClntAppGlobalOauthSettings",
            "ExtlClntAppOauthSettings", "ExtlClntAppOauthConfigurablePolicies", "ExtlClntAppConfigurablePolicies",
            "Settings");
    private static final BigInteger IPV4_MAX_RANGE = BigInteger.ONE.shiftLeft(25);
    private static final BigInteger IPV6_MAX_RANGE = BigInteger.ONE.shiftLeft(96);
    private static final Set<String> SCOPES = Set.of("Basic", "Api", "Web", "Full", "Chatter", "CustomApplications",
            "RefreshToken", "OpenID", "Profile", "Email", "Address", "Phone", "OfflineAccess", "CustomPermissions", "Wave",
            "Eclair", "Pardot", "Lightning", "Content", "CDPIngest", "CDPProfile", "CDPQuery", "Chatbot", "CDPSegment",
            "CDPIdentityResolution", "CDPCalculatedInsight", "SFApiPlatform", "Interaction", "EinsteinGPT",
            "PwdlessLogin", "ForgotPassword", "UserRegistration", "MCP", "SCRT");

    public record Options(boolean checkOnly, boolean rollbackOnError) {
        public static Options defaults() {
            return new Options(false, true);
        }
    }

    /** One package.xml member with its file(s). */
    static final class Component {
        final String type;
        final String fullName;
        final String fileName;
        Element xml;
        byte[] content;
        String problem;
        Integer line;
        Integer column;
        boolean created;
        String id;
        Object parsed;

        Component(String type, String fullName, String fileName) {
            this.type = type;
            this.fullName = fullName;
            this.fileName = fileName;
        }

        void fail(String p) {
            fail(p, null, null);
        }

        void fail(String p, Integer l, Integer c) {
            if (problem == null) {
                problem = p;
                line = l;
                column = c;
            }
        }

        boolean ok() {
            return problem == null;
        }
    }

    /** Thrown inside the apply transaction to roll it back. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rollback() {
            super(null, null, false, false);
        }
    }

    private final Org org;
    private final String actor;
    private final Caller sys;
    private final List<Component> components = new ArrayList<>();
    private final Map<String, Element> objectFiles = new LinkedHashMap<>();
    private final List<DeployedFiles.StoredFile> pendingFiles = new ArrayList<>();

    private DeployEngine(Org org, String actor) {
        this.org = org;
        this.actor = actor;
        this.sys = Caller.system(actor);
    }

    public static DeployOutcome deploy(Org org, String actor, byte[] zip, Options options) {
        return new DeployEngine(org, actor).run(zip, options);
    }

    private DeployOutcome run(byte[] zip, Options options) {
        MdapiPackage pkg;
        try {
            pkg = MdapiPackage.read(zip);
        } catch (MdapiPackage.BadPackage e) {
            return new DeployOutcome(false, options.checkOnly(), options.rollbackOnError(), List.of(),
                    List.of(ComponentResult.failure("", "package.xml", "package.xml", e.getMessage(), null, null)), 0,
                    e.getMessage());
        } catch (MetadataXml.MalformedXml e) {
            return new DeployOutcome(false, options.checkOnly(), options.rollbackOnError(), List.of(),
                    List.of(ComponentResult.failure("", "package.xml", "package.xml", e.getMessage(), e.line(),
                            e.column())), 0, null);
        }
        collect(pkg);
        components.stream().filter(c -> !ORDER.contains(c.type)).forEach(this::validate);
        ORDER.forEach(type -> ofType(type).forEach(this::validate));
        boolean anyFailed = components.stream().anyMatch(c -> !c.ok());
        if (!(anyFailed && options.rollbackOnError())) {
            apply(options);
        }
        return outcome(options);
    }

    // ------------------------------------------------------------------ reading the package

    private void collect(MdapiPackage pkg) {
        for (Map.Entry<String, List<String>> e : pkg.members().entrySet()) {
            String type = e.getKey();
            MdapiPackage.TypeInfo info = MdapiPackage.typeInfo(type);
            for (String member : e.getValue()) {
                if (info == null) {
                    Component c = new Component(type, member, "package.xml");
                    c.fail("The local org does not support metadata type " + type + " (deploy it to a scratch org or"
                            + " sandbox, or leave it out of this deploy)");
                    components.add(c);
                    continue;
                }
                if (info.parent() != null) {
                    int dot = member.indexOf('.');
                    String objectName = dot < 0 ? member : member.substring(0, dot);
                    Component c = new Component(type, member, info.fileName(objectName));
                    if (dot < 0) {
                        c.fail("Invalid fullName " + member + ": expected Object.Name");
                    } else {
                        c.xml = objectFile(pkg, objectName, c);
                    }
                    components.add(c);
                    continue;
                }
                String fileName = type.equals("LightningComponentBundle") ? "lwc/" + member + "/" + member + ".js-meta.xml"
                        : info.fileName(member);
                Component c = new Component(type, member, type.equals("LightningComponentBundle")
                        ? "lwc/" + member + "/" + member + ".js" : fileName);
                if (type.equals("CustomObject")) {
                    c.xml = objectFile(pkg, member, c);
                } else if (info.contentWithMeta()) {
                    c.content = pkg.file(fileName);
                    byte[] meta = pkg.file(fileName + "-meta.xml");
                    if (c.content == null || meta == null) {
                        c.fail("An object '" + member + "' of type " + type
                                + " was named in package.xml, but was not found in zipped directory");
                    } else {
                        c.xml = parse(meta, c);
                    }
                } else {
                    byte[] bytes = pkg.file(fileName);
                    if (bytes == null) {
                        c.fail("An object '" + member + "' of type " + type
                                + " was named in package.xml, but was not found in zipped directory");
                    } else {
                        c.content = bytes;
                        c.xml = parse(bytes, c);
                    }
                }
                components.add(c);
            }
        }
    }

    private Element objectFile(MdapiPackage pkg, String objectName, Component c) {
        if (objectFiles.containsKey(objectName)) {
            Element known = objectFiles.get(objectName);
            if (known == null) {
                c.fail("objects/" + objectName + ".object could not be read");
            }
            return known;
        }
        byte[] bytes = pkg.file("objects/" + objectName + ".object");
        if (bytes == null) {
            c.fail("An object '" + c.fullName + "' of type " + c.type
                    + " was named in package.xml, but was not found in zipped directory");
            return null;
        }
        Element e = parse(bytes, c);
        objectFiles.put(objectName, e);
        return e;
    }

    private static Element parse(byte[] bytes, Component c) {
        try {
            return MetadataXml.parse(bytes);
        } catch (MetadataXml.MalformedXml e) {
            c.fail("Error parsing file: " + e.getMessage(), e.line(), e.column());
            return null;
        }
    }

    private List<Component> ofType(String type) {
        return components.stream().filter(c -> c.type.equals(type)).toList();
    }

    private boolean deploying(String type, String name) {
        return components.stream().anyMatch(c -> c.type.equals(type) && c.fullName.equalsIgnoreCase(name));
    }

    private boolean objectKnown(String name) {
        return org.schema().get(name) != null || objectFiles.containsKey(name)
                || objectFiles.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    // ------------------------------------------------------------------ validation

    private void validate(Component c) {
        if (!c.ok()) {
            return;
        }
        if (c.xml == null && !c.type.equals("LightningComponentBundle")) {
            c.fail(c.fileName + " could not be read");
            return;
        }
        try {
            switch (c.type) {
                case "CustomObject" -> validateObject(c);
                case "CustomField" -> validateField(c);
                case "ListView" -> requireChild(c, "listViews");
                case "CustomPermission" -> requireRoot(c, "CustomPermission");
                case "ApexClass" -> validateApexClass(c);
                case "ApexTrigger" -> validateApexTrigger(c);
                case "StaticResource" -> validateStaticResource(c);
                case "CustomMetadata" -> validateCustomMetadata(c);
                case "PermissionSet" -> validatePermissionSet(c);
                case "Profile" -> validateProfile(c);
                case "Layout" -> requireRoot(c, "Layout");
                case "CustomTab" -> requireRoot(c, "CustomTab");
                case "LightningComponentBundle" -> { }
                case "ExternalClientApplication" -> validateEca(c);
                case "ExtlClntAppGlobalOauthSettings" -> validateGlobalOauth(c);
                case "ExtlClntAppOauthSettings" -> validateOauthSettings(c);
                case "ExtlClntAppOauthConfigurablePolicies" -> validateOauthPolicies(c);
                case "ExtlClntAppConfigurablePolicies" -> validateSatellite(c, "ExtlClntAppConfigurablePolicies");
                case "Settings" -> validateSettings(c);
                default -> c.fail("The local org cannot deploy metadata of type " + c.type);
            }
        } catch (IllegalArgumentException | OrgException e) {
            c.fail(e.getMessage());
        }
    }

    private static boolean requireRoot(Component c, String root) {
        if (!localName(c.xml).equals(root)) {
            c.fail("Expected a " + root + " element at the root of " + c.fileName + ", found " + localName(c.xml), 1, 1);
            return false;
        }
        return true;
    }

    private void requireChild(Component c, String listName) {
        String member = c.fullName.substring(c.fullName.indexOf('.') + 1);
        if (find(c.xml, listName, member) == null) {
            c.fail("An object '" + c.fullName + "' of type " + c.type
                    + " was named in package.xml, but was not found in zipped directory");
        }
    }

    private static Element find(Element parent, String listName, String fullName) {
        for (Element e : children(parent, listName)) {
            if (fullName.equalsIgnoreCase(text(e, "fullName"))) {
                return e;
            }
        }
        return null;
    }

    private void validateObject(Component c) {
        if (!requireRoot(c, "CustomObject")) {
            return;
        }
        String name = c.fullName;
        ObjectKind kind = kindOf(name, c.xml);
        boolean exists = org.schema().get(name) != null;
        if (kind == ObjectKind.STANDARD) {
            if (!exists) {
                c.fail("The local org does not model the standard object " + name);
            }
            return;
        }
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*__(c|e|mdt)") || name.contains("___")) {
            c.fail("Invalid custom object name: " + name);
            return;
        }
        String label = text(c.xml, "label");
        if (!exists && (label == null || label.isEmpty())) {
            c.fail("Must specify a non-empty label for the CustomObject");
            return;
        }
        if (kind == ObjectKind.PLATFORM_EVENT) {
            String eventType = text(c.xml, "eventType");
            if (eventType != null && !eventType.equals("HighVolume")) {
                // StandardVolume is deprecated; creating one "returns an error" (metadata-and-api.md 6.2). Wording UNCONFIRMED.
                c.fail("Platform events with eventType " + eventType + " can't be created; use HighVolume");
                return;
            }
            String publish = text(c.xml, "publishBehavior");
            if (publish != null && !Set.of("PublishAfterCommit", "PublishImmediately").contains(publish)) {
                c.fail("Invalid publishBehavior " + publish + ": expected PublishAfterCommit or PublishImmediately");
                return;
            }
        }
        Element nameField = child(c.xml, "nameField");
        if (nameField != null && "AutoNumber".equals(text(nameField, "type"))
                && (text(nameField, "displayFormat") == null || text(nameField, "displayFormat").isEmpty())) {
            c.fail("An AutoNumber name field needs a displayFormat");
            return;
        }
        List<FieldDef> fields = new ArrayList<>();
        for (Element f : children(c.xml, "fields")) {
            String fieldName = text(f, "fullName");
            try {
                fields.add(fieldDef(name, f));
            } catch (IllegalArgumentException e) {
                Component fieldComponent = components.stream().filter(x -> x.type.equals("CustomField")
                        && x.fullName.equalsIgnoreCase(name + "." + fieldName)).findFirst().orElse(c);
                fieldComponent.fail(e.getMessage());
                if (fieldComponent != c) {
                    c.fail("Field " + fieldName + " failed: " + e.getMessage());
                }
            }
        }
        c.parsed = fields;
    }

    private void validateField(Component c) {
        String fieldName = c.fullName.substring(c.fullName.indexOf('.') + 1);
        if (find(c.xml, "fields", fieldName) == null) {
            c.fail("An object '" + c.fullName + "' of type CustomField was named in package.xml, but was not found in"
                    + " zipped directory");
            return;
        }
        var type = org.schema().get(c.fullName.substring(0, c.fullName.indexOf('.')));
        c.created = type == null || type.field(fieldName) == null;
    }

    static ObjectKind kindOf(String name, Element xml) {
        ObjectKind kind = ObjectKind.fromApiName(name);
        if (kind == ObjectKind.CUSTOM_OBJECT && xml != null && text(xml, "customSettingsType") != null) {
            return ObjectKind.CUSTOM_SETTING;
        }
        return kind;
    }

    /** A CustomField element as the org's field model (types per the Metadata API's FieldType). */
    FieldDef fieldDef(String objectName, Element f) {
        String name = text(f, "fullName");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*__c")) {
            throw new IllegalArgumentException("Invalid field name " + name + " on " + objectName
                    + ": custom field names end in __c");
        }
        String type = text(f, "type");
        if (type == null) {
            throw new IllegalArgumentException("Field " + objectName + "." + name + ": Must specify the type");
        }
        FieldDef.Builder b = switch (type) {
            case "Text" -> FieldDef.of(name, FieldType.STRING).length(requireLength(f, objectName, name, 255));
            case "TextArea" -> FieldDef.of(name, FieldType.TEXTAREA).length(255);
            case "LongTextArea", "Html" -> FieldDef.of(name, FieldType.TEXTAREA).length(requireLength(f, objectName, name, 131072));
            case "Checkbox" -> FieldDef.of(name, FieldType.BOOLEAN).defaultValue(Boolean.parseBoolean(text(f, "defaultValue")));
            case "Number" -> FieldDef.of(name, FieldType.DOUBLE);
            case "Currency" -> FieldDef.of(name, FieldType.CURRENCY);
            case "Percent" -> FieldDef.of(name, FieldType.PERCENT);
            case "Date" -> FieldDef.of(name, FieldType.DATE);
            case "DateTime" -> FieldDef.of(name, FieldType.DATETIME);
            case "Email" -> FieldDef.of(name, FieldType.EMAIL);
            case "Phone" -> FieldDef.of(name, FieldType.PHONE);
            case "Url" -> FieldDef.of(name, FieldType.URL);
            case "Picklist" -> FieldDef.of(name, FieldType.PICKLIST);
            case "MultiselectPicklist" -> FieldDef.of(name, FieldType.MULTIPICKLIST);
            case "AutoNumber" -> FieldDef.of(name, FieldType.STRING).readOnly();
            case "Lookup", "MasterDetail" -> {
                String target = text(f, "referenceTo");
                if (target == null || target.isEmpty() || !objectKnown(target)) {
                    throw new IllegalArgumentException("Field " + objectName + "." + name + ": referenceTo value of '"
                            + target + "' does not resolve to a valid sObject type");
                }
                String rel = text(f, "relationshipName");
                yield FieldDef.of(name, FieldType.REFERENCE).references(rel == null ? name.replace("__c", "") + "__r"
                        : rel + "__r", target);
            }
            default -> throw new IllegalArgumentException("Field " + objectName + "." + name + ": Invalid type: " + type);
        };
        String label = text(f, "label");
        if (label != null) {
            b.label(label);
        }
        if (bool(f, "required", false) || "MasterDetail".equals(type)) {
            b.required();
        }
        if (bool(f, "unique", false)) {
            b.unique();
        }
        if (bool(f, "externalId", false)) {
            b.externalId();
        }
        String dflt = text(f, "defaultValue");
        if (dflt != null && !dflt.isEmpty() && type.matches("Number|Currency|Percent")) {
            try {
                b.defaultValue(Double.parseDouble(dflt));
            } catch (NumberFormatException e) {
                // A formula default (e.g. an expression) is not evaluated by the local org.
            }
        }
        if (type.contains("Picklist")) {
            Element valueSet = child(f, "valueSet");
            Element definition = valueSet == null ? null : child(valueSet, "valueSetDefinition");
            List<String> values = new ArrayList<>();
            String picklistDefault = null;
            if (definition != null) {
                for (Element v : children(definition, "value")) {
                    values.add(text(v, "fullName"));
                    if (bool(v, "default", false)) {
                        picklistDefault = text(v, "fullName");
                    }
                }
            }
            if (valueSet != null && bool(valueSet, "restricted", false)) {
                b.picklist(values);
            }
            if (picklistDefault != null) {
                b.defaultValue(picklistDefault);
            }
        }
        return b.build();
    }

    private static int requireLength(Element f, String objectName, String name, int dflt) {
        String l = text(f, "length");
        if (l == null || l.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Field " + objectName + "." + name + ": invalid length " + l);
        }
    }

    private void validateApexClass(Component c) {
        if (!requireRoot(c, "ApexClass")) {
            return;
        }
        String body = new String(c.content, StandardCharsets.UTF_8);
        ApexSource.SyntaxError err = ApexSource.checkClass(body);
        if (err != null) {
            c.fail(err.problem(), err.line(), err.column());
        }
        c.parsed = body;
    }

    private void validateApexTrigger(Component c) {
        if (!requireRoot(c, "ApexTrigger")) {
            return;
        }
        String body = new String(c.content, StandardCharsets.UTF_8);
        ApexSource.SyntaxError[] err = new ApexSource.SyntaxError[1];
        ApexSource.TriggerHeader header = ApexSource.parseTrigger(body, err);
        if (err[0] != null) {
            c.fail(err[0].problem(), err[0].line(), err[0].column());
            return;
        }
        if (!objectKnown(header.object())) {
            // Wording UNCONFIRMED.
            c.fail("Invalid SObject type name: " + header.object(), 1, 1);
            return;
        }
        c.parsed = header;
    }

    private void validateStaticResource(Component c) {
        if (requireRoot(c, "StaticResource") && (text(c.xml, "contentType") == null || text(c.xml, "contentType").isEmpty())) {
            c.fail("Required field is missing: contentType");
        }
    }

    private void validateCustomMetadata(Component c) {
        if (!requireRoot(c, "CustomMetadata")) {
            return;
        }
        int dot = c.fullName.indexOf('.');
        if (dot < 0) {
            c.fail("Invalid custom metadata record name " + c.fullName + ": expected Type.Record");
            return;
        }
        String typeName = c.fullName.substring(0, dot) + "__mdt";
        if (!objectKnown(typeName)) {
            c.fail("Custom metadata type " + typeName + " does not exist");
            return;
        }
        Set<String> known = new HashSet<>();
        if (org.schema().get(typeName) != null) {
            org.schema().get(typeName).fields().forEach(f -> known.add(f.name().toLowerCase(Locale.ROOT)));
        }
        Element file = objectFiles.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(typeName))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (file != null) {
            for (Element f : children(file, "fields")) {
                known.add(String.valueOf(text(f, "fullName")).toLowerCase(Locale.ROOT));
            }
        }
        for (Element v : children(c.xml, "values")) {
            String field = text(v, "field");
            if (field == null || !known.contains(field.toLowerCase(Locale.ROOT))) {
                c.fail("The field " + field + " does not exist on " + typeName);
                return;
            }
        }
    }

    private void validatePermissionSet(Component c) {
        if (!requireRoot(c, "PermissionSet")) {
            return;
        }
        Element x = c.xml;
        String label = text(x, "label");
        if (label == null || label.isEmpty()) {
            c.fail("Required field is missing: label");
            return;
        }
        Set<String> perms = new LinkedHashSet<>();
        for (Element up : children(x, "userPermissions")) {
            String name = text(up, "name");
            String canonical = name == null ? null : UserPermissions.canonical(name);
            if (canonical == null) {
                // Wording from SFDO-Community/declarative-lookup-rollup-summaries #58 (metadata-and-api.md 4.4).
                c.fail("Unknown user permission: " + name);
                return;
            }
            if (bool(up, "enabled", false)) {
                perms.add(canonical);
            }
        }
        String dependency = PermissionDependencies.checkUserPermissions(perms);
        if (dependency != null) {
            c.fail(dependency);
            return;
        }
        List<PermissionSetContent.ObjectPermission> objects = new ArrayList<>();
        for (Element op : children(x, "objectPermissions")) {
            String object = text(op, "object");
            if (object == null || !objectKnown(object)) {
                c.fail("In field: object - no CustomObject named " + object + " found");
                return;
            }
            boolean read = bool(op, "allowRead", false);
            boolean create = bool(op, "allowCreate", false);
            boolean edit = bool(op, "allowEdit", false);
            boolean delete = bool(op, "allowDelete", false);
            boolean viewAll = bool(op, "viewAllRecords", false);
            boolean modifyAll = bool(op, "modifyAllRecords", false);
            String objDep = PermissionDependencies.checkObject(object, read, create, edit, delete, viewAll, modifyAll);
            if (objDep != null) {
                c.fail(objDep);
                return;
            }
            objects.add(new PermissionSetContent.ObjectPermission(object, read, create, edit, delete, viewAll, modifyAll));
        }
        for (Element fp : children(x, "fieldPermissions")) {
            String field = text(fp, "field");
            if (!fieldKnown(field)) {
                c.fail("In field: field - no CustomField named " + field + " found");
                return;
            }
        }
        Set<String> custom = new LinkedHashSet<>();
        for (Element cp : children(x, "customPermissions")) {
            String name = text(cp, "name");
            if (org.db().findOne("CustomPermission", "DeveloperName", name) == null && !deploying("CustomPermission", name)) {
                c.fail("In field: customPermissions - no CustomPermission named " + name + " found");
                return;
            }
            if (bool(cp, "enabled", false)) {
                custom.add(name);
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        for (Element ca : children(x, "classAccesses")) {
            String name = text(ca, "apexClass");
            if (org.db().findOne("ApexClass", "Name", name) == null && !deploying("ApexClass", name)) {
                c.fail("In field: apexClass - no ApexClass named " + name + " found");
                return;
            }
            if (bool(ca, "enabled", false)) {
                classes.add(name);
            }
        }
        for (String access : List.of("customMetadataTypeAccesses", "customSettingAccesses")) {
            for (Element a : children(x, access)) {
                if (!objectKnown(text(a, "name"))) {
                    c.fail("In field: " + access + " - no CustomObject named " + text(a, "name") + " found");
                    return;
                }
            }
        }
        String license = text(x, "license");
        if (license != null && license.isEmpty()) {
            license = null;
        }
        if (license != null && !licenseExists(license)) {
            c.fail("In field: license - no license named " + license + " found");
            return;
        }
        Record existing = org.db().findOne("PermissionSet", "Name", c.fullName);
        if (existing != null && existing.is("IsOwnedByProfile")) {
            c.fail(c.fullName + " is owned by a profile");
            return;
        }
        c.parsed = new PermissionSetContent(c.fullName, label, text(x, "description"), license,
                bool(x, "hasActivationRequired", false), perms, objects, custom, classes);
    }

    private boolean fieldKnown(String field) {
        if (field == null || field.indexOf('.') < 0) {
            return false;
        }
        String obj = field.substring(0, field.indexOf('.'));
        String name = field.substring(field.indexOf('.') + 1);
        if (org.schema().get(obj) != null && org.schema().get(obj).field(name) != null) {
            return true;
        }
        return objectFiles.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(obj)
                && find(e.getValue(), "fields", name) != null);
    }

    private boolean licenseExists(String license) {
        for (Record psl : org.db().rows("PermissionSetLicense", false)) {
            if (license.equalsIgnoreCase(psl.getString("DeveloperName")) || license.equalsIgnoreCase(psl.getString("MasterLabel"))) {
                return true;
            }
        }
        return org.db().findOne("UserLicense", "Name", license) != null;
    }

    private void validateProfile(Component c) {
        if (!requireRoot(c, "Profile")) {
            return;
        }
        if (org.db().findOne("Profile", "Name", c.fullName) == null) {
            c.fail("The local org cannot create profiles: no Profile named " + c.fullName + " found");
            return;
        }
        List<Element> ranges = children(c.xml, "loginIpRanges");
        c.parsed = ranges.isEmpty() ? null : ipRanges(ranges, "startAddress", "endAddress");
    }

    /** Parses ranges, rejecting reversed, mixed-family and over-broad ones (metadata-and-api.md 5.1). */
    static List<IpRange> ipRanges(List<Element> elements, String startName, String endName) {
        List<IpRange> out = new ArrayList<>();
        for (Element r : elements) {
            String start = text(r, startName);
            String end = text(r, endName);
            IpRange range = new IpRange(start, end, text(r, "description"));
            boolean v4 = !start.contains(":");
            if (range.size().compareTo(v4 ? IPV4_MAX_RANGE : IPV6_MAX_RANGE) > 0) {
                throw new IllegalArgumentException("IP range " + start + "-" + end + " is too large: it covers "
                        + range.size() + " addresses; the limit is " + (v4 ? "33,554,432 (2^25) for IPv4"
                                : "2^96 for IPv6"));
            }
            out.add(range);
        }
        return out;
    }

    private void validateEca(Component c) {
        if (!requireRoot(c, "ExternalClientApplication")) {
            return;
        }
        String label = text(c.xml, "label");
        if (label == null || label.isEmpty()) {
            c.fail("Required field is missing: label");
            return;
        }
        String state = text(c.xml, "distributionState");
        if (state != null && !Set.of("Local", "Packaged").contains(state)) {
            c.fail("Invalid distributionState " + state + ": expected Local or Packaged");
        }
    }

    /** Every ECA satellite names its parent; the parent must be in the org or in this deploy. */
    private boolean validateSatellite(Component c, String root) {
        if (!requireRoot(c, root)) {
            return false;
        }
        String parent = text(c.xml, "externalClientApplication");
        if (parent == null || parent.isEmpty()) {
            c.fail("Required field is missing: externalClientApplication");
            return false;
        }
        if (org.metadata().eca(parent).isEmpty() && !deploying("ExternalClientApplication", parent)) {
            // A satellite deployed without its parent ECA fails (metadata-and-api.md 1.9 [COMMUNITY]); wording UNCONFIRMED.
            c.fail("In field: externalClientApplication - no ExternalClientApplication named " + parent
                    + " found. Deploy the External Client App first, or in the same deploy.");
            return false;
        }
        return true;
    }

    private void validateGlobalOauth(Component c) {
        if (!validateSatellite(c, "ExtlClntAppGlobalOauthSettings")) {
            return;
        }
        String cert = text(c.xml, "certificate");
        if (cert != null && !cert.isEmpty()) {
            try {
                CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(cert.getBytes(StandardCharsets.US_ASCII)));
            } catch (CertificateException e) {
                c.fail("Invalid certificate: expected a PEM-encoded X.509 certificate");
                return;
            }
        }
        String key = text(c.xml, "consumerKey");
        if (key != null && !key.isEmpty()) {
            String app = text(c.xml, "externalClientApplication");
            for (ExternalClientApp other : org.metadata().ecas()) {
                if (!other.name().equalsIgnoreCase(app) && other.global() != null && key.equals(other.global().consumerKey())) {
                    c.fail("Consumer key is already used by External Client App " + other.name());
                    return;
                }
            }
        }
    }

    private void validateOauthSettings(Component c) {
        if (!validateSatellite(c, "ExtlClntAppOauthSettings")) {
            return;
        }
        for (String s : splitList(text(c.xml, "commaSeparatedOauthScopes"))) {
            if (!SCOPES.contains(s)) {
                c.fail("Invalid OAuth scope " + s + " in commaSeparatedOauthScopes");
                return;
            }
        }
    }

    private void validateOauthPolicies(Component c) {
        if (!validateSatellite(c, "ExtlClntAppOauthConfigurablePolicies")) {
            return;
        }
        Element x = c.xml;
        if (!oneOf(c, x, "permittedUsersPolicyType", "AdminApprovedPreAuthorized", "AllSelfAuthorized")
                || !oneOf(c, x, "ipRelaxationPolicyType", "Enforce", "Bypass", "Bypass_2factor", "Enforce_RelaxRefresh")
                || !oneOf(c, x, "refreshTokenPolicyType", "Infinite", "SpecificInactivity", "SpecificLifetime", "Zero")) {
            return;
        }
        String refresh = text(x, "refreshTokenPolicyType");
        if (refresh != null && refresh.startsWith("Specific")) {
            String period = text(x, "refreshTokenValidityPeriod");
            if (period == null || !period.matches("[1-9][0-9]*")
                    || !Set.of("Days", "Hours", "Months").contains(String.valueOf(text(x, "refreshTokenValidityUnit")))) {
                c.fail(refresh + " needs refreshTokenValidityPeriod (a positive number) and refreshTokenValidityUnit"
                        + " (Days, Hours or Months)");
                return;
            }
        }
        for (String ps : splitList(text(x, "commaSeparatedPermissionSet"))) {
            Record rec = org.db().findOne("PermissionSet", "Name", ps);
            Component deployed = components.stream().filter(o -> o.type.equals("PermissionSet")
                    && o.fullName.equalsIgnoreCase(ps)).findFirst().orElse(null);
            if (rec == null && deployed == null) {
                c.fail("In field: commaSeparatedPermissionSet - no PermissionSet named " + ps + " found");
                return;
            }
            String license = deployed != null && deployed.parsed instanceof PermissionSetContent p ? p.license()
                    : licenseName(rec);
            if (license != null && (license.equalsIgnoreCase(Licenses.API_INTEGRATION_PSL)
                    || license.equalsIgnoreCase(Licenses.API_INTEGRATION_PSL_LABEL))) {
                // anchors.md known traps: a set carrying the Salesforce API Integration PSL cannot hold assigned apps
                // ("user hasn't approved this consumer"). Platform wording UNCONFIRMED.
                c.fail("Permission set " + ps + " is tied to the " + Licenses.API_INTEGRATION_PSL_LABEL
                        + " permission set license and can't pre-authorize an External Client App; use a permission set"
                        + " without a license");
                return;
            }
        }
        for (String profile : splitList(text(x, "commaSeparatedProfile"))) {
            if (org.db().findOne("Profile", "Name", profile) == null) {
                c.fail("In field: commaSeparatedProfile - no Profile named " + profile + " found");
                return;
            }
        }
    }

    private String licenseName(Record ps) {
        if (ps == null || ps.get("LicenseId") == null) {
            return null;
        }
        Record lic = org.db().retrieve(ps.getString("LicenseId"));
        return lic == null ? null : lic.objectName().equals("PermissionSetLicense") ? lic.getString("DeveloperName")
                : lic.getString("Name");
    }

    private static boolean oneOf(Component c, Element x, String field, String... allowed) {
        String v = text(x, field);
        if (v != null && !v.isEmpty() && !List.of(allowed).contains(v)) {
            c.fail("Invalid " + field + " " + v + ": expected one of " + String.join(", ", allowed));
            return false;
        }
        return true;
    }

    static List<String> splitList(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private void validateSettings(Component c) {
        String root = c.fullName + "Settings";
        if (!requireRoot(c, root)) {
            return;
        }
        if (c.fullName.equals("Security")) {
            Element network = child(c.xml, "networkAccess");
            if (network != null) {
                c.parsed = ipRanges(children(network, "ipRanges"), "start", "end");
            }
        }
    }

    // ------------------------------------------------------------------ apply

    private void apply(Options options) {
        Schema.Snapshot schemaBefore = org.schema().snapshot();
        List<Component> toApply = new ArrayList<>();
        for (String type : ORDER) {
            for (Component c : ofType(type)) {
                if (c.ok()) {
                    toApply.add(c);
                }
            }
        }
        try {
            org.db().transaction(() -> {
                for (Component c : toApply) {
                    if (options.checkOnly() && touchesHeldState(c)) {
                        continue; // validated above; metadata-held state has no rollback, so a dry run stops here
                    }
                    try {
                        org.db().transaction(() -> applyOne(c));
                    } catch (OrgException | IllegalArgumentException e) {
                        c.fail(e.getMessage());
                        if (options.rollbackOnError()) {
                            throw new Rollback();
                        }
                    }
                }
                if (options.checkOnly()) {
                    throw new Rollback();
                }
            });
        } catch (Rollback r) {
            org.schema().restore(schemaBefore);
            return;
        } catch (RuntimeException e) {
            org.schema().restore(schemaBefore);
            throw e;
        }
        DeployedFiles files = DeployedFiles.of(org);
        pendingFiles.forEach(files::put);
    }

    private static boolean touchesHeldState(Component c) {
        return c.type.startsWith("Extl") || c.type.equals("ExternalClientApplication") || c.type.equals("Settings")
                || c.type.equals("Profile");
    }

    private void applyOne(Component c) {
        switch (c.type) {
            case "CustomObject" -> applyObject(c);
            case "CustomField" -> {
                String obj = c.fullName.substring(0, c.fullName.indexOf('.'));
                org.audit().record(actor, "Customize", c.created ? "createdCF" : "changedCF",
                        (c.created ? "Created" : "Changed") + " custom field " + c.fullName);
                if (org.schema().get(obj) == null) {
                    throw new OrgException("INVALID_CROSS_REFERENCE_KEY", "no CustomObject named " + obj + " found");
                }
            }
            case "CustomPermission" -> {
                c.created = org.db().findOne("CustomPermission", "DeveloperName", c.fullName) == null;
                c.id = org.metadata().deployCustomPermission(actor, c.fullName, text(c.xml, "label"),
                        text(c.xml, "description"));
            }
            case "ApexClass" -> {
                c.created = org.db().findOne("ApexClass", "Name", c.fullName) == null;
                c.id = org.metadata().deployApexClass(actor, c.fullName, (String) c.parsed, apiVersion(c), true);
            }
            case "ApexTrigger" -> {
                ApexSource.TriggerHeader h = (ApexSource.TriggerHeader) c.parsed;
                String object = org.schema().get(h.object()) != null ? org.schema().get(h.object()).name() : h.object();
                c.created = org.db().findOne("ApexTrigger", "Name", c.fullName) == null;
                c.id = org.metadata().deployApexTrigger(actor, c.fullName, object,
                        new String(c.content, StandardCharsets.UTF_8), apiVersion(c),
                        !"Inactive".equals(text(c.xml, "status")), h.events());
            }
            case "StaticResource" -> {
                c.created = org.db().findOne("StaticResource", "Name", c.fullName) == null;
                c.id = org.metadata().deployStaticResource(actor, c.fullName, text(c.xml, "contentType"), c.content,
                        text(c.xml, "cacheControl"), text(c.xml, "description"));
            }
            case "CustomMetadata" -> applyCustomMetadata(c);
            case "PermissionSet" -> {
                c.created = org.db().findOne("PermissionSet", "Name", c.fullName) == null;
                c.id = org.metadata().deployPermissionSet(actor, (PermissionSetContent) c.parsed);
                keep(c);
            }
            case "Profile" -> {
                @SuppressWarnings("unchecked")
                List<IpRange> ranges = (List<IpRange>) c.parsed;
                if (ranges != null) {
                    org.metadata().setProfileLoginIpRanges(actor, c.fullName, ranges);
                }
                c.id = org.db().findOne("Profile", "Name", c.fullName).id();
            }
            case "ListView", "Layout", "CustomTab", "LightningComponentBundle" -> {
                c.created = c.xml == null || DeployedFiles.of(org).get(c.type, c.fullName) == null;
                org.audit().record(actor, "Customize", "changed" + c.type, "Deployed " + c.type + " " + c.fullName);
                if (c.content != null) {
                    keep(c);
                }
            }
            case "ExternalClientApplication" -> {
                c.created = org.metadata().eca(c.fullName).isEmpty();
                org.metadata().putEca(actor, c.fullName, text(c.xml, "label"), text(c.xml, "contactEmail"),
                        text(c.xml, "description"), text(c.xml, "distributionState"));
                Record r = org.db().findOne("ExternalClientApplication", "DeveloperName", c.fullName);
                c.id = r == null ? null : r.id();
            }
            case "ExtlClntAppGlobalOauthSettings" -> applyGlobalOauth(c);
            case "ExtlClntAppOauthSettings" -> {
                org.metadata().setOAuthSettings(actor, text(c.xml, "externalClientApplication"),
                        new ExternalClientApp.OAuthSettings(splitList(text(c.xml, "commaSeparatedOauthScopes"))));
                keep(c);
            }
            case "ExtlClntAppOauthConfigurablePolicies" -> {
                Element x = c.xml;
                String period = text(x, "refreshTokenValidityPeriod");
                org.metadata().setOAuthPolicies(actor, text(x, "externalClientApplication"),
                        new ExternalClientApp.OAuthPolicies(text(x, "permittedUsersPolicyType"),
                                splitList(text(x, "commaSeparatedPermissionSet")),
                                splitList(text(x, "commaSeparatedProfile")), text(x, "ipRelaxationPolicyType"),
                                text(x, "refreshTokenPolicyType"),
                                period == null || period.isEmpty() ? null : Integer.valueOf(period),
                                text(x, "refreshTokenValidityUnit")));
                keep(c);
            }
            case "ExtlClntAppConfigurablePolicies" -> {
                org.metadata().setEnabled(actor, text(c.xml, "externalClientApplication"),
                        bool(c.xml, "isEnabled", true) && bool(c.xml, "isOauthPluginEnabled", true));
                keep(c);
            }
            case "Settings" -> applySettings(c);
            default -> throw new IllegalStateException("no apply for " + c.type);
        }
    }

    private void keep(Component c) {
        if (c.content != null) {
            pendingFiles.add(new DeployedFiles.StoredFile(c.type, c.fullName, c.fileName, c.content));
        }
    }

    private static double apiVersion(Component c) {
        String v = text(c.xml, "apiVersion");
        try {
            return v == null ? 62.0 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid apiVersion " + v);
        }
    }

    @SuppressWarnings("unchecked")
    private void applyObject(Component c) {
        String name = c.fullName;
        boolean exists = org.schema().get(name) != null;
        c.created = !exists;
        ObjectKind kind = kindOf(name, c.xml);
        List<FieldDef> fields = c.parsed == null ? List.of() : (List<FieldDef>) c.parsed;
        String autoNumber = null;
        Element nameField = child(c.xml, "nameField");
        if (nameField != null && "AutoNumber".equals(text(nameField, "type"))) {
            autoNumber = text(nameField, "displayFormat");
        }
        String label = text(c.xml, "label");
        String plural = text(c.xml, "pluralLabel");
        org.schema().define(new ObjectDefinition(exists ? org.schema().get(name).name() : name, kind,
                label == null || label.isEmpty() ? null : label, plural == null || plural.isEmpty() ? null : plural,
                null, null, fields, autoNumber));
        org.audit().record(actor, "Customize", exists ? "changedCustomObject" : "createdCustomObject",
                (exists ? "Changed" : "Created") + " custom object " + name);
        pendingFiles.add(new DeployedFiles.StoredFile("CustomObject", name, c.fileName, serialize(c.xml)));
    }

    private static byte[] serialize(Element e) {
        try {
            javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            java.io.StringWriter w = new java.io.StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(e), new javax.xml.transform.stream.StreamResult(w));
            return w.toString().getBytes(StandardCharsets.UTF_8);
        } catch (javax.xml.transform.TransformerException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void applyCustomMetadata(Component c) {
        int dot = c.fullName.indexOf('.');
        String typeName = org.schema().get(c.fullName.substring(0, dot) + "__mdt").name();
        String developerName = c.fullName.substring(dot + 1);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("DeveloperName", developerName);
        String label = text(c.xml, "label");
        values.put("MasterLabel", label == null ? developerName : label);
        values.put("Label", label == null ? developerName : label);
        values.put("QualifiedApiName", developerName);
        values.put("Language", "en_US");
        for (Element v : children(c.xml, "values")) {
            Element value = child(v, "value");
            boolean nil = value == null || "true".equals(value.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
            values.put(text(v, "field"), nil ? null : value.getTextContent());
        }
        Record existing = org.db().findOne(typeName, "DeveloperName", developerName);
        c.created = existing == null;
        if (existing == null) {
            c.id = org.db().insert(sys, typeName, values);
        } else {
            org.db().update(sys, existing.id(), values);
            c.id = existing.id();
        }
        org.audit().record(actor, "Custom Metadata Types", "changedCustomMetadataRecord",
                "Deployed custom metadata record " + c.fullName);
        keep(c);
    }

    private void applyGlobalOauth(Component c) {
        Element x = c.xml;
        String app = text(x, "externalClientApplication");
        String key = text(x, "consumerKey");
        if (key == null || key.isEmpty()) {
            ExternalClientApp current = org.metadata().eca(app).orElse(null);
            key = current != null && current.global() != null ? current.global().consumerKey() : generatedKey();
        }
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (Element e : children(x)) {
            String n = localName(e);
            if (n.startsWith("is") || n.startsWith("should")) {
                flags.put(n, Boolean.parseBoolean(e.getTextContent().trim()));
            }
        }
        String cert = text(x, "certificate");
        String secret = text(x, "consumerSecret");
        // Only the link to the app is kept as the deployed file (for the member name): never the key or secret.
        pendingFiles.add(new DeployedFiles.StoredFile(c.type, c.fullName, c.fileName, OrgMetadataFiles.xml(c.type,
                "    <externalClientApplication>" + MetadataXml.esc(app) + "</externalClientApplication>\n")
                .getBytes(StandardCharsets.UTF_8)));
        org.metadata().setGlobalOAuth(actor, app, new ExternalClientApp.GlobalOAuth(key,
                secret == null || secret.isEmpty() ? null : secret, cert == null || cert.isEmpty() ? null : cert,
                text(x, "callbackUrl"), flags));
    }

    private static String generatedKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder("3MVG9");
        for (int i = 0; i < 80; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private void applySettings(Component c) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Element section : children(c.xml)) {
            String n = localName(section);
            if (n.equals("networkAccess")) {
                continue;
            }
            List<Element> leaves = children(section);
            if (leaves.isEmpty()) {
                values.put(n, value(section.getTextContent().trim()));
            } else {
                // Flat leaf keys are what the rest of the org reads (e.g. "lockSessionsToIp"); the section map keeps
                // the structure for retrieve and readMetadata. Both merge into what is there (settings semantics).
                Object old = org.metadata().settings(c.fullName).get(n);
                Map<String, Object> sectionValues = old instanceof Map<?, ?> m
                        ? new java.util.TreeMap<>((Map<String, Object>) m) : new java.util.TreeMap<>();
                for (Element leaf : leaves) {
                    if (children(leaf).isEmpty()) {
                        values.put(localName(leaf), value(leaf.getTextContent().trim()));
                        sectionValues.put(localName(leaf), value(leaf.getTextContent().trim()));
                    }
                }
                values.put(n, java.util.Collections.unmodifiableMap(sectionValues));
            }
        }
        if (c.parsed != null) {
            org.metadata().setTrustedIpRanges(actor, (List<IpRange>) c.parsed);
        }
        if (!values.isEmpty()) {
            org.metadata().putSettings(actor, c.fullName, values);
        }
    }

    private static Object value(String s) {
        return s.equals("true") || s.equals("false") ? (Object) Boolean.valueOf(s) : s;
    }

    // ------------------------------------------------------------------ result

    private DeployOutcome outcome(Options options) {
        List<ComponentResult> successes = new ArrayList<>();
        List<ComponentResult> failures = new ArrayList<>();
        boolean anyFailed = components.stream().anyMatch(c -> !c.ok());
        boolean applied = !(anyFailed && options.rollbackOnError());
        for (Component c : components) {
            if (!c.ok()) {
                failures.add(ComponentResult.failure(c.type, c.fullName, c.fileName, c.problem, c.line, c.column));
            } else if (applied) {
                successes.add(ComponentResult.success(c.type, c.fullName, c.fileName, c.created, c.id));
            }
        }
        if (applied) {
            // sf needs this line with an empty componentType (sf-cli-wire.md).
            successes.add(new ComponentResult("", "package.xml", "package.xml", true, false, true, false, null, null,
                    null, null, null));
        }
        successes.sort((a, b) -> (a.componentType() + a.fullName()).compareTo(b.componentType() + b.fullName()));
        return new DeployOutcome(applied, options.checkOnly(), options.rollbackOnError(), successes, failures,
                components.size(), null);
    }

    /** Names of the types this engine deploys, sorted. */
    public static Set<String> supportedTypes() {
        return new TreeSet<>(ORDER);
    }
}
