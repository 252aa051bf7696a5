package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.localName;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.DeployedFiles;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A type kept inside its parent's file (ListView is a {@code <listViews>} element of {@code objects/X.object},
 * CustomLabel a {@code <labels>} element of {@code labels/CustomLabels.labels}). Deployed with its parent, it lands
 * with the parent's file; deployed alone, it is merged into the parent the org has (added, or replacing the element
 * of the same fullName), and only it. Retrieved alone, it comes back as its parent's file holding just this element.
 */
public class ChildUnit implements MetadataUnit {
    private final MetadataType type;
    private final MetadataType parentType;
    /** The one parent member every child of this type lives in (CustomLabels), or null (parent = name before the dot). */
    private final String fixedParent;

    public ChildUnit(String name, MetadataType parentType, String element, String fixedParent) {
        this.type = MetadataType.child(name, parentType, element);
        this.parentType = parentType;
        this.fixedParent = fixedParent;
    }

    public ChildUnit(String name, MetadataType parentType, String element) {
        this(name, parentType, element, null);
    }

    @Override
    public MetadataType type() {
        return type;
    }

    protected String parentOf(String member) {
        int dot = member.indexOf('.');
        return fixedParent != null ? fixedParent : dot < 0 ? member : member.substring(0, dot);
    }

    protected String childOf(String member) {
        int dot = member.indexOf('.');
        return fixedParent != null ? member : member.substring(dot + 1);
    }

    @Override
    public String fileOf(String member) {
        return parentType.fileName(parentOf(member));
    }

    /** The component's element in the deployed parent file; fails the component when it is not there. */
    protected Element element(Component c, DeployContext ctx) {
        if (fixedParent == null && c.fullName().indexOf('.') < 0) {
            c.fail("Invalid fullName " + c.fullName() + ": expected " + parentType.name() + ".Name");
            return null;
        }
        if (c.xml() == null) {
            c.fail(c.fileName() + " could not be read");
            return null;
        }
        Element e = DeployContext.find(c.xml(), type.element(), childOf(c.fullName()));
        if (e == null) {
            c.failMissingFile();
        }
        return e;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        element(c, ctx);
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        c.created(!list(ctx.org()).stream().anyMatch(c.fullName()::equalsIgnoreCase));
        ctx.org()
                .audit()
                .record(
                        ctx.actor(),
                        "Customize",
                        "changed" + type.name(),
                        "Deployed " + type.name() + " " + c.fullName());
        mergeIntoObject(c, ctx);
    }

    /**
     * Merges the component's element into the parent the org keeps, unless the parent itself is in this deploy
     * (then the parent's whole file is stored by its own unit).
     */
    protected void mergeIntoObject(Component c, DeployContext ctx) {
        String parent = parentOf(c.fullName());
        if (ctx.deploying(parentType.name(), parent) || c.xml() == null) {
            return;
        }
        Element mine = DeployContext.find(c.xml(), type.element(), childOf(c.fullName()));
        Element base = parentXml(ctx.org(), parent);
        Document doc = base.getOwnerDocument();
        Element old = DeployContext.find(base, type.element(), childOf(c.fullName()));
        Element copy = (Element) doc.importNode(mine, true);
        if (old != null) {
            base.replaceChild(copy, old);
        } else {
            base.appendChild(copy);
        }
        String path = parentType.fileName(parent);
        ctx.store(new DeployedFiles.StoredFile(parentType.name(), parent, path, XmlOut.serialize(base)));
    }

    /** The parent's XML as the org has it (its stored file, else what the parent's unit generates, else empty). */
    protected Element parentXml(Org org, String parent) {
        DeployedFiles.StoredFile f = DeployedFiles.of(org).get(parentType.name(), parent);
        String text = f != null ? new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8) : null;
        if (text == null) {
            MetadataUnit parentUnit = dev.warden.localorg.metadata.MetadataUnits.find(parentType.name());
            text = parentUnit == null ? null : parentUnit.readXml(org, parent);
        }
        if (text == null) {
            text = XmlOut.xml(parentType.name(), "");
        }
        try {
            return MetadataXml.parse(XmlOut.utf8(text));
        } catch (MetadataXml.MalformedXml e) {
            throw new IllegalStateException("stored " + parentType.name() + " " + parent + " is not readable", e);
        }
    }

    @Override
    public List<String> list(Org org) {
        List<String> out = new ArrayList<>();
        for (DeployedFiles.StoredFile f : DeployedFiles.of(org).ofType(parentType.name())) {
            try {
                Element root = MetadataXml.parse(f.bytes());
                for (Element e : children(root, type.element())) {
                    String name = text(e, "fullName");
                    if (name != null) {
                        out.add(fixedParent != null ? name : f.fullName() + "." + name);
                    }
                }
            } catch (MetadataXml.MalformedXml e) {
                // stored files were parsed when deployed
            }
        }
        return out;
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String parent = parentOf(member);
        DeployedFiles.StoredFile f = DeployedFiles.of(org).get(parentType.name(), parent);
        MetadataUnit parentUnit = dev.warden.localorg.metadata.MetadataUnits.find(parentType.name());
        String text = f != null
                ? new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8)
                : parentUnit == null ? null : parentUnit.readXml(org, parent);
        if (text == null) {
            return out;
        }
        try {
            Element root = MetadataXml.parse(XmlOut.utf8(text));
            Element mine = DeployContext.find(root, type.element(), childOf(member));
            if (mine != null) {
                out.put(
                        parentType.fileName(parent),
                        XmlOut.utf8(XmlOut.xml(localName(root), XmlOut.render(mine, "    "))));
            }
        } catch (MetadataXml.MalformedXml e) {
            // nothing to give back
        }
        return out;
    }

    @Override
    public String readXml(Org org, String member) {
        byte[] b = files(org, member).get(fileOf(member));
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void delete(Org org, String actor, String member) {
        String parent = parentOf(member);
        DeployedFiles.StoredFile f = DeployedFiles.of(org).get(parentType.name(), parent);
        Element base = f == null ? null : parentXml(org, parent);
        Element old = base == null ? null : DeployContext.find(base, type.element(), childOf(member));
        if (old == null) {
            throw new IllegalArgumentException("No " + type.name() + " named " + member + " found");
        }
        base.removeChild(old);
        DeployedFiles.of(org)
                .put(new DeployedFiles.StoredFile(parentType.name(), parent, f.fileName(), XmlOut.serialize(base)));
        org.audit().record(actor, "Customize", "deleted" + type.name(), "Deleted " + type.name() + " " + member);
    }
}
