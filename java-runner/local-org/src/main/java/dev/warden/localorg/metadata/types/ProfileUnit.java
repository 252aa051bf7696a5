package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.XmlOut.el2;
import static dev.warden.localorg.metadata.XmlOut.xml;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** Profile: only its login IP ranges are applied; the profile must exist (the local org does not create profiles). */
public final class ProfileUnit implements MetadataUnit {
    private static final MetadataType TYPE = MetadataType.xml("Profile", "profiles", "profile");

    @Override
    public MetadataType type() {
        return TYPE;
    }

    @Override
    public void validate(Component c, DeployContext ctx) {
        if (!ctx.requireRoot(c, "Profile")) {
            return;
        }
        if (ctx.org().db().findOne("Profile", "Name", c.fullName()) == null) {
            c.fail("The local org cannot create profiles: no Profile named " + c.fullName() + " found");
            return;
        }
        List<Element> ranges = children(c.xml(), "loginIpRanges");
        c.parsed(ranges.isEmpty() ? null : IpRanges.parse(ranges, "startAddress", "endAddress"));
    }

    @Override
    public boolean keptOutsideTransaction() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void apply(Component c, DeployContext ctx) {
        List<IpRange> ranges = (List<IpRange>) c.parsed();
        if (ranges != null) {
            ctx.org().metadata().setProfileLoginIpRanges(ctx.actor(), c.fullName(), ranges);
        }
        c.id(ctx.org().db().findOne("Profile", "Name", c.fullName()).id());
    }

    @Override
    public List<String> list(Org org) {
        return org.db().rows("Profile", false).stream()
                .map(r -> r.getString("Name"))
                .toList();
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (org.db().findOne("Profile", "Name", member) == null) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        for (IpRange r : org.metadata().profileLoginIpRanges(member)) {
            b.append("    <loginIpRanges>\n")
                    .append(el2("description", r.description()))
                    .append(el2("endAddress", r.end()))
                    .append(el2("startAddress", r.start()))
                    .append("    </loginIpRanges>\n");
        }
        out.put(TYPE.fileName(member), XmlOut.utf8(xml("Profile", b.toString())));
        return out;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        throw new IllegalArgumentException("deleteMetadata of Profile is not supported by the local org");
    }

    @Override
    public String recordId(Org org, String member) {
        return RecordBacked.id(org.db().findOne("Profile", "Name", member));
    }
}
