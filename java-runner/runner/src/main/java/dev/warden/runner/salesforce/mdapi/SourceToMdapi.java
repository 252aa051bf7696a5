package dev.warden.runner.salesforce.mdapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Source format (a package directory such as force-app) to a Metadata API deploy zip, in Java, for the metadata types
 * the Warden package holds — so {@code up} deploys without paying an sf start-up. The conversion is the one
 * {@code sf project convert source} makes: sub-folders flatten, {@code X.suffix-meta.xml} becomes {@code X.suffix}
 * except beside a content file (classes, triggers, static resources keep both; a static resource's content file is
 * renamed {@code .resource}), a decomposed object folder is merged into one {@code objects/X.object}, and
 * {@code package.xml} lists every member. A source tree holding anything else (another type, a bundle such as lwc, an
 * object child this class does not know) is not converted: {@link #convert} says why and the caller deploys with sf.
 */
public final class SourceToMdapi {

    /** A source folder of one type: its Metadata API name, the mdapi suffix, and whether a content file has a -meta.xml. */
    record FolderType(String type, String suffix, boolean contentWithMeta) {}

    static final Map<String, FolderType> FOLDERS = Map.ofEntries(
            Map.entry("classes", new FolderType("ApexClass", "cls", true)),
            Map.entry("triggers", new FolderType("ApexTrigger", "trigger", true)),
            Map.entry("staticresources", new FolderType("StaticResource", "resource", true)),
            Map.entry("customMetadata", new FolderType("CustomMetadata", "md", false)),
            Map.entry("customPermissions", new FolderType("CustomPermission", "customPermission", false)),
            Map.entry("externalClientApps", new FolderType("ExternalClientApplication", "eca", false)),
            Map.entry(
                    "extlClntAppOauthPolicies",
                    new FolderType("ExtlClntAppOauthConfigurablePolicies", "ecaOauthPlcy", false)),
            Map.entry("extlClntAppOauthSettings", new FolderType("ExtlClntAppOauthSettings", "ecaOauth", false)),
            Map.entry("extlClntAppPolicies", new FolderType("ExtlClntAppConfigurablePolicies", "ecaPlcy", false)),
            Map.entry("layouts", new FolderType("Layout", "layout", false)),
            Map.entry("permissionsets", new FolderType("PermissionSet", "permissionset", false)),
            Map.entry("tabs", new FolderType("CustomTab", "tab", false)),
            Map.entry("labels", new FolderType("CustomLabels", "labels", false)));

    /** Decomposed children of an object folder: sub-folder = element name in the .object file, and the member type. */
    static final Map<String, String> OBJECT_CHILDREN = Map.of(
            "fields",
            "CustomField",
            "listViews",
            "ListView",
            "validationRules",
            "ValidationRule",
            "recordTypes",
            "RecordType",
            "compactLayouts",
            "CompactLayout",
            "webLinks",
            "WebLink",
            "fieldSets",
            "FieldSet",
            "businessProcesses",
            "BusinessProcess");

    /** The order sf writes an object's child kinds in (UNCONFIRMED beyond fields before listViews, which we compared). */
    static final List<String> CHILD_ORDER = List.of(
            "fields",
            "listViews",
            "validationRules",
            "recordTypes",
            "compactLayouts",
            "webLinks",
            "fieldSets",
            "businessProcesses");

    /**
     * The deploy zip and where each of its files came from.
     *
     * @param sources mdapi path in the zip (e.g. {@code classes/X.cls}) → source path relative to the project
     *                directory; an object's children are keyed {@code objects/X.object#Field__c}
     */
    public record Converted(byte[] zip, Map<String, List<String>> members, Map<String, String> sources, int files) {
        /** The source file a deploy message names: the child's own file for an object's field, list view, .... */
        public String sourceOf(String mdapiFileName, String fullName) {
            if (mdapiFileName == null) {
                return null;
            }
            String name = mdapiFileName.replaceFirst("^[^/]*package/", "").replaceFirst("^unpackaged/", "");
            if (fullName != null && fullName.contains(".") && name.endsWith(".object")) {
                String child = sources.get(name + "#" + fullName.substring(fullName.indexOf('.') + 1));
                if (child != null) {
                    return child;
                }
            }
            return sources.getOrDefault(name, mdapiFileName);
        }
    }

    /** Either the converted package or the reason this tree needs sf's converter. */
    public record Result(Optional<Converted> converted, String notConvertible) {}

    private final Path projectDir;
    private final String apiVersion;

    public SourceToMdapi(Path projectDir, String apiVersion) {
        this.projectDir = projectDir;
        this.apiVersion = apiVersion;
    }

    public Result convert(String packageDir) {
        Path root = projectDir.resolve(packageDir);
        List<PathMatcher> ignored = forceIgnore();
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        Map<String, List<String>> members = new TreeMap<>();
        Map<Path, List<Path>> objects = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : all) {
            Path rel = projectDir.relativize(p);
            if (ignored.stream().anyMatch(m -> m.matches(rel))
                    || rel.getFileName().toString().startsWith(".")) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            root.relativize(p).forEach(s -> parts.add(s.toString()));
            int at = typeFolder(parts);
            if (at < 0) {
                return notConvertible(rel + " is in no metadata folder this converter knows");
            }
            String folder = parts.get(at);
            if (folder.equals("objects")) {
                if (parts.size() - at < 3) {
                    return notConvertible(rel + " is not in an object's folder");
                }
                objects.computeIfAbsent(
                                p.getParent().getFileName().toString().equals(parts.get(at + 1))
                                        ? p.getParent()
                                        : p.getParent().getParent(),
                                k -> new ArrayList<>())
                        .add(p);
                continue;
            }
            if (parts.size() - at < 2) {
                return notConvertible(rel + " is not a component file");
            }
            FolderType t = FOLDERS.get(folder);
            String name = p.getFileName().toString();
            String mdapiName;
            if (name.endsWith("." + t.suffix() + "-meta.xml")) {
                mdapiName = t.contentWithMeta() ? name : name.substring(0, name.length() - "-meta.xml".length());
            } else if (t.contentWithMeta() && !name.endsWith("-meta.xml")) {
                String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                mdapiName = base + "." + t.suffix();
                if (!Files.exists(p.resolveSibling(base + "." + t.suffix() + "-meta.xml"))) {
                    return notConvertible(rel + " has no " + base + "." + t.suffix() + "-meta.xml beside it");
                }
            } else {
                return notConvertible(rel + " is not a " + t.type() + " file (." + t.suffix() + "-meta.xml)");
            }
            String path = folder + "/" + mdapiName;
            if (files.containsKey(path)) {
                return notConvertible(rel + " and " + sources.get(path) + " are the same component " + path);
            }
            files.put(path, read(p));
            sources.put(path, rel.toString().replace('\\', '/'));
            if (!mdapiName.endsWith("-meta.xml")) {
                members.computeIfAbsent(t.type(), k -> new ArrayList<>())
                        .add(mdapiName.substring(
                                0, mdapiName.length() - t.suffix().length() - 1));
            }
        }
        for (Map.Entry<Path, List<Path>> o : objects.entrySet()) {
            String object = o.getKey().getFileName().toString();
            String error = mergeObject(object, o.getKey(), o.getValue(), files, sources, members);
            if (error != null) {
                return notConvertible(error);
            }
        }
        members.values().forEach(l -> l.sort(Comparator.naturalOrder()));
        files.put("package.xml", packageXml(members).getBytes(StandardCharsets.UTF_8));
        return new Result(Optional.of(new Converted(zip(files), members, sources, files.size())), null);
    }

    private static Result notConvertible(String why) {
        return new Result(Optional.empty(), why);
    }

    /** Index of the path part naming a known type folder (sf finds types by folder name at any depth). */
    private static int typeFolder(List<String> parts) {
        for (int i = 0; i < parts.size() - 1; i++) {
            if (FOLDERS.containsKey(parts.get(i)) || parts.get(i).equals("objects")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code objects/X/X.object-meta.xml} plus {@code objects/X/fields/F.field-meta.xml}, ... → one {@code X.object}:
     * the object's own elements, then each child wrapped in its element ({@code <fields>}, ...), kinds in a fixed order
     * and members by name — the layout {@code sf project convert source} writes. Child text is kept as written.
     */
    private String mergeObject(
            String object,
            Path dir,
            List<Path> parts,
            Map<String, byte[]> files,
            Map<String, String> sources,
            Map<String, List<String>> members) {
        Path head = dir.resolve(object + ".object-meta.xml");
        if (!Files.exists(head)) {
            // UNCONFIRMED whether sf deploys fields of a standard object without its object-meta.xml; not needed here.
            return projectDir.relativize(dir) + " has no " + object + ".object-meta.xml";
        }
        String mdapi = "objects/" + object + ".object";
        Map<String, List<Path>> byKind = new TreeMap<>(Comparator.comparingInt(CHILD_ORDER::indexOf));
        for (Path p : parts) {
            if (p.equals(head)) {
                continue;
            }
            Path rel = dir.relativize(p);
            String sub = rel.getNameCount() == 2 ? rel.getName(0).toString() : null;
            if (sub == null
                    || !OBJECT_CHILDREN.containsKey(sub)
                    || !p.getFileName().toString().endsWith("-meta.xml")) {
                return projectDir.relativize(p) + " is not an object child this converter knows ("
                        + String.join(", ", CHILD_ORDER) + ")";
            }
            byKind.computeIfAbsent(sub, k -> new ArrayList<>()).add(p);
        }
        String headXml = readString(head);
        int close = headXml.lastIndexOf("</CustomObject>");
        if (close < 0) {
            return projectDir.relativize(head) + " is not a CustomObject";
        }
        StringBuilder body = new StringBuilder(headXml.substring(0, close).stripTrailing()).append('\n');
        for (Map.Entry<String, List<Path>> kind : byKind.entrySet()) {
            for (Path p : kind.getValue()) {
                String xml = readString(p);
                int declEnd = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
                int open = xml.indexOf('>', xml.indexOf('<', declEnd)) + 1;
                int end = xml.lastIndexOf("</");
                if (open <= 0 || end < open) {
                    return projectDir.relativize(p) + " is not an XML element";
                }
                String inner = xml.substring(open, end).strip();
                body.append("    <")
                        .append(kind.getKey())
                        .append(">\n        ")
                        .append(inner.replace("\n", "\n    "))
                        .append("\n    </")
                        .append(kind.getKey())
                        .append(">\n");
                String fileName = p.getFileName().toString();
                String member = fileName.substring(0, fileName.indexOf('.'));
                members.computeIfAbsent(OBJECT_CHILDREN.get(kind.getKey()), k -> new ArrayList<>())
                        .add(object + "." + member);
                sources.put(
                        mdapi + "#" + member,
                        projectDir.relativize(p).toString().replace('\\', '/'));
            }
        }
        body.append("</CustomObject>\n");
        files.put(mdapi, body.toString().getBytes(StandardCharsets.UTF_8));
        sources.put(mdapi, projectDir.relativize(head).toString().replace('\\', '/'));
        members.computeIfAbsent("CustomObject", k -> new ArrayList<>()).add(object);
        return null;
    }

    private List<PathMatcher> forceIgnore() {
        Path f = projectDir.resolve(".forceignore");
        List<PathMatcher> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : readString(f).lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String glob = line.startsWith("/")
                    ? line.substring(1)
                    : line.contains("/") && !line.startsWith("**/")
                            ? line
                            : line.startsWith("**/") ? line : "**/" + line;
            PathMatcher exact = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            PathMatcher under = FileSystems.getDefault().getPathMatcher("glob:" + glob + "/**");
            PathMatcher top = glob.startsWith("**/")
                    ? FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3))
                    : exact;
            PathMatcher topUnder = glob.startsWith("**/")
                    ? FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3) + "/**")
                    : under;
            out.add(p -> exact.matches(p) || under.matches(p) || top.matches(p) || topUnder.matches(p));
        }
        return out;
    }

    private String packageXml(Map<String, List<String>> members) {
        StringBuilder x = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n");
        for (Map.Entry<String, List<String>> t : members.entrySet()) {
            x.append("    <types>\n");
            for (String m : t.getValue()) {
                x.append("        <members>")
                        .append(m.replace("&", "&amp;").replace("<", "&lt;"))
                        .append("</members>\n");
            }
            x.append("        <name>").append(t.getKey()).append("</name>\n    </types>\n");
        }
        return x.append("    <version>")
                .append(apiVersion)
                .append("</version>\n</Package>\n")
                .toString();
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path p) {
        return new String(read(p), StandardCharsets.UTF_8);
    }

    static byte[] zip(Map<String, byte[]> files) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : new LinkedHashMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
