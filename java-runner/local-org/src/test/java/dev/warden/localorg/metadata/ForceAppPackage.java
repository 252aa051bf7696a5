package dev.warden.localorg.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The repository's force-app as an mdapi zip, converted the way {@code sf project convert source} does for the
 * types it holds (objects merged with their fields and list views, -meta.xml dropped), so engine tests can deploy
 * the real package without spending sf calls.
 */
final class ForceAppPackage {
    private ForceAppPackage() {}

    static byte[] zip() throws IOException {
        Path root = Path.of(System.getProperty("warden.root", "../..")).resolve("force-app/main/default");
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, List<String>> members = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                String folder = rel.substring(0, rel.indexOf('/'));
                String name = p.getFileName().toString();
                if (folder.equals("objects")) {
                    continue;
                }
                String type = typeOf(folder);
                if (type == null) {
                    continue;
                }
                if (name.endsWith("-meta.xml")
                        && MetadataUnits.find(type).type().metaFile()) {
                    files.put(folder + "/" + name, Files.readAllBytes(p)); // sub-folders flatten, as sf converts them
                    continue;
                }
                String mdapiName = name.endsWith("-meta.xml") ? name.substring(0, name.length() - 9) : name;
                if (MetadataUnits.find(type).type().metaFile() && mdapiName.endsWith(".json")) {
                    mdapiName = mdapiName.substring(0, mdapiName.lastIndexOf('.')) + ".resource";
                }
                String member = mdapiName.substring(0, mdapiName.lastIndexOf('.'));
                files.put(folder + "/" + mdapiName, Files.readAllBytes(p));
                members.computeIfAbsent(type, k -> new ArrayList<>()).add(member);
            }
        }
        try (Stream<Path> objects = Files.list(root.resolve("objects"))) {
            for (Path dir : objects.sorted().toList()) {
                String object = dir.getFileName().toString();
                String head = Files.readString(dir.resolve(object + ".object-meta.xml"));
                StringBuilder body = new StringBuilder(head.substring(0, head.lastIndexOf("</CustomObject>")));
                for (String sub : List.of("fields", "listViews")) {
                    Path subDir = dir.resolve(sub);
                    if (!Files.isDirectory(subDir)) {
                        continue;
                    }
                    try (Stream<Path> items = Files.list(subDir)) {
                        for (Path item : items.sorted().toList()) {
                            String xml = Files.readString(item);
                            int open = xml.indexOf('>', xml.indexOf("<", xml.indexOf("?>") + 2)) + 1;
                            String inner = xml.substring(open, xml.lastIndexOf("</"));
                            body.append("<")
                                    .append(sub)
                                    .append(">")
                                    .append(inner)
                                    .append("</")
                                    .append(sub)
                                    .append(">\n");
                            String itemName = item.getFileName().toString();
                            members.computeIfAbsent(
                                            sub.equals("fields") ? "CustomField" : "ListView", k -> new ArrayList<>())
                                    .add(object + "." + itemName.substring(0, itemName.indexOf('.')));
                        }
                    }
                }
                body.append("</CustomObject>\n");
                files.put("objects/" + object + ".object", body.toString().getBytes(StandardCharsets.UTF_8));
                members.computeIfAbsent("CustomObject", k -> new ArrayList<>()).add(object);
            }
        }
        files.put("package.xml", MdapiPackage.packageXml(members, "62.0").getBytes(StandardCharsets.UTF_8));
        return MdapiPackage.zip(files);
    }

    private static String typeOf(String folder) {
        for (MetadataUnit u : MetadataUnits.registered()) {
            MetadataType t = u.type();
            if (t.directoryName().equals(folder)
                    && !t.isChild()
                    && !t.bundle()
                    && !t.name().equals("CustomObject")) {
                return t.name();
            }
        }
        return null;
    }
}
