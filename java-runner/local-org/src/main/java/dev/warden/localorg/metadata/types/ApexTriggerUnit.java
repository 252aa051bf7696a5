package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.text;

import dev.warden.localorg.metadata.ApexSource;
import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** ApexTrigger: header parsed for its object (which must exist) and events; kept as a record with its status. */
public final class ApexTriggerUnit implements MetadataUnit {
    private static final MetadataType TYPE = MetadataType.withMeta("ApexTrigger", "triggers", "trigger");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, "ApexTrigger")) {
            return;
        }
        String body = new String(c.content(), StandardCharsets.UTF_8);
        ApexSource.SyntaxError[] err = new ApexSource.SyntaxError[1];
        ApexSource.TriggerHeader header = ApexSource.parseTrigger(body, err);
        if (err[0] != null) {
            c.fail(err[0].problem(), err[0].line(), err[0].column());
            return;
        }
        if (!ctx.objectKnown(header.object())) {
            // Wording UNCONFIRMED.
            c.fail("Invalid SObject type name: " + header.object(), 1, 1);
            return;
        }
        c.parsed(header);
    }

    @Override
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        ApexSource.TriggerHeader h = (ApexSource.TriggerHeader) c.parsed();
        String object = org.schema().get(h.object()) != null
                ? org.schema().get(h.object()).name()
                : h.object();
        c.created(org.db().findOne("ApexTrigger", "Name", c.fullName()) == null);
        c.id(org.metadata()
                .deployApexTrigger(
                        ctx.actor(),
                        c.fullName(),
                        object,
                        new String(c.content(), StandardCharsets.UTF_8),
                        RecordBacked.apiVersion(c.xml()),
                        !"Inactive".equals(text(c.xml(), "status")),
                        h.events()));
    }

    @Override
    public List<String> list(Org org) {
        return org.db().rows("ApexTrigger", false).stream()
                .map(r -> r.getString("Name"))
                .toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        return ApexClassUnit.apexFiles(org, TYPE, member);
    }

    @Override
    public void delete(Org org, String actor, String member) {
        RecordBacked.delete(org, actor, "ApexTrigger", member, files(org, member));
    }

    @Override
    public String recordId(Org org, String member) {
        return RecordBacked.id(org.db().findOne("ApexTrigger", "Name", member));
    }
}
