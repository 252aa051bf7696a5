package dev.warden.localorg.metadata.types;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.DeployedFiles;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.setup.Org;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A type the org does not model: validated as well-formed metadata (root element named after the type, in the
 * Metadata namespace; a folder member's root is the type's folder type) and stored byte for byte, so retrieve gives
 * back exactly what was deployed. Used for every catalogue type without a unit of its own, and registered by name
 * for the stored types the org has always kept (Layout, CustomTab, Lightning web components).
 */
public class StoredUnit implements MetadataUnit {
    private static final String TOOLING_NS = "urn:metadata.tooling.soap.sforce.com";
    private final MetadataType type;

    public StoredUnit(MetadataType type) {
        this.type = type;
    }

    @Override
    public MetadataType type() {
        return type;
    }

    /** The root element a member's XML must have: {@code ReportFolder} for a Report folder, else the type name. */
    protected String rootFor(Component c) {
        if (type.isFolder(c.fullName())) {
            return type.name().equals("EmailTemplate") ? "EmailFolder" : type.name() + "Folder";
        }
        return type.name();
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, rootFor(c))) {
            return;
        }
        String ns = c.xml().getNamespaceURI();
        // Bundle meta files written by the tooling API's conventions use its namespace; the platform accepts both.
        if (!MetadataXml.NS.equals(ns) && !TOOLING_NS.equals(ns)) {
            // Wording UNCONFIRMED: the platform rejects a file outside the Metadata namespace.
            c.fail(
                    "Error parsing file: " + c.fileName() + " must use the namespace " + MetadataXml.NS
                            + (ns == null ? " (it has none)" : ", not " + ns),
                    1,
                    1);
        }
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        c.created(ctx.stored(type.name(), c.fullName()) == null);
        ctx.org()
                .audit()
                .record(
                        ctx.actor(),
                        "Customize",
                        "changed" + type.name(),
                        "Deployed " + type.name() + " " + c.fullName());
        ctx.keep(c);
    }

    @Override
    public List<String> list(Org org) {
        return DeployedFiles.of(org).ofType(type.name()).stream()
                .map(DeployedFiles.StoredFile::fullName)
                .toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        DeployedFiles.StoredFile f = DeployedFiles.of(org).get(type.name(), member);
        return f == null ? new LinkedHashMap<>() : new LinkedHashMap<>(f.files());
    }

    @Override
    public String readXml(Org org, String member) {
        DeployedFiles.StoredFile f = DeployedFiles.of(org).get(type.name(), member);
        if (f == null) {
            return null;
        }
        for (Map.Entry<String, byte[]> e : f.files().entrySet()) {
            if (e.getKey().endsWith("-meta.xml") || !type.metaFile() && !type.bundle()) {
                return new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        if (DeployedFiles.of(org).remove(type.name(), member) == null) {
            throw new IllegalArgumentException("No " + type.name() + " named " + member + " found");
        }
        org.audit().record(actor, "Customize", "deleted" + type.name(), "Deleted " + type.name() + " " + member);
    }
}
