package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.MetadataXml.esc;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.model.FieldDef;
import dev.warden.localorg.model.ObjectKind;
import dev.warden.localorg.model.SObjectType;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The org's metadata as mdapi files, for retrieve, readMetadata and listMetadata: generated from where the org keeps
 * each type (records, the schema, metadata-held state), or the deployed file for types the org only stores. Elements
 * are written in the Metadata API's schema order (alphabetical), which WSC's reader requires.
 */
public final class OrgMetadataFiles {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private OrgMetadataFiles() {}

    /** Member names of a type present in the org, sorted. */
    public static List<String> list(Org org, String type) {
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        switch (type) {
            case "ApexClass", "ApexTrigger", "StaticResource" -> org.db().rows(type, false).forEach(r -> out.add(r.getString("Name")));
            case "CustomPermission" -> org.db().rows(type, false).forEach(r -> out.add(r.getString("DeveloperName")));
            case "PermissionSet" -> org.db().rows("PermissionSet", false).stream()
                    .filter(r -> !r.is("IsOwnedByProfile")).forEach(r -> out.add(r.getString("Name")));
            case "Profile" -> org.db().rows("Profile", false).forEach(r -> out.add(r.getString("Name")));
            case "CustomObject" -> org.schema().all().stream().filter(SObjectType::custom).forEach(t -> out.add(t.name()));
            case "ExternalClientApplication" -> org.metadata().ecas().forEach(a -> out.add(a.name()));
            case "ExtlClntAppGlobalOauthSettings" -> org.metadata().ecas().stream().filter(a -> a.global() != null)
                    .forEach(a -> out.add(satellite(org, type, a.name(), "_glbloauth")));
            case "ExtlClntAppOauthSettings" -> org.metadata().ecas().stream().filter(a -> a.oauth() != null)
                    .forEach(a -> out.add(satellite(org, type, a.name(), "_oauth")));
            case "ExtlClntAppOauthConfigurablePolicies" -> org.metadata().ecas().stream().filter(a -> a.policies() != null)
                    .forEach(a -> out.add(satellite(org, type, a.name(), "_oauthPlcy")));
            case "Settings" -> {
                out.addAll(org.metadata().allSettings().keySet());
                out.add("Security");
            }
            default -> DeployedFiles.of(org).ofType(type).forEach(f -> out.add(f.fullName()));
        }
        return new ArrayList<>(out);
    }

    /** The member name a satellite was deployed under, or the name Setup would give it. */
    private static String satellite(Org org, String type, String app, String suffix) {
        for (DeployedFiles.StoredFile f : DeployedFiles.of(org).ofType(type)) {
            String text = new String(f.bytes(), StandardCharsets.UTF_8);
            if (text.contains("<externalClientApplication>" + app + "</externalClientApplication>")) {
                return f.fullName();
            }
        }
        return app + suffix;
    }

    private static String appOf(Org org, String type, String member) {
        for (ExternalClientApp a : org.metadata().ecas()) {
            String suffix = switch (type) {
                case "ExtlClntAppGlobalOauthSettings" -> "_glbloauth";
                case "ExtlClntAppOauthSettings" -> "_oauth";
                default -> "_oauthPlcy";
            };
            if (satellite(org, type, a.name(), suffix).equalsIgnoreCase(member)) {
                return a.name();
            }
        }
        return null;
    }

    /** The component's files (path relative to the package root to bytes); empty when the org has no such member. */
    public static Map<String, byte[]> files(Org org, String type, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        MdapiPackage.TypeInfo info = MdapiPackage.typeInfo(type);
        if (info == null) {
            return out;
        }
        String path = info.fileName(member);
        switch (type) {
            case "ApexClass", "ApexTrigger" -> {
                Record r = org.db().findOne(type, "Name", member);
                if (r != null) {
                    out.put(path, String.valueOf(r.get("Body")).getBytes(StandardCharsets.UTF_8));
                    out.put(path + "-meta.xml", utf8(xml(type, "    <apiVersion>" + version(r.get("ApiVersion")) + "</apiVersion>\n"
                            + "    <status>" + r.getString("Status") + "</status>\n")));
                }
            }
            case "StaticResource" -> {
                Record r = org.db().findOne(type, "Name", member);
                if (r != null) {
                    out.put(path, (byte[]) r.get("Body"));
                    out.put(path + "-meta.xml", utf8(xml(type, el("cacheControl", r.getString("CacheControl"))
                            + el("contentType", r.getString("ContentType")) + el("description", r.getString("Description")))));
                }
            }
            default -> {
                String body = mainXml(org, type, member);
                if (body != null) {
                    out.put(path, utf8(body));
                }
            }
        }
        return out;
    }

