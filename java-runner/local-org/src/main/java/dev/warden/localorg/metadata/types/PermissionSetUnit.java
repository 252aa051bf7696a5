package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.bool;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.XmlOut.el;
import static dev.warden.localorg.metadata.XmlOut.el2;
import static dev.warden.localorg.metadata.XmlOut.xml;

import dev.warden.localorg.data.Caller;
import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.DeployedFiles;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.MetadataXml;
import dev.warden.localorg.metadata.PermissionDependencies;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.model.UserPermissions;
import dev.warden.localorg.setup.Org;
import dev.warden.localorg.setup.PermissionSetContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * PermissionSet: a full replace of the set's user permissions, object permissions, custom permissions and class
 * accesses (a permission left out becomes false), after the dependency, license and reference checks. Sections the
 * org does not model (fieldPermissions, tabSettings, ...) are kept as deployed and come back on retrieve.
 */
public final class PermissionSetUnit implements MetadataUnit {
    private static final MetadataType TYPE = MetadataType.xml("PermissionSet", "permissionsets", "permissionset");
    /** Sections of a permission set the org keeps as records; the rest come back as they were deployed. */
    private static final Set<String> MODELLED = Set.of(
            "classAccesses",
            "customPermissions",
            "description",
            "hasActivationRequired",
            "label",
            "license",
            "objectPermissions",
            "userPermissions");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, "PermissionSet")) {
            return;
        }
        Org org = ctx.org();
        Element x = c.xml();
        String label = text(x, "label");
        if (label == null || label.isEmpty()) {
            c.fail("Required field is missing: label");
            return;
        }
        Set<String> perms = new LinkedHashSet<>();
        for (Element up : children(x, "userPermissions")) {
            String name = text(up, "name");
            String canonical = name == null ? null : UserPermissions.canonical(name);
            if (canonical == null) {
                // Wording from SFDO-Community/declarative-lookup-rollup-summaries #58 (metadata-and-api.md 4.4).
                c.fail("Unknown user permission: " + name);
                return;
            }
            if (bool(up, "enabled", false)) {
                perms.add(canonical);
            }
        }
        String dependency = PermissionDependencies.checkUserPermissions(perms);
        if (dependency != null) {
            c.fail(dependency);
            return;
        }
        List<PermissionSetContent.ObjectPermission> objects = new ArrayList<>();
        for (Element op : children(x, "objectPermissions")) {
            String object = text(op, "object");
            if (object == null || !ctx.objectKnown(object)) {
                c.fail("In field: object - no CustomObject named " + object + " found");
                return;
            }
            boolean read = bool(op, "allowRead", false);
            boolean create = bool(op, "allowCreate", false);
            boolean edit = bool(op, "allowEdit", false);
            boolean delete = bool(op, "allowDelete", false);
            boolean viewAll = bool(op, "viewAllRecords", false);
            boolean modifyAll = bool(op, "modifyAllRecords", false);
            String objDep = PermissionDependencies.checkObject(object, read, create, edit, delete, viewAll, modifyAll);
            if (objDep != null) {
                c.fail(objDep);
                return;
            }
            objects.add(
                    new PermissionSetContent.ObjectPermission(object, read, create, edit, delete, viewAll, modifyAll));
        }
        for (Element fp : children(x, "fieldPermissions")) {
            String field = text(fp, "field");
            if (!ctx.fieldKnown(field) && !compoundAddress(ctx, field)) {
                c.fail("In field: field - no CustomField named " + field + " found");
                return;
            }
        }
        Set<String> custom = new LinkedHashSet<>();
        for (Element cp : children(x, "customPermissions")) {
            String name = text(cp, "name");
            if (org.db().findOne("CustomPermission", "DeveloperName", name) == null
                    && !ctx.deploying("CustomPermission", name)) {
                c.fail("In field: customPermissions - no CustomPermission named " + name + " found");
                return;
            }
            if (bool(cp, "enabled", false)) {
                custom.add(name);
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        for (Element ca : children(x, "classAccesses")) {
            String name = text(ca, "apexClass");
            if (org.db().findOne("ApexClass", "Name", name) == null && !ctx.deploying("ApexClass", name)) {
                c.fail("In field: apexClass - no ApexClass named " + name + " found");
                return;
            }
            if (bool(ca, "enabled", false)) {
                classes.add(name);
            }
        }
        for (String access : List.of("customMetadataTypeAccesses", "customSettingAccesses")) {
            for (Element a : children(x, access)) {
                if (!ctx.objectKnown(text(a, "name"))) {
                    c.fail("In field: " + access + " - no CustomObject named " + text(a, "name") + " found");
                    return;
                }
            }
        }
        String license = text(x, "license");
        if (license != null && license.isEmpty()) {
            license = null;
        }
        if (license != null && !licenseExists(org, license)) {
            c.fail("In field: license - no license named " + license + " found");
            return;
        }
        Record existing = org.db().findOne("PermissionSet", "Name", c.fullName());
        if (existing != null && existing.is("IsOwnedByProfile")) {
            c.fail(c.fullName() + " is owned by a profile");
            return;
        }
        c.parsed(new PermissionSetContent(
                c.fullName(),
                label,
                text(x, "description"),
                license,
                bool(x, "hasActivationRequired", false),
                perms,
                objects,
                custom,
                classes));
    }

    private static boolean licenseExists(Org org, String license) {
        for (Record psl : org.db().rows("PermissionSetLicense", false)) {
            if (license.equalsIgnoreCase(psl.getString("DeveloperName"))
                    || license.equalsIgnoreCase(psl.getString("MasterLabel"))) {
                return true;
            }
        }
        return org.db().findOne("UserLicense", "Name", license) != null;
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        c.created(ctx.org().db().findOne("PermissionSet", "Name", c.fullName()) == null);
        c.id(ctx.org().metadata().deployPermissionSet(ctx.actor(), (PermissionSetContent) c.parsed()));
        ctx.keep(c);
    }

    @Override
    public List<String> list(Org org) {
        return org.db().rows("PermissionSet", false).stream()
                .filter(r -> !r.is("IsOwnedByProfile"))
                .map(r -> r.getString("Name"))
                .toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        return MetadataUnit.oneXmlFile(TYPE, member, readXml(org, member));
    }

    @Override
    public String readXml(Org org, String member) {
        String generated = org.metadata()
                .readPermissionSet(member)
                .map(PermissionSetUnit::generated)
                .orElse(null);
        DeployedFiles.StoredFile raw = DeployedFiles.of(org).get("PermissionSet", member);
        return generated == null || raw == null ? generated : withUnmodelled(generated, raw.bytes());
    }

    @Override
    public void delete(Org org, String actor, String member) {
        Record r = org.db().findOne("PermissionSet", "Name", member);
        if (r == null || r.is("IsOwnedByProfile")) {
            throw new IllegalArgumentException("No PermissionSet named " + member + " found");
        }
        org.db().delete(Caller.api(actor), r.id());
        DeployedFiles.of(org).remove("PermissionSet", member);
    }

    @Override
    public String recordId(Org org, String member) {
        return RecordBacked.id(org.db().findOne("PermissionSet", "Name", member));
    }

    /**
     * The generated permission set plus the deployed file's sections the org does not model, in schema order: a
     * retrieve-edit-deploy round trip must not drop them, since a deploy is a full replace.
     */
    private static String withUnmodelled(String generated, byte[] deployed) {
        try {
            Element gen = MetadataXml.parse(generated.getBytes(StandardCharsets.UTF_8));
            Element raw = MetadataXml.parse(deployed);
            TreeMap<String, StringBuilder> sections = new TreeMap<>();
            List<Element> objects = new ArrayList<>();
            for (Element e : children(gen)) {
                if (e.getLocalName().equals("objectPermissions")) {
                    keepUnmodelledChildren(e, raw);
                    objects.add(e);
                    continue;
                }
                sections.computeIfAbsent(e.getLocalName(), k -> new StringBuilder())
                        .append(XmlOut.render(e, "    "));
            }
            for (Element e : children(raw)) {
                boolean objectNotKept = e.getLocalName().equals("objectPermissions")
                        && children(gen, "objectPermissions").stream()
                                .noneMatch(g -> String.valueOf(MetadataXml.text(g, "object"))
                                        .equalsIgnoreCase(MetadataXml.text(e, "object")));
                if (objectNotKept) {
                    objects.add(e);
                } else if (!MODELLED.contains(e.getLocalName())) {
                    sections.computeIfAbsent(e.getLocalName(), k -> new StringBuilder())
                            .append(XmlOut.render(e, "    "));
                }
            }
            // Object permissions by object API name, case-sensitive, as a retrieve from the platform lists them.
            objects.sort((x, y) -> String.valueOf(MetadataXml.text(x, "object"))
                    .compareTo(String.valueOf(MetadataXml.text(y, "object"))));
            for (Element e : objects) {
                sections.computeIfAbsent("objectPermissions", k -> new StringBuilder())
                        .append(XmlOut.render(e, "    "));
            }
            return xml("PermissionSet", String.join("", sections.values()));
        } catch (MetadataXml.MalformedXml e) {
            return generated;
        }
    }

    /**
     * An object permission's settings the org does not model (e.g. {@code viewAllFields}) come back as deployed for
     * that object, in schema (alphabetical) order.
     */
    private static void keepUnmodelledChildren(Element generated, Element raw) {
        String object = MetadataXml.text(generated, "object");
        for (Element r : children(raw, "objectPermissions")) {
            if (object != null && object.equalsIgnoreCase(MetadataXml.text(r, "object"))) {
                for (Element extra : children(r)) {
                    if (MetadataXml.child(generated, extra.getLocalName()) == null) {
                        Element copy = (Element) generated.getOwnerDocument().importNode(extra, true);
                        Element before = null;
                        for (Element g : children(generated)) {
                            if (before == null && g.getLocalName().compareTo(extra.getLocalName()) > 0) {
                                before = g;
                            }
                        }
                        generated.insertBefore(copy, before);
                    }
                }
            }
        }
    }

    private static String generated(PermissionSetContent ps) {
        StringBuilder b = new StringBuilder();
        ps.classAccesses().stream()
                .sorted()
                .forEach(c -> b.append("    <classAccesses>\n")
                        .append(el2("apexClass", c))
                        .append(el2("enabled", "true"))
                        .append("    </classAccesses>\n"));
        ps.customPermissions().stream()
                .sorted()
                .forEach(c -> b.append("    <customPermissions>\n")
                        .append(el2("enabled", "true"))
                        .append(el2("name", c))
                        .append("    </customPermissions>\n"));
        b.append(el("description", ps.description()));
        b.append(el("hasActivationRequired", String.valueOf(ps.hasActivationRequired())));
        b.append(el("label", ps.label()));
        b.append(el("license", ps.license()));
        ps.objectPermissions().stream()
                .sorted((x, y) -> x.object().compareToIgnoreCase(y.object()))
                .forEach(o -> b.append("    <objectPermissions>\n")
                        .append(el2("allowCreate", String.valueOf(o.create())))
                        .append(el2("allowDelete", String.valueOf(o.delete())))
                        .append(el2("allowEdit", String.valueOf(o.edit())))
                        .append(el2("allowRead", String.valueOf(o.read())))
                        .append(el2("modifyAllRecords", String.valueOf(o.modifyAll())))
                        .append(el2("object", o.object()))
                        .append(el2("viewAllRecords", String.valueOf(o.viewAll())))
                        .append("    </objectPermissions>\n"));
        ps.userPermissions().stream()
                .sorted()
                .forEach(p -> b.append("    <userPermissions>\n")
                        .append(el2("enabled", "true"))
                        .append(el2("name", p))
                        .append("    </userPermissions>\n"));
        return xml("PermissionSet", b.toString());
    }

    /** A compound address field (Account.BillingAddress, Contact.MailingAddress): its Street component exists. */
    private static boolean compoundAddress(DeployContext ctx, String field) {
        return field != null
                && field.endsWith("Address")
                && !field.endsWith(".Address")
                && ctx.fieldKnown(field.substring(0, field.length() - "Address".length()) + "Street");
    }
}
