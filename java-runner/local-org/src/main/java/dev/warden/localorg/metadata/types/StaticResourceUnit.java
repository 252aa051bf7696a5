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

/** StaticResource: a record holding the bytes as deployed (zipped resources stay one zip), contentType required. */
public final class StaticResourceUnit implements MetadataUnit {
    private static final MetadataType TYPE = MetadataType.withMeta("StaticResource", "staticresources", "resource");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (ctx.requireRoot(c, "StaticResource")
                && (text(c.xml(), "contentType") == null
                        || text(c.xml(), "contentType").isEmpty())) {
            c.fail("Required field is missing: contentType");
        }
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        c.created(org.db().findOne("StaticResource", "Name", c.fullName()) == null);
        c.id(org.metadata()
                .deployStaticResource(
                        ctx.actor(),
                        c.fullName(),
                        text(c.xml(), "contentType"),
                        c.content(),
                        text(c.xml(), "cacheControl"),
                        text(c.xml(), "description")));
    }

    @Override
    public List<String> list(Org org) {
        return org.db().rows("StaticResource", false).stream()
                .map(r -> r.getString("Name"))
                .toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Record r = org.db().findOne("StaticResource", "Name", member);
        if (r != null) {
            String path = TYPE.fileName(member);
            out.put(path, (byte[]) r.get("Body"));
            out.put(
                    path + "-meta.xml",
                    XmlOut.utf8(xml(
                            "StaticResource",
                            el("cacheControl", r.getString("CacheControl"))
                                    + el("contentType", r.getString("ContentType"))
                                    + el("description", r.getString("Description")))));
        }
        return out;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        RecordBacked.delete(org, actor, "StaticResource", member, files(org, member));
    }

    @Override
    public String recordId(Org org, String member) {
        return RecordBacked.id(org.db().findOne("StaticResource", "Name", member));
    }
}
