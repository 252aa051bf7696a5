package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.XmlOut.xml;

import dev.warden.localorg.data.Record;
import dev.warden.localorg.metadata.ApexSource;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ApexClass: parsed with apex-parser (first syntax error fails it with line and column), kept as a record. */
public final class ApexClassUnit implements MetadataUnit {
    private static final MetadataType TYPE = MetadataType.withMeta("ApexClass", "classes", "cls");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, "ApexClass")) {
            return;
        }
        String body = new String(c.content(), StandardCharsets.UTF_8);
        ApexSource.SyntaxError err = ApexSource.checkClass(body);
        if (err != null) {
            c.fail(err.problem(), err.line(), err.column());
        }
        c.parsed(body);
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        c.created(org.db().findOne("ApexClass", "Name", c.fullName()) == null);
        c.id(org.metadata()
                .deployApexClass(
                        ctx.actor(), c.fullName(), (String) c.parsed(), RecordBacked.apiVersion(c.xml()), true));
    }

    @Override
    public List<String> list(Org org) {
        return org.db().rows("ApexClass", false).stream()
                .map(r -> r.getString("Name"))
                .toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        return ApexClassUnit.apexFiles(org, TYPE, member);
    }

    static Map<String, byte[]> apexFiles(Org org, MetadataType type, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Record r = org.db().findOne(type.name(), "Name", member);
        if (r != null) {
            String path = type.fileName(member);
            out.put(path, String.valueOf(r.get("Body")).getBytes(StandardCharsets.UTF_8));
            out.put(
                    path + "-meta.xml",
                    XmlOut.utf8(xml(
                            type.name(),
                            "    <apiVersion>"
                                    + RecordBacked.version(r.get("ApiVersion")) + "</apiVersion>\n" + "    <status>"
                                    + r.getString("Status") + "</status>\n")));
        }
        return out;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        RecordBacked.delete(org, actor, "ApexClass", member, files(org, member));
    }

    @Override
    public String recordId(Org org, String member) {
        return RecordBacked.id(org.db().findOne("ApexClass", "Name", member));
    }
}
