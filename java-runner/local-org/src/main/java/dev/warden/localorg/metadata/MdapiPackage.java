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
 * {@code -meta.xml} except for the companions of content files (classes, triggers, static resources); each type's
 * layout is its unit's ({@link MetadataUnits}). Reads what
 * {@code sf project deploy start} sends (sf-cli-wire-samples/05_deploy_soap) and writes what a retrieve returns.
 */
public final class MdapiPackage {

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
        return new MdapiPackage(files, members(files.get("package.xml")), MetadataXml.text(pkg, "version"));
    }

    /** A package.xml-shaped file's types in order: type name to member names (also destructiveChanges*.xml). */
    public static Map<String, List<String>> members(byte[] xml) throws MetadataXml.MalformedXml {
        Element pkg = MetadataXml.parse(xml);
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Element t : MetadataXml.children(pkg, "types")) {
            String name = MetadataXml.text(t, "name");
            members.computeIfAbsent(name == null ? "" : name, k -> new ArrayList<>())
                    .addAll(MetadataXml.texts(t, "members"));
        }
        return members;
    }

    public Map<String, byte[]> files() {
        return files;
    }
    /** package.xml types in order: type name to member names. */
    public Map<String, List<String>> members() {
        return members;
    }

    public String version() {
        return version;
    }

    public byte[] file(String path) {
        return files.get(path);
    }

    /** A package.xml for these members, sorted as the platform writes it. */
    public static String packageXml(Map<String, ? extends java.util.Collection<String>> typeMembers, String version) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"")
                .append(MetadataXml.NS)
                .append("\">\n");
        new TreeMap<>(typeMembers).forEach((type, ms) -> {
            b.append("    <types>\n");
            ms.stream()
                    .sorted()
                    .forEach(m -> b.append("        <members>")
                            .append(MetadataXml.esc(m))
                            .append("</members>\n"));
            b.append("        <name>").append(MetadataXml.esc(type)).append("</name>\n    </types>\n");
        });
        return b.append("    <version>")
                .append(version)
                .append("</version>\n</Package>\n")
                .toString();
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
