package dev.warden.localorg.metadata;

import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * A retrieve: the requested members (or {@code *}) as an mdapi zip under {@code unpackaged/} (or at the root for
 * {@code singlePackage}), with a package.xml and one file-properties line per file, the package.xml line typed
 * {@code Package} (sf-cli-wire-samples/13_retrieve). Members that share a file (an object and its fields, labels)
 * are merged into that one file.
 */
public final class Retriever {
    private Retriever() {}

    public record Request(Map<String, List<String>> members, String apiVersion, boolean singlePackage) {}

    /** One file-properties line. */
    public record FileEntry(String type, String fullName, String fileName, String id) {}

    public record Result(byte[] zip, List<FileEntry> files, List<String> messages) {}

    public static Result retrieve(Org org, Request request) {
        String root = request.singlePackage() ? "" : "unpackaged/";
        Map<String, byte[]> zip = new TreeMap<>();
        List<FileEntry> entries = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : request.members().entrySet()) {
            String type = e.getKey();
            MetadataUnit unit = MetadataUnits.find(type);
            if (unit == null) {
                messages.add("Entity type: '" + type + "' is unknown");
                continue;
            }
            List<String> names = e.getValue().contains("*") ? OrgMetadataFiles.list(org, type) : e.getValue();
            for (String member : names) {
                Map<String, byte[]> files = unit.files(org, member);
                if (files.isEmpty()) {
                    // The platform's warning for a named member it does not have.
                    messages.add("Entity of type '" + type + "' named '" + member + "' cannot be found");
                    continue;
                }
                found.computeIfAbsent(type, k -> new ArrayList<>()).add(member);
                boolean first = true;
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    zip.merge(root + f.getKey(), f.getValue(), Retriever::mergeShared);
                    if (first) {
                        entries.add(new FileEntry(type, member, root + f.getKey(), unit.recordId(org, member)));
                        first = false;
                    }
                }
            }
        }
        String version = request.apiVersion() == null ? "62.0" : request.apiVersion();
        zip.put(root + "package.xml", MdapiPackage.packageXml(found, version).getBytes(StandardCharsets.UTF_8));
        entries.add(new FileEntry("Package", root + "package.xml", root + "package.xml", ""));
        return new Result(MdapiPackage.zip(zip), entries, messages);
    }

    /**
     * Two members giving the same file (CustomObject and its CustomFields, two CustomLabels): the elements of the
     * second that the first lacks (same element name and fullName) are added to the first.
     */
    static byte[] mergeShared(byte[] first, byte[] second) {
        try {
            Element a = MetadataXml.parse(first);
            Element b = MetadataXml.parse(second);
            for (Element e : MetadataXml.children(b)) {
                String name = MetadataXml.text(e, "fullName");
                boolean present = false;
                for (Element x : MetadataXml.children(a, MetadataXml.localName(e))) {
                    present |= name == null
                            ? x.getTextContent()
                                    .trim()
                                    .equals(e.getTextContent().trim())
                            : name.equalsIgnoreCase(MetadataXml.text(x, "fullName"));
                }
                if (!present) {
                    a.appendChild(a.getOwnerDocument().importNode(e, true));
                }
            }
            return XmlOut.serialize(a);
        } catch (MetadataXml.MalformedXml e) {
            return first;
        }
    }
}