    /** The component's metadata XML (for content types, its -meta.xml), or null when absent. */
    public static String mainXml(Org org, String type, String member) {
        switch (type) {
            case "ApexClass", "ApexTrigger", "StaticResource" -> {
                byte[] meta = files(org, type, member).get(MdapiPackage.typeInfo(type).fileName(member) + "-meta.xml");
                return meta == null ? null : new String(meta, StandardCharsets.UTF_8);
            }
            case "CustomPermission" -> {
                Record r = org.db().findOne("CustomPermission", "DeveloperName", member);
                return r == null ? null : xml(type, el("description", r.getString("Description"))
                        + "    <isLicensed>false</isLicensed>\n" + el("label", r.getString("MasterLabel")));
            }
            case "PermissionSet" -> {
                String generated = org.metadata().readPermissionSet(member).map(OrgMetadataFiles::permissionSet).orElse(null);
                DeployedFiles.StoredFile raw = DeployedFiles.of(org).get(type, member);
                return generated == null || raw == null ? generated : withUnmodelled(generated, raw.bytes());
            }
            case "Profile" -> {
                if (org.db().findOne("Profile", "Name", member) == null) {
                    return null;
                }
                StringBuilder b = new StringBuilder();
                for (IpRange r : org.metadata().profileLoginIpRanges(member)) {
                    b.append("    <loginIpRanges>\n").append(el2("description", r.description()))
                            .append(el2("endAddress", r.end())).append(el2("startAddress", r.start()))
                            .append("    </loginIpRanges>\n");
                }
                return xml(type, b.toString());
            }
            case "Settings" -> {
                return settings(org, member);
            }
            case "ExternalClientApplication" -> {
                return org.metadata().eca(member).map(a -> xml(type, el("contactEmail", a.contactEmail())
                        + el("description", a.description()) + el("distributionState", a.distributionState())
                        + "    <isProtected>false</isProtected>\n" + el("label", a.label()))).orElse(null);
            }
            case "ExtlClntAppGlobalOauthSettings", "ExtlClntAppOauthSettings", "ExtlClntAppOauthConfigurablePolicies" -> {
                String app = appOf(org, type, member);
                ExternalClientApp a = app == null ? null : org.metadata().eca(app).orElse(null);
                boolean present = a != null && switch (type) {
                    case "ExtlClntAppGlobalOauthSettings" -> a.global() != null;
                    case "ExtlClntAppOauthSettings" -> a.oauth() != null;
                    default -> a.policies() != null;
                };
                return present ? satelliteXml(type, a) : null;
            }
            case "CustomObject" -> {
                DeployedFiles.StoredFile f = DeployedFiles.of(org).get(type, member);
                if (f != null) {
                    return new String(f.bytes(), StandardCharsets.UTF_8);
                }
                SObjectType t = org.schema().get(member);
                return t == null || !t.custom() ? null : customObject(t);
            }
            default -> {
                DeployedFiles.StoredFile f = DeployedFiles.of(org).get(type, member);
                return f == null ? null : new String(f.bytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Sections of a permission set the org keeps as records; the rest come back as they were deployed. */
    private static final java.util.Set<String> MODELLED_PERMISSION_SET = java.util.Set.of("classAccesses",
            "customPermissions", "description", "hasActivationRequired", "label", "license", "objectPermissions",
            "userPermissions");

    /**
     * The generated permission set plus the deployed file's sections the org does not model (fieldPermissions,
     * tabSettings, customMetadataTypeAccesses, ...), in schema order: a retrieve-edit-deploy round trip must not drop
     * them, since a deploy is a full replace.
     */
    private static String withUnmodelled(String generated, byte[] deployed) {
        try {
            org.w3c.dom.Element gen = MetadataXml.parse(generated.getBytes(StandardCharsets.UTF_8));
            org.w3c.dom.Element raw = MetadataXml.parse(deployed);
            TreeMap<String, StringBuilder> sections = new TreeMap<>();
            for (org.w3c.dom.Element e : MetadataXml.children(gen)) {
                sections.computeIfAbsent(e.getLocalName(), k -> new StringBuilder()).append(render(e, "    "));
            }
            for (org.w3c.dom.Element e : MetadataXml.children(raw)) {
                if (!MODELLED_PERMISSION_SET.contains(e.getLocalName())) {
                    sections.computeIfAbsent(e.getLocalName(), k -> new StringBuilder()).append(render(e, "    "));
                }
            }
            return xml("PermissionSet", String.join("", sections.values()));
        } catch (MetadataXml.MalformedXml e) {
            return generated;
        }
    }

    private static String render(org.w3c.dom.Element e, String indent) {
        List<org.w3c.dom.Element> kids = MetadataXml.children(e);
        String name = e.getLocalName();
        if (kids.isEmpty()) {
            return indent + "<" + name + ">" + esc(e.getTextContent().trim()) + "</" + name + ">\n";
        }
        StringBuilder b = new StringBuilder(indent + "<" + name + ">\n");
        for (org.w3c.dom.Element k : kids) {
            b.append(render(k, indent + "    "));
        }
        return b.append(indent).append("</").append(name).append(">\n").toString();
    }

    private static String permissionSet(PermissionSetContent ps) {
        StringBuilder b = new StringBuilder();
        ps.classAccesses().stream().sorted().forEach(c -> b.append("    <classAccesses>\n").append(el2("apexClass", c))
                .append(el2("enabled", "true")).append("    </classAccesses>\n"));
        ps.customPermissions().stream().sorted().forEach(c -> b.append("    <customPermissions>\n")
                .append(el2("enabled", "true")).append(el2("name", c)).append("    </customPermissions>\n"));
        b.append(el("description", ps.description()));
        b.append(el("hasActivationRequired", String.valueOf(ps.hasActivationRequired())));
        b.append(el("label", ps.label()));
        b.append(el("license", ps.license()));
        ps.objectPermissions().stream().sorted((x, y) -> x.object().compareToIgnoreCase(y.object())).forEach(o -> b
                .append("    <objectPermissions>\n").append(el2("allowCreate", String.valueOf(o.create())))
                .append(el2("allowDelete", String.valueOf(o.delete()))).append(el2("allowEdit", String.valueOf(o.edit())))
                .append(el2("allowRead", String.valueOf(o.read())))
                .append(el2("modifyAllRecords", String.valueOf(o.modifyAll()))).append(el2("object", o.object()))
                .append(el2("viewAllRecords", String.valueOf(o.viewAll()))).append("    </objectPermissions>\n"));
        ps.userPermissions().stream().sorted().forEach(p -> b.append("    <userPermissions>\n")
                .append(el2("enabled", "true")).append(el2("name", p)).append("    </userPermissions>\n"));
        return xml("PermissionSet", b.toString());
    }

    @SuppressWarnings("unchecked")
    private static String settings(Org org, String member) {
        Map<String, Object> values = org.metadata().settings(member);
        if (values.isEmpty() && !member.equals("Security")) {
            return null;
        }
        TreeMap<String, String> sections = new TreeMap<>();
        if (member.equals("Security")) {
            StringBuilder n = new StringBuilder("    <networkAccess>\n");
            for (IpRange r : org.metadata().trustedIpRanges()) {
                n.append("        <ipRanges>\n").append(el3("description", r.description())).append(el3("end", r.end()))
                        .append(el3("start", r.start())).append("        </ipRanges>\n");
            }
            sections.put("networkAccess", n.append("    </networkAccess>\n").toString());
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                StringBuilder s = new StringBuilder("    <" + e.getKey() + ">\n");
                new TreeMap<>((Map<String, Object>) m).forEach((k, v) -> s.append(el2(k, String.valueOf(v))));
                sections.put(e.getKey(), s.append("    </").append(e.getKey()).append(">\n").toString());
            }
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            boolean inSection = values.values().stream().anyMatch(v -> v instanceof Map<?, ?> m && m.containsKey(e.getKey()));
            if (!(e.getValue() instanceof Map) && !inSection) {
                sections.put(e.getKey(), el(e.getKey(), String.valueOf(e.getValue())));
            }
        }
        return xml(member + "Settings", String.join("", sections.values()));
    }

    private static String satelliteXml(String type, ExternalClientApp a) {
        StringBuilder b = new StringBuilder();
        switch (type) {
            case "ExtlClntAppGlobalOauthSettings" -> {
                ExternalClientApp.GlobalOAuth g = a.global();
                TreeMap<String, String> f = new TreeMap<>();
                f.put("callbackUrl", g.callbackUrl());
                f.put("certificate", g.certificatePem());
                f.put("consumerKey", g.consumerKey());
                f.put("externalClientApplication", a.name());
                g.flags().forEach((k, v) -> f.put(k, String.valueOf(v)));
                f.put("label", a.label() + " Global OAuth");
                f.forEach((k, v) -> b.append(el(k, v)));
            }
            case "ExtlClntAppOauthSettings" -> b.append(el("commaSeparatedOauthScopes", String.join(", ", a.oauth().scopes())))
                    .append(el("externalClientApplication", a.name())).append(el("label", a.label() + " OAuth Settings"));
            default -> {
                ExternalClientApp.OAuthPolicies p = a.policies();
                b.append(el("commaSeparatedPermissionSet", p.permissionSets().isEmpty() ? null : String.join(",", p.permissionSets())))
                        .append(el("commaSeparatedProfile", p.profiles().isEmpty() ? null : String.join(",", p.profiles())))
                        .append(el("externalClientApplication", a.name()))
                        .append(el("ipRelaxationPolicyType", p.ipRelaxationPolicyType()))
                        .append(el("label", a.label() + " OAuth Policies"))
                        .append(el("permittedUsersPolicyType", p.permittedUsersPolicyType()))
                        .append(el("refreshTokenPolicyType", p.refreshTokenPolicyType()))
                        .append(el("refreshTokenValidityPeriod", p.refreshTokenValidityPeriod() == null ? null
                                : String.valueOf(p.refreshTokenValidityPeriod())))
                        .append(el("refreshTokenValidityUnit", p.refreshTokenValidityUnit()));
            }
        }
        return xml(type, b.toString());
    }

    private static String customObject(SObjectType t) {
        StringBuilder b = new StringBuilder();
        if (t.kind() == ObjectKind.CUSTOM_SETTING) {
            b.append(el("customSettingsType", "Hierarchy"));
        }
        b.append(el("deploymentStatus", "Deployed"));
        for (FieldDef f : t.fields()) {
            if (f.custom()) {
                b.append("    <fields>\n").append(el2("fullName", f.name())).append(el2("label", f.label()))
                        .append(el2("type", fieldType(f))).append("    </fields>\n");
            }
        }
        b.append(el("label", t.label())).append(el("pluralLabel", t.pluralLabel()));
        return xml("CustomObject", b.toString());
    }

    private static String fieldType(FieldDef f) {
        return switch (f.type()) {
            case BOOLEAN -> "Checkbox";
            case DOUBLE, INT, LONG -> "Number";
            case CURRENCY -> "Currency";
            case PERCENT -> "Percent";
            case DATE -> "Date";
            case DATETIME -> "DateTime";
            case EMAIL -> "Email";
            case PHONE -> "Phone";
            case URL -> "Url";
            case PICKLIST -> "Picklist";
            case MULTIPICKLIST -> "MultiselectPicklist";
            case REFERENCE -> "Lookup";
            case TEXTAREA -> "LongTextArea";
            default -> "Text";
        };
    }

    private static String version(Object v) {
        return v instanceof Number n ? String.format(java.util.Locale.ROOT, "%.1f", n.doubleValue()) : String.valueOf(v);
    }

    static String xml(String root, String body) {
        return HEAD + "<" + root + " xmlns=\"" + MetadataXml.NS + "\">\n" + body + "</" + root + ">\n";
    }

    private static String el(String name, String value) {
        return value == null ? "" : "    <" + name + ">" + esc(value) + "</" + name + ">\n";
    }

    private static String el2(String name, String value) {
        return value == null ? "" : "        <" + name + ">" + esc(value) + "</" + name + ">\n";
    }

    private static String el3(String name, String value) {
        return value == null ? "" : "            <" + name + ">" + esc(value) + "</" + name + ">\n";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
