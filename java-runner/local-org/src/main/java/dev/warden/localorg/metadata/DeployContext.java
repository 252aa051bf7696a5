package dev.warden.localorg.metadata;

import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.localName;
import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * What a unit sees of one deploy: the org, who deploys, every component of the deploy (so a permission set may name a
 * class deployed alongside it), the parent files read from the zip, and the stored files the deploy will leave behind
 * once it commits (nothing is stored when it rolls back or only validates).
 */
public final class DeployContext {
    private final Org org;
    private final String actor;
    private final Caller sys;
    private final List<Component> components = new ArrayList<>();
    /** Parent files (objects/X.object, labels/CustomLabels.labels, ...) read from the zip, by path; null = unreadable. */
    private final Map<String, Element> parentFiles = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    DeployContext(Org org, String actor) {
        this.org = org;
        this.actor = actor;
        this.sys = Caller.system(actor);
    }

    public Org org() {
        return org;
    }

    public String actor() {
        return actor;
    }
    /** A system caller acting for the deploying user (deploys bypass record-level access). */
    public Caller sys() {
        return sys;
    }

    public List<Component> components() {
        return components;
    }

    void add(Component c) {
        components.add(c);
    }

    Map<String, Element> parentFiles() {
        return parentFiles;
    }

    /** The deploy's component of this type and name (case-insensitive), or null. */
    public Component deployed(String type, String name) {
        return components.stream()
                .filter(c -> c.type().equals(type) && c.fullName().equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
    }

    public boolean deploying(String type, String name) {
        return deployed(type, name) != null;
    }

    /** The deploy's {@code objects/<name>.object}, or null when the deploy has none (or it could not be read). */
    public Element objectFile(String name) {
        return parentFiles.get("objects/" + name + ".object");
    }

    /** The object is in the org's schema or defined by this deploy. */
    public boolean objectKnown(String name) {
        return name != null
                && (org.schema().get(name) != null || parentFiles.containsKey("objects/" + name + ".object"));
    }

    /** {@code Object.Field} is in the org's schema or in an object file of this deploy. */
    public boolean fieldKnown(String field) {
        if (field == null || field.indexOf('.') < 0) {
            return false;
        }
        String obj = field.substring(0, field.indexOf('.'));
        String name = field.substring(field.indexOf('.') + 1);
        if (org.schema().get(obj) != null && org.schema().get(obj).field(name) != null) {
            return true;
        }
        Element file = objectFile(obj);
        return file != null && find(file, "fields", name) != null;
    }

    /** Fails the component unless its XML's root element is {@code root}. */
    public boolean requireRoot(Component c, String root) {
        if (c.xml() == null) {
            c.fail(c.fileName() + " could not be read");
            return false;
        }
        if (!localName(c.xml()).equals(root)) {
            c.fail(
                    "Expected a " + root + " element at the root of " + c.fileName() + ", found " + localName(c.xml()),
                    1,
                    1);
            return false;
        }
        return true;
    }

    /** The child element {@code listName} whose fullName is {@code fullName} (case-insensitive), or null. */
    public static Element find(Element parent, String listName, String fullName) {
        for (Element e : children(parent, listName)) {
            if (fullName.equalsIgnoreCase(text(e, "fullName"))) {
                return e;
            }
        }
        return null;
    }

    /** The stored component as the org has it now (deploys write through; the engine restores on rollback). */
    public DeployedFiles.StoredFile stored(String type, String fullName) {
        return DeployedFiles.of(org).get(type, fullName);
    }

    /** Keeps the component's files, as deployed, for retrieve. */
    public void keep(Component c) {
        if (!c.files().isEmpty()) {
            store(new DeployedFiles.StoredFile(c.type(), c.fullName(), c.fileName(), c.files()));
        }
    }

    /** Stores a component's files (undone with the rest of the deploy when it rolls back). */
    public void store(DeployedFiles.StoredFile f) {
        DeployedFiles.of(org).put(f);
    }

    /** Forgets a stored component (undone when the deploy rolls back). */
    public void unstore(String type, String fullName) {
        DeployedFiles.of(org).remove(type, fullName);
    }
}
