package dev.warden.localorg.devhub.packaging.install;

import dev.warden.localorg.metadata.MdapiPackage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A managed package version's metadata as it lands in a subscriber org: its custom objects, events, custom metadata
 * types and their custom fields carry the package namespace ({@code Scan_Request__c} → {@code wdn__Scan_Request__c},
 * {@code Status__c} → {@code wdn__Status__c}), in file names, package.xml members and every XML element whose whole
 * text names one of them (field {@code fullName}, {@code referenceTo}, permission sets' {@code object} and
 * {@code Obj.Field}, layouts, list views, tabs, custom metadata records' {@code field}).
 *
 * <p>Not rewritten, on purpose: Apex source (its unqualified names resolve inside the namespace at run time:
 * {@code model.Namespaces}); names of classes, triggers, permission sets, custom permissions and static resources
 * (on Salesforce their records keep the bare Name and carry {@code NamespacePrefix}, set after the deploy by
 * {@link NamespaceMarks}). Formulas and validation-rule expressions are not rewritten: a package that has them is
 * refused ({@link #rewrite}), not installed with names that would not resolve.
 */
final class Namespacer {
    private static final Pattern TEXT = Pattern.compile(">([A-Za-z0-9_.]+)<");
    private static final Pattern FIELD_FULL_NAME = Pattern.compile("<fields>\\s*<fullName>([^<]+)</fullName>");
    private static final Set<String> CUSTOM_OBJECT_SUFFIXES = Set.of("__c", "__e", "__mdt", "__b", "__x");

    private final String ns;
    private final Set<String> objects = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> fields = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    private Namespacer(String ns) {
        this.ns = ns;
    }

    /** Thrown for metadata the namespacing cannot carry over faithfully. */
    static final class NotSupported extends Exception {
        private static final long serialVersionUID = 1L;

        NotSupported(String message) {
            super(message);
        }
    }

    /** The namespaced zip, plus the package.xml members it holds (namespaced). */
    record Rewritten(byte[] zip, Map<String, List<String>> members) {}

    static Rewritten rewrite(MdapiPackage pkg, String namespace) throws NotSupported {
        Namespacer n = new Namespacer(namespace);
        n.collect(pkg);
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : pkg.files().entrySet()) {
            if (e.getKey().equals("package.xml")) {
                continue;
            }
            byte[] content = e.getValue();
            if (isXml(content)) {
                String xml = new String(content, StandardCharsets.UTF_8);
                if (xml.contains("<formula>") || xml.contains("<errorConditionFormula>")) {
                    throw new NotSupported("not supported by the local org: formulas and validation rules in a"
                            + " namespaced (managed) package (" + e.getKey() + "): their field references are not"
                            + " namespaced by the local install");
                }
                content = n.rewriteText(xml).getBytes(StandardCharsets.UTF_8);
            }
            out.put(n.rewritePath(e.getKey()), content);
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        pkg.members().forEach((type, names) -> {
            List<String> renamed = new ArrayList<>();
            for (String m : names) {
                renamed.add(n.rewriteMember(m));
            }
            members.put(type, renamed);
        });
        out.put(
                "package.xml",
                MdapiPackage.packageXml(members, pkg.version() == null ? "62.0" : pkg.version())
                        .getBytes(StandardCharsets.UTF_8));
        return new Rewritten(MdapiPackage.zip(out), members);
    }

    private void collect(MdapiPackage pkg) {
        for (String o : pkg.members().getOrDefault("CustomObject", List.of())) {
            if (isCustom(o)) {
                objects.add(o);
            }
        }
        for (String f : pkg.members().getOrDefault("CustomField", List.of())) {
            int dot = f.indexOf('.');
            if (dot > 0 && f.endsWith("__c")) {
                fields.add(f.substring(dot + 1));
            }
        }
        for (Map.Entry<String, byte[]> e : pkg.files().entrySet()) {
            if (e.getKey().startsWith("objects/")) {
                Matcher m = FIELD_FULL_NAME.matcher(new String(e.getValue(), StandardCharsets.UTF_8));
                while (m.find()) {
                    if (m.group(1).trim().endsWith("__c")) {
                        fields.add(m.group(1).trim());
                    }
                }
            }
        }
    }

    private static boolean isCustom(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CUSTOM_OBJECT_SUFFIXES.stream().anyMatch(lower::endsWith)
                && dev.warden.localorg.model.Namespaces.namespaceOf(name) == null;
    }

    private static boolean isXml(byte[] content) {
        int i = 0;
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    String prefixed(String name) {
        return ns + "__" + name;
    }

    private String object(String name) {
        return objects.contains(name) ? prefixed(name) : name;
    }

    /** A custom metadata record's type part: {@code Protection_Policy} names {@code Protection_Policy__mdt}. */
    private String cmdtType(String typePart) {
        return objects.contains(typePart + "__mdt") ? prefixed(typePart) : typePart;
    }

    private String rewriteText(String xml) {
        Matcher m = TEXT.matcher(xml);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(">" + token(m.group(1)) + "<"));
        }
        m.appendTail(b);
        return b.toString();
    }

    private String token(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            if (objects.contains(text)) {
                return prefixed(text);
            }
            return fields.contains(text) ? prefixed(text) : text;
        }
        String head = text.substring(0, dot);
        String tail = text.substring(dot + 1);
        if (objects.contains(head)) {
            return prefixed(head) + "." + (fields.contains(tail) ? prefixed(tail) : tail);
        }
        if (fields.contains(tail) && tail.indexOf('.') < 0) {
            return head + "." + prefixed(tail); // a package field on a standard object
        }
        return text;
    }

    /** package.xml member: {@code Obj}, {@code Obj.Child}, {@code Obj-Layout}, {@code CmdtType.Record}. */
    String rewriteMember(String member) {
        int cut = firstOf(member, '.', '-');
        if (cut < 0) {
            return object(member);
        }
        String head = member.substring(0, cut);
        String rest = member.substring(cut + 1);
        String newHead = objects.contains(head) ? prefixed(head) : cmdtType(head);
        if (member.charAt(cut) == '.' && fields.contains(rest)) {
            rest = prefixed(rest);
        }
        return newHead + member.charAt(cut) + rest;
    }

    private String rewritePath(String path) {
        int slash = path.indexOf('/');
        if (slash < 0) {
            return path;
        }
        String folder = path.substring(0, slash);
        String file = path.substring(slash + 1);
        if (file.contains("/")) {
            return path; // bundles and folders keep their names
        }
        int ext = file.indexOf('.', file.startsWith(".") ? 1 : 0);
        return switch (folder) {
            case "objects", "tabs" -> {
                int e = file.lastIndexOf('.');
                yield folder + "/" + object(file.substring(0, e)) + file.substring(e);
            }
            case "layouts" -> {
                int dash = file.indexOf('-');
                yield dash < 0 ? path : folder + "/" + object(file.substring(0, dash)) + file.substring(dash);
            }
            case "customMetadata" ->
                ext < 0 ? path : folder + "/" + cmdtType(file.substring(0, ext)) + file.substring(ext);
            default -> path;
        };
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
