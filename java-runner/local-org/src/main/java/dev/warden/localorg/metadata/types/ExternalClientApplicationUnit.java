package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.XmlOut.el;
import static dev.warden.localorg.metadata.XmlOut.xml;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ExternalClientApplication: the app itself ({@code putEca}); its satellites keep their state. */
public final class ExternalClientApplicationUnit implements MetadataUnit {
    private static final MetadataType TYPE = MetadataType.xml("ExternalClientApplication", "externalClientApps", "eca");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    @Override
    public boolean keptOutsideTransaction() {
        return true;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, "ExternalClientApplication")) {
            return;
        }
        String label = text(c.xml(), "label");
        if (label == null || label.isEmpty()) {
            c.fail("Required field is missing: label");
            return;
        }
        String state = text(c.xml(), "distributionState");
        if (state != null && !Set.of("Local", "Packaged").contains(state)) {
            c.fail("Invalid distributionState " + state + ": expected Local or Packaged");
        }
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        c.created(org.metadata().eca(c.fullName()).isEmpty());
        org.metadata()
                .putEca(
                        ctx.actor(),
                        c.fullName(),
                        text(c.xml(), "label"),
                        text(c.xml(), "contactEmail"),
                        text(c.xml(), "description"),
                        text(c.xml(), "distributionState"));
        Record r = org.db().findOne("ExternalClientApplication", "DeveloperName", c.fullName());
        c.id(r == null ? null : r.id());
    }

    @Override
    public List<String> list(Org org) {
        return org.metadata().ecas().stream().map(ExternalClientApp::name).toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        org.metadata()
                .eca(member)
                .ifPresent(a -> out.put(
                        TYPE.fileName(member),
                        XmlOut.utf8(xml(
                                TYPE.name(),
                                el("contactEmail", a.contactEmail()) + el("description", a.description())
                                        + el("distributionState", a.distributionState())
                                        + "    <isProtected>false</isProtected>\n"
                                        + el("label", a.label())))));
        return out;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        if (org.metadata().eca(member).isEmpty()) {
            throw new IllegalArgumentException("No ExternalClientApplication named " + member + " found");
        }
        org.metadata().removeEca(actor, member);
    }

    @Override
    public String recordId(Org org, String member) {
        return RecordBacked.id(org.db().findOne("ExternalClientApplication", "DeveloperName", member));
    }
}
