package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.child;
import static dev.warden.localorg.metadata.MetadataXml.children;
import static dev.warden.localorg.metadata.MetadataXml.localName;
import static dev.warden.localorg.metadata.XmlOut.el;
import static dev.warden.localorg.metadata.XmlOut.el2;
import static dev.warden.localorg.metadata.XmlOut.el3;
import static dev.warden.localorg.metadata.XmlOut.xml;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.setup.IpRange;
import dev.warden.localorg.setup.Org;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * Settings ({@code settings/Security.settings}, root {@code SecuritySettings}): leaf values merged into the org's
 * settings (flat keys such as {@code lockSessionsToIp}, plus one map per section for retrieve); Security's
 * {@code networkAccess} replaces every trusted IP range.
 */
public final class SettingsUnit implements MetadataUnit {
    private static final MetadataType TYPE = MetadataType.xml("Settings", "settings", "settings");

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
        if (!ctx.requireRoot(c, c.fullName() + "Settings")) {
            return;
        }
        if (c.fullName().equals("Security")) {
            Element network = child(c.xml(), "networkAccess");
            if (network != null) {
                c.parsed(IpRanges.parse(children(network, "ipRanges"), "start", "end"));
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void apply(Component c, DeployContext ctx) {
        Org org = ctx.org();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Element section : children(c.xml())) {
            String n = localName(section);
            if (n.equals("networkAccess")) {
                continue;
            }
            List<Element> leaves = children(section);
            if (leaves.isEmpty()) {
                values.put(n, value(section.getTextContent().trim()));
            } else {
                // Flat leaf keys are what the rest of the org reads (e.g. "lockSessionsToIp"); the section map keeps
                // the structure for retrieve and readMetadata. Both merge into what is there (settings semantics).
                Object old = org.metadata().settings(c.fullName()).get(n);
                Map<String, Object> sectionValues =
                        old instanceof Map<?, ?> m ? new TreeMap<>((Map<String, Object>) m) : new TreeMap<>();
                for (Element leaf : leaves) {
                    if (children(leaf).isEmpty()) {
                        values.put(localName(leaf), value(leaf.getTextContent().trim()));
                        sectionValues.put(
                                localName(leaf), value(leaf.getTextContent().trim()));
                    }
                }
                values.put(n, Collections.unmodifiableMap(sectionValues));
            }
        }
        if (c.parsed() != null) {
            org.metadata().setTrustedIpRanges(ctx.actor(), (List<IpRange>) c.parsed());
        }
        if (!values.isEmpty()) {
            org.metadata().putSettings(ctx.actor(), c.fullName(), values);
        }
    }

    private static Object value(String s) {
        return s.equals("true") || s.equals("false") ? (Object) Boolean.valueOf(s) : s;
    }

    @Override
    public List<String> list(Org org) {
        List<String> out = new ArrayList<>(org.metadata().allSettings().keySet());
        if (out.stream().noneMatch("Security"::equalsIgnoreCase)) {
            out.add("Security");
        }
        return out;
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        return MetadataUnit.oneXmlFile(TYPE, member, readXml(org, member));
    }

    @Override
    @SuppressWarnings("unchecked")
    public String readXml(Org org, String member) {
        Map<String, Object> values = org.metadata().settings(member);
        if (values.isEmpty() && !member.equals("Security")) {
            return null;
        }
        TreeMap<String, String> sections = new TreeMap<>();
        if (member.equals("Security")) {
            StringBuilder n = new StringBuilder("    <networkAccess>\n");
            for (IpRange r : org.metadata().trustedIpRanges()) {
                n.append("        <ipRanges>\n")
                        .append(el3("description", r.description()))
                        .append(el3("end", r.end()))
                        .append(el3("start", r.start()))
                        .append("        </ipRanges>\n");
            }
            sections.put("networkAccess", n.append("    </networkAccess>\n").toString());
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                StringBuilder s = new StringBuilder("    <" + e.getKey() + ">\n");
                new TreeMap<>((Map<String, Object>) m).forEach((k, v) -> s.append(el2(k, String.valueOf(v))));
                sections.put(
                        e.getKey(),
                        s.append("    </").append(e.getKey()).append(">\n").toString());
            }
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            boolean inSection =
                    values.values().stream().anyMatch(v -> v instanceof Map<?, ?> m && m.containsKey(e.getKey()));
            if (!(e.getValue() instanceof Map) && !inSection) {
                sections.put(e.getKey(), el(e.getKey(), String.valueOf(e.getValue())));
            }
        }
        return xml(member + "Settings", String.join("", sections.values()));
    }

    @Override
    public void delete(Org org, String actor, String member) {
        throw new IllegalArgumentException("deleteMetadata of Settings is not supported (settings can't be deleted)");
    }
}
