package dev.warden.localorg.metadata;

import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Everything the local org knows about one metadata type, in one place: its zip layout, how a deployed member is
 * validated and applied, and how the org gives it back (retrieve, readMetadata, listMetadata) or removes it
 * (deleteMetadata, destructive changes). Units are listed, in deploy order, in {@link MetadataUnits}.
 *
 * <p>Validation records problems on the component ({@link Component#fail}); it may look at the org and at the rest
 * of the deploy through the {@link DeployContext}, and leaves what it parsed in {@link Component#parsed} for apply.
 * Apply runs inside the deploy's transaction and may throw {@link dev.warden.localorg.data.OrgException} or
 * {@link IllegalArgumentException}, which fail the component.
 */
public interface MetadataUnit {
    /** The type's name and layout in an mdapi zip. */
    MetadataType type();

    default String name() {
        return type().name();
    }

    /** The zip path of the member's main file (a child type's is its parent's file). */
    default String fileOf(String member) {
        return type().fileName(member);
    }

    /** Checks the component against the org and the deploy; records problems with {@link Component#fail}. */
    default void validate(Component c, DeployContext ctx) {
        ctx.requireRoot(c, name());
    }

    /** Puts the validated component into the org. */
    void apply(Component c, DeployContext ctx);

    /**
     * True when apply changes state kept outside the records and the schema (ECAs, settings, IP ranges), which the
     * deploy transaction cannot roll back: a check-only deploy validates these and does not apply them.
     */
    default boolean keptOutsideTransaction() {
        return false;
    }

    /** Member names present in the org, any order. */
    List<String> list(Org org);

    /** The member's files (path relative to the package root to bytes); empty when the org has no such member. */
    Map<String, byte[]> files(Org org, String member);

    /**
     * The files of a member whose whole content is one XML file (units that build the XML in {@link #readXml}):
     * that file, or none when {@code xml} is null.
     */
    static Map<String, byte[]> oneXmlFile(MetadataType type, String member, String xml) {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        if (xml != null) {
            out.put(type.fileName(member), xml.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The member's metadata XML (for content types its -meta.xml), or null when the org has no such member. */
    default String readXml(Org org, String member) {
        Map<String, byte[]> files = files(org, member);
        String main = type().fileName(member);
        byte[] bytes = type().metaFile() ? files.get(main + "-meta.xml") : files.get(main);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Removes the member (deleteMetadata, destructiveChanges).
     *
     * @throws IllegalArgumentException when the org has no such member or cannot delete this type
     */
    void delete(Org org, String actor, String member);

    /** The record id the org gives the member in file properties, or "" when it has none. */
    default String recordId(Org org, String member) {
        return "";
    }
}
