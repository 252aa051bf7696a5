package dev.warden.localorg.metadata;

import java.util.List;

/**
 * How one Metadata API type sits in an mdapi zip, as {@code describeMetadata} describes it: its folder
 * ({@code directoryName}), file suffix, whether members live in folders ({@code inFolder}, member
 * {@code Folder/Name}), whether a content file carries a {@code -meta.xml} companion ({@code metaFile}), and the child
 * types kept inside its file. A child type ({@code parent} set) has no file of its own: it is the {@code element}
 * list of its parent's file (CustomField is {@code <fields>} in {@code objects/X.object}). A bundle is a folder per
 * member ({@code lwc/name/...}).
 *
 * @param suffix file suffix without the dot; null when the file keeps its own extension (Document)
 */
public record MetadataType(
        String name,
        String directoryName,
        String suffix,
        boolean inFolder,
        boolean metaFile,
        List<String> childXmlNames,
        String parent,
        String element,
        boolean bundle) {

    public MetadataType {
        childXmlNames = childXmlNames == null ? List.of() : List.copyOf(childXmlNames);
    }

    /** A type whose member is one XML file {@code directory/member.suffix}. */
    public static MetadataType xml(String name, String directory, String suffix) {
        return new MetadataType(name, directory, suffix, false, false, List.of(), null, null, false);
    }

    /** A type whose member is a content file plus its {@code -meta.xml} (ApexClass, StaticResource). */
    public static MetadataType withMeta(String name, String directory, String suffix) {
        return new MetadataType(name, directory, suffix, false, true, List.of(), null, null, false);
    }

    /** A type kept as the {@code element} list inside its parent's file. */
    public static MetadataType child(String name, MetadataType parent, String element) {
        return new MetadataType(
                name, parent.directoryName(), parent.suffix(), false, false, List.of(), parent.name(), element, false);
    }

    /** A type whose member is a folder of files {@code directory/member/...}. */
    public static MetadataType bundle(String name, String directory) {
        return new MetadataType(name, directory, null, false, false, List.of(), null, null, true);
    }

    public MetadataType withChildren(List<String> children) {
        return new MetadataType(name, directoryName, suffix, inFolder, metaFile, children, parent, element, bundle);
    }

    public boolean isChild() {
        return parent != null;
    }

    /** A folder of an in-folder type: {@code Reports} or, as sf sometimes lists it, {@code Reports/}. */
    public boolean isFolder(String member) {
        return inFolder && (member.indexOf('/') < 0 || member.indexOf('/') == member.length() - 1);
    }

    /** The member's main file (for content types the content file, for child types the parent's file). */
    public String fileName(String member) {
        if (isChild()) {
            int dot = member.indexOf('.');
            String parentMember = dot < 0 ? member : member.substring(0, dot);
            return directoryName + "/" + parentMember + "." + suffix;
        }
        if (bundle) {
            return directoryName + "/" + member;
        }
        if (isFolder(member)) {
            return directoryName + "/" + (member.endsWith("/") ? member.substring(0, member.length() - 1) : member)
                    + "-meta.xml";
        }
        return directoryName + "/" + member + (suffix == null || suffix.isEmpty() ? "" : "." + suffix);
    }
}
