package dev.warden.localorg.metadata;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A retrieve: the requested members (or {@code *}) as an mdapi zip under {@code unpackaged/} (or at the root for
 * {@code singlePackage}), with a package.xml and one file-properties line per file, the package.xml line typed
 * {@code Package} (sf-cli-wire-samples/13_retrieve).
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
            if (MdapiPackage.typeInfo(type) == null) {
                messages.add("Entity type: '" + type + "' is unknown");
                continue;
            }
            List<String> names = e.getValue().contains("*") ? OrgMetadataFiles.list(org, type) : e.getValue();
            for (String member : names) {
                Map<String, byte[]> files = OrgMetadataFiles.files(org, type, member);
                if (files.isEmpty()) {
                    // The platform's warning for a named member it does not have.
                    messages.add("Entity of type '" + type + "' named '" + member + "' cannot be found");
                    continue;
                }
                found.computeIfAbsent(type, k -> new ArrayList<>()).add(member);
                boolean first = true;
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    zip.put(root + f.getKey(), f.getValue());
                    if (first) {
                        entries.add(new FileEntry(type, member, root + f.getKey(), idOf(org, type, member)));
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

    private static String idOf(Org org, String type, String member) {
        Record r = switch (type) {
            case "ApexClass", "ApexTrigger", "StaticResource", "PermissionSet", "Profile" -> org.db().findOne(type, "Name", member);
            case "CustomPermission" -> org.db().findOne(type, "DeveloperName", member);
            case "ExternalClientApplication" -> org.db().findOne(type, "DeveloperName", member);
            default -> null;
        };
        return r == null ? "" : r.id();
    }
}
