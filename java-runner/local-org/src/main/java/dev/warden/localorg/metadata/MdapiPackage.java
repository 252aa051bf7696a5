package dev.warden.localorg.metadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.w3c.dom.Element;

/**
 * A Metadata API (mdapi format) zip: {@code package.xml} plus one folder per type, file names without
 * {@code -meta.xml} except for the companions of content files (classes, triggers, static resources). Reads what
 * {@code sf project deploy start} sends (sf-cli-wire-samples/05_deploy_soap) and writes what a retrieve returns.
 */
public final class MdapiPackage {

    /** How one metadata type is laid out in the zip. {@code child} types live inside their parent's file. */
    public record TypeInfo(String name, String folder, String suffix, boolean contentWithMeta, String parent) {
        public String fileName(String member) {
            return folder + "/" + member + (suffix.isEmpty() ? "" : "." + suffix);
        }
    }

    private static final Map<String, TypeInfo> TYPES = new LinkedHashMap<>();

    static {
        // Folders and suffixes from source-deploy-retrieve's registry (metadata-and-api.md [REG]).
        type("CustomObject", "objects", "object", false, null);
        type("CustomField", "objects", "object", false, "CustomObject");
        type("ListView", "objects", "object", false, "CustomObject");
        type("CustomPermission", "customPermissions", "customPermission", false, null);
        type("ApexClass", "classes", "cls", true, null);
        type("ApexTrigger", "triggers", "trigger", true, null);
        type("StaticResource", "staticresources", "resource", true, null);
        type("CustomMetadata", "customMetadata", "md", false, null);
        type("PermissionSet", "permissionsets", "permissionset", false, null);
        type("Profile", "profiles", "profile", false, null);
        type("Layout", "layouts", "layout", false, null);
        type("CustomTab", "tabs", "tab", false, null);
        type("LightningComponentBundle", "lwc", "", false, null);
        type("ExternalClientApplication", "externalClientApps", "eca", false, null);
        type("ExtlClntAppOauthSettings", "extlClntAppOauthSettings", "ecaOauth", false, null);
        type("ExtlClntAppGlobalOauthSettings", "extlClntAppGlobalOauthSets", "ecaGlblOauth", false, null);
        type("ExtlClntAppOauthConfigurablePolicies", "extlClntAppOauthPolicies", "ecaOauthPlcy", false, null);
        type("ExtlClntAppConfigurablePolicies", "extlClntAppPolicies", "ecaPlcy", false, null);
        type("Settings", "settings", "settings", false, null);
    }

    private static void type(String name, String folder, String suffix, boolean content, String parent) {
        TYPES.put(name, new TypeInfo(name, folder, suffix, content, parent));
    }

    public static TypeInfo typeInfo(String name) {
        return TYPES.get(name);
    }

    public static Map<String, TypeInfo> types() {
        return Map.copyOf(TYPES);
    }

    private final Map<String, byte[]> files;
    private final Map<String, List<String>> members;
    private final String version;

    private MdapiPackage(Map<String, byte[]> files, Map<String, List<String>> members, String version) {
        this.files = files;
        this.members = members;
        this.version = version;
    }

    /** Not a zip, or no package.xml in it. */
    public static final class BadPackage extends Exception {
        private static final long serialVersionUID = 1L;

        public BadPackage(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a deploy zip. The package may sit at the root ({@code singlePackage}) or in one folder
     * ({@code unpackaged/package.xml}); paths are returned relative to the package root.
     */
    public static MdapiPackage read(byte[] zip) throws BadPackage, MetadataXml.MalformedXml {
        Map<String, byte[]> raw = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!e.isDirectory()) {
                    raw.put(e.getName().replace('\\', '/'), in.readAllBytes());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BadPackage("The deploy file is not a valid zip file: " + e.getMessage());
        }
        String root = null;
        for (String name : raw.keySet()) {
            if (name.equals("package.xml")) {
                root = "";
                break;
            }
            if (name.endsWith("/package.xml") && name.indexOf('/') == name.length() - "/package.xml".length()) {
                root = name.substring(0, name.length() - "package.xml".length());
            }
        }
        if (root == null) {
            throw new BadPackage("No package.xml found");
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : raw.entrySet()) {
            if (e.getKey().startsWith(root)) {
                files.put(e.getKey().substring(root.length()), e.getValue());
            }
        }
        Element pkg = MetadataXml.parse(files.get("package.xml"));
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Element t : MetadataXml.children(pkg, "types")) {
            String name = MetadataXml.text(t, "name");
            members.computeIfAbsent(name == null ? "" : name, k -> new ArrayList<>()).addAll(MetadataXml.texts(t, "members"));
        }
        return new MdapiPackage(files, members, MetadataXml.text(pkg, "version"));
    }

    public Map<String, byte[]> files() { return files; }
    /** package.xml types in order: type name to member names. */
    public Map<String, List<String>> members() { return members; }
    public String version() { return version; }

    public byte[] file(String path) {
        return files.get(path);
    }

    /** A package.xml for these members, sorted as the platform writes it. */
    public static String packageXml(Map<String, ? extends java.util.Collection<String>> typeMembers, String version) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"")
                .append(MetadataXml.NS).append("\">\n");
        new TreeMap<>(typeMembers).forEach((type, ms) -> {
            b.append("    <types>\n");
            ms.stream().sorted().forEach(m -> b.append("        <members>").append(MetadataXml.esc(m)).append("</members>\n"));
            b.append("        <name>").append(MetadataXml.esc(type)).append("</name>\n    </types>\n");
        });
        return b.append("    <version>").append(version).append("</version>\n</Package>\n").toString();
    }

    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
