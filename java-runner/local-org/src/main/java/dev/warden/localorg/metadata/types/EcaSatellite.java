package dev.warden.localorg.metadata.types;

import static dev.warden.localorg.metadata.MetadataXml.text;
import static dev.warden.localorg.metadata.XmlOut.xml;

import dev.warden.localorg.metadata.Component;
import dev.warden.localorg.metadata.DeployContext;
import dev.warden.localorg.metadata.DeployedFiles;
import dev.warden.localorg.metadata.MetadataType;
import dev.warden.localorg.metadata.MetadataUnit;
import dev.warden.localorg.metadata.XmlOut;
import dev.warden.localorg.setup.ExternalClientApp;
import dev.warden.localorg.setup.Org;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the External Client App satellites (global OAuth settings, OAuth settings, OAuth policies, policies) share:
 * each names its parent app, which must be in the org or in the deploy; its member name is the one it was deployed
 * under, else the name Setup would give it ({@code <app><suffix>}); its XML is generated from the app's state.
 */
abstract class EcaSatellite implements MetadataUnit {
    private final MetadataType type;
    private final String setupSuffix;

    EcaSatellite(MetadataType type, String setupSuffix) {
        this.type = type;
        this.setupSuffix = setupSuffix;
    }

    @Override
    public final MetadataType type() {
        return type;
    }

    @Override
    public boolean keptOutsideTransaction() {
        return true;
    }

    /** The app holds this satellite's state. */
    abstract boolean present(ExternalClientApp app);

    /** The satellite's elements (schema order) for an app that has it. */
    abstract String body(ExternalClientApp app);

    @Override
    public void validate(Component c, DeployContext ctx) {
        validateParent(c, ctx);
    }

    /** Every ECA satellite names its parent; the parent must be in the org or in this deploy. */
    boolean validateParent(Component c, DeployContext ctx) {
        return validateParent(c, ctx, type.name());
    }

    static boolean validateParent(Component c, DeployContext ctx, String root) {
        if (!ctx.requireRoot(c, root)) {
            return false;
        }
        String parent = text(c.xml(), "externalClientApplication");
        if (parent == null || parent.isEmpty()) {
            c.fail("Required field is missing: externalClientApplication");
            return false;
        }
        if (ctx.org().metadata().eca(parent).isEmpty() && !ctx.deploying("ExternalClientApplication", parent)) {
            // A satellite deployed without its parent ECA fails (metadata-and-api.md 1.9 [COMMUNITY]); wording
            // UNCONFIRMED.
            c.fail("In field: externalClientApplication - no ExternalClientApplication named " + parent
                    + " found. Deploy the External Client App first, or in the same deploy.");
            return false;
        }
        return true;
    }

    /** The member name a satellite was deployed under, or the name Setup would give it. */
    String memberName(Org org, String app) {
        for (DeployedFiles.StoredFile f : DeployedFiles.of(org).ofType(type.name())) {
            String text = new String(f.bytes(), StandardCharsets.UTF_8);
            if (text.contains("<externalClientApplication>" + app + "</externalClientApplication>")) {
                return f.fullName();
            }
        }
        return app + setupSuffix;
    }

    private ExternalClientApp appOf(Org org, String member) {
        for (ExternalClientApp a : org.metadata().ecas()) {
            if (memberName(org, a.name()).equalsIgnoreCase(member)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public List<String> list(Org org) {
        List<String> out = new ArrayList<>();
        org.metadata().ecas().stream().filter(this::present).forEach(a -> out.add(memberName(org, a.name())));
        return out;
    }

    @Override
    public Map<String, byte[]> files(Org org, String member) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ExternalClientApp a = appOf(org, member);
        if (a != null && present(a)) {
            out.put(type.fileName(member), XmlOut.utf8(xml(type.name(), body(a))));
        }
        return out;
    }

    @Override
    public void delete(Org org, String actor, String member) {
        throw new IllegalArgumentException("deleteMetadata of " + type.name() + " is not supported by the local org"
                + " (delete its ExternalClientApplication)");
    }

    static List<String> splitList(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
