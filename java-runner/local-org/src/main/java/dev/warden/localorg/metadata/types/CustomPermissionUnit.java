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
import dev.warden.localorg.setup.Org;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CustomPermission: a CustomPermission record (by DeveloperName). */
public final class CustomPermissionUnit implements MetadataUnit {
    private static final MetadataType TYPE =
            MetadataType.xml("CustomPermission", "customPermissions", "customPermission");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        c.created(org.db().findOne("CustomPermission", "DeveloperName", c.fullName()) == null);
        c.id(org.metadata()
                .deployCustomPermission(
                        ctx.actor(), c.fullName(), text(c.xml(), "label"), text(c.xml(), "description")));
    }

    @Override
    public List<String> list(Org org) {
        return org.db().rows("CustomPermission", false).stream()
                .map(r -> r.getString("DeveloperName"))
                .toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Record r = org.db().findOne("CustomPermission", "DeveloperName", member);
        if (r != null) {
            out.put(
                    TYPE.fileName(member),
                    XmlOut.utf8(xml(
                            "CustomPermission",
                            el("description", r.getString("Description")) + "    <isLicensed>false</isLicensed>\n"
                                    + el("label", r.getString("MasterLabel")))));
        }
        return out;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        RecordBacked.delete(org, actor, "CustomPermission", member, files(org, member));
    }

    @Override
    public String recordId(Org org, String member) {
        return RecordBacked.id(org.db().findOne("CustomPermission", "DeveloperName", member));
    }
}
